// Turns a scan request into the picture's bytes (the page's own pixels when sent, else a fetch with the extension's host permission), then into pixels.
import type { ScanRequest } from '@/lib/messages';
import { animationFrames } from './frames';

/** Larger images are downscaled before detection: beyond this the decode alone costs too much memory. */
const MAX_SIDE = 8192;
const MAX_BYTES = 60 * 1024 * 1024;
const DECODE_TIMEOUT_MS = 10_000;
/** Detection runs one image at a time: a server that never finishes must not hold up every image after it. */
const FETCH_TIMEOUT_MS = 20_000;

export class DecodeError extends Error {}

export interface Decoded {
  /** The picture; several frames spread over an animation (GIF, APNG, animated WebP). */
  frames: ImageBitmap[];
  /** The image's natural size (the frames may be smaller: shrunk by the page before sending, or here). */
  natural: { w: number; h: number };
}

/** `fetchImpl` is the unguarded fetch (see lib/network-guard): only this module fetches page images. */
export async function readScanBytes(request: ScanRequest, fetchImpl: typeof fetch): Promise<Blob> {
  const blob = request.pixels ? await dataUrlToBlob(request.pixels) : await fetchImage(request.src, fetchImpl);
  if (blob.size === 0) throw new DecodeError('empty image');
  if (blob.size > MAX_BYTES) throw new DecodeError(`image too large (${Math.round(blob.size / 1e6)} MB)`);
  return blob;
}

export async function decodeScanBytes(blob: Blob, request: ScanRequest): Promise<Decoded> {
  const animated = await animationFrames(blob);
  if (animated) {
    const frames = await Promise.all(animated.map((frame) => fitted(frame)));
    return { frames, natural: validSize(request.natural) ?? { w: animated[0]!.width, h: animated[0]!.height } };
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob).catch(() => decodeLikeThePage(blob));
  } catch {
    throw new DecodeError(`cannot decode ${blob.type || 'image'} (${blob.size} bytes)`);
  }
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close();
    throw new DecodeError('zero-size image');
  }
  const shown = validSize(request.natural);
  if (!request.pixels && shown && Math.abs(shown.w / shown.h - bitmap.width / bitmap.height) > 0.02 * (shown.w / shown.h)) {
    // The server answered this fetch with another picture than the page got (images that change per request).
    const got = `${bitmap.width}x${bitmap.height}`;
    bitmap.close();
    throw new DecodeError(`the server sent a ${got} picture, the page shows ${shown.w}x${shown.h}`);
  }
  // Sizes in requests and results are the page's natural px (srcset density included), else the file's own.
  const natural = shown ?? { w: bitmap.width, h: bitmap.height };
  return { frames: [await fitted(bitmap)], natural };
}

/** The bitmap itself, or a copy no larger than MAX_SIDE (normalized boxes do not depend on scale). */
async function fitted(bitmap: ImageBitmap): Promise<ImageBitmap> {
  const scale = MAX_SIDE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) return bitmap;
  const resized = await createImageBitmap(bitmap, {
    resizeWidth: Math.round(bitmap.width * scale),
    resizeHeight: Math.round(bitmap.height * scale),
    resizeQuality: 'medium',
  });
  bitmap.close();
  return resized;
}

/**
 * What an <img> shows of a file createImageBitmap refuses: a truncated JPEG is displayed by the page down to where its
 * data ends, so it must be scanned too. (Load events, not img.decode(), which never settles in this unrendered document.)
 */
async function decodeLikeThePage(blob: Blob): Promise<ImageBitmap> {
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    const loaded = new Promise<boolean>((resolve) => {
      img.onload = () => resolve(true);
      img.onerror = () => resolve(false);
      setTimeout(() => resolve(false), DECODE_TIMEOUT_MS);
    });
    img.src = url;
    if (!(await loaded) || !img.naturalWidth || !img.naturalHeight) throw new DecodeError('undecodable');
    // createImageBitmap(img) refuses a partial image; drawing it works.
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    return canvas.transferToImageBitmap();
  } finally {
    URL.revokeObjectURL(url);
  }
}

function validSize(size: ScanRequest['natural']): { w: number; h: number } | null {
  return size && Number.isFinite(size.w) && Number.isFinite(size.h) && size.w > 0 && size.h > 0 ? size : null;
}

async function fetchImage(src: string, fetchImpl: typeof fetch): Promise<Blob> {
  const url = new URL(src);
  if (!['http:', 'https:', 'data:'].includes(url.protocol)) {
    throw new DecodeError(`cannot fetch ${url.protocol} images from the extension`);
  }
  // Same URL the page loaded, with the same cookies; the extension's host permission lifts CORS.
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const failed = (e: unknown): never => {
    throw new DecodeError(signal.aborted ? `no complete answer within ${FETCH_TIMEOUT_MS / 1000} s` : `fetch failed: ${e instanceof Error ? e.message : String(e)}`);
  };
  const response = await fetchImpl(src, { credentials: 'include', cache: 'force-cache', signal }).catch(failed);
  if (!response.ok) throw new DecodeError(`fetch failed: HTTP ${response.status}`);
  return response.blob().catch(failed);
}

async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  if (!dataUrl.startsWith('data:image/')) throw new DecodeError('pixels are not an image data URL');
  return (await fetch(dataUrl)).blob();
}
