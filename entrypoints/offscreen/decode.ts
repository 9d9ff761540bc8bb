// Turns a scan request into decoded pixels: the page's own pixels when sent, else a fetch with the extension's host permission.
import type { ScanRequest } from '@/lib/messages';

/** Larger images are downscaled before detection: beyond this the decode alone costs too much memory. */
const MAX_SIDE = 8192;
const MAX_BYTES = 60 * 1024 * 1024;

export class DecodeError extends Error {}

export interface Decoded {
  bitmap: ImageBitmap;
  /** The image's natural size (the bitmap may be smaller: shrunk by the page before sending, or here). */
  natural: { w: number; h: number };
}

/** `fetchImpl` is the unguarded fetch (see lib/network-guard): only this module fetches page images. */
export async function decodeScanRequest(request: ScanRequest, fetchImpl: typeof fetch): Promise<Decoded> {
  const blob = request.pixels ? await dataUrlToBlob(request.pixels) : await fetchImage(request.src, fetchImpl);
  if (blob.size === 0) throw new DecodeError('empty image');
  if (blob.size > MAX_BYTES) throw new DecodeError(`image too large (${Math.round(blob.size / 1e6)} MB)`);
  if (blob.type.includes('svg')) throw new DecodeError('SVG images are not scanned');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new DecodeError(`cannot decode ${blob.type || 'image'} (${blob.size} bytes)`);
  }
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close();
    throw new DecodeError('zero-size image');
  }
  const sent = request.pixels && Number.isFinite(request.naturalWidth) && request.naturalWidth! > 0;
  const natural = sent
    ? { w: request.naturalWidth!, h: Math.round((bitmap.height * request.naturalWidth!) / bitmap.width) }
    : { w: bitmap.width, h: bitmap.height };
  const scale = MAX_SIDE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) return { bitmap, natural };
  // Normalized boxes do not depend on scale, so a smaller copy answers the same question.
  const resized = await createImageBitmap(bitmap, {
    resizeWidth: Math.round(bitmap.width * scale),
    resizeHeight: Math.round(bitmap.height * scale),
    resizeQuality: 'medium',
  });
  bitmap.close();
  return { bitmap: resized, natural };
}

async function fetchImage(src: string, fetchImpl: typeof fetch): Promise<Blob> {
  const url = new URL(src);
  if (!['http:', 'https:', 'data:'].includes(url.protocol)) {
    throw new DecodeError(`cannot fetch ${url.protocol} images from the extension`);
  }
  // Same URL the page loaded, with the same cookies; the extension's host permission lifts CORS.
  const response = await fetchImpl(src, { credentials: 'include', cache: 'force-cache' }).catch((e: unknown) => {
    throw new DecodeError(`fetch failed: ${e instanceof Error ? e.message : String(e)}`);
  });
  if (!response.ok) throw new DecodeError(`fetch failed: HTTP ${response.status}`);
  return response.blob();
}

async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  if (!dataUrl.startsWith('data:image/')) throw new DecodeError('pixels are not an image data URL');
  return (await fetch(dataUrl)).blob();
}
