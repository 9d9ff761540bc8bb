// Reads the pixels the page shows for an image, when the page is allowed to (same-origin, CORS-approved, blob:, data:), shrunk to what detection needs.
import { blobToDataUrl } from '@/lib/photo/base64';

/** Never more than this on the longer side: the detector's finest pass has no use for more. */
const MAX_SIDE = 4096;
/**
 * Drawing a picture larger than this from the page's own copy would decode and resample it on the page's main thread
 * (a 24-megapixel photo: ~150 ms, 12000x12000: seconds). Those are decoded again from the file, off the main thread.
 */
const DRAW_LIMIT_PX = 4e6;

/**
 * The image as decoded by the page as a data URL, scaled by `scale` (<= 1), or null when the image is cross-origin (the
 * offscreen document then fetches it itself). Encoding runs in `toBlob`, off the page's main thread.
 */
export async function readPixels(img: HTMLImageElement, scale: number): Promise<string | null> {
  const src = img.currentSrc || img.src;
  const natural = { w: img.naturalWidth, h: img.naturalHeight };
  const k = Math.min(scale, MAX_SIDE / Math.max(natural.w, natural.h), 1);
  if (src.startsWith('data:image/') && !src.startsWith('data:image/svg') && k >= 1) return src;
  if (!mayRead(img, src)) return null;
  const w = Math.max(1, Math.round(natural.w * k));
  const h = Math.max(1, Math.round(natural.h * k));
  const decoded = natural.w * natural.h > DRAW_LIMIT_PX ? await decodeOffThread(img, src, w, h) : null;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  try {
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high'; // a strong downscale must average, not skip, pixels
    ctx.drawImage(decoded ?? img, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    return blob ? await blobToDataUrl(blob) : null;
  } catch {
    return null; // tainted after all (e.g. a redirect to another origin)
  } finally {
    decoded?.close();
    canvas.width = canvas.height = 0;
  }
}

/**
 * The file again (from the page's HTTP cache, as the page may read it), decoded and shrunk on a worker thread.
 * Null when it cannot be read that way, or when it is not the picture the page shows (an image that changes per
 * request): the caller then draws the page's own copy.
 */
async function decodeOffThread(img: HTMLImageElement, src: string, w: number, h: number): Promise<ImageBitmap | null> {
  try {
    const credentials = img.crossOrigin === 'use-credentials' ? 'include' : 'same-origin';
    const response = await fetch(src, { cache: 'force-cache', credentials, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return null;
    const bitmap = await createImageBitmap(await response.blob(), { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    const sameShape = Math.abs(bitmap.width / bitmap.height - img.naturalWidth / img.naturalHeight) < 0.01;
    if (!sameShape) bitmap.close();
    return sameShape ? bitmap : null;
  } catch {
    return null;
  }
}

function mayRead(img: HTMLImageElement, src: string): boolean {
  try {
    const url = new URL(src, document.baseURI);
    return url.protocol === 'blob:' || url.protocol === 'data:' || url.origin === location.origin || img.crossOrigin !== null;
  } catch {
    return false;
  }
}
