// Reads the pixels the page shows for an image, when the page is allowed to (same-origin, CORS-approved, blob:, data:), shrunk to what detection needs.
import { blobToDataUrl } from '@/lib/photo/base64';

/** Never more than this on the longer side: the detector's finest pass has no use for more. */
const MAX_SIDE = 4096;
/**
 * Drawing a picture larger than this from the page's own copy would decode and resample it on the page's main thread
 * (a 24-megapixel photo: ~150 ms, 12000x12000: seconds), and even createImageBitmap resizes on the main thread (300 ms
 * for 12000x12000). The offscreen document fetches such files itself; a blob: or data: one is decoded here, off thread.
 */
const DRAW_LIMIT_PX = 4e6;
/** Formats that can animate: drawing the image would capture the frame on screen now, not the others. */
const ANIMATABLE = /^data:image\/(gif|png|apng|webp)[;,]|\.(gif|png|apng|webp)([?#]|$)/i;
/** An animation larger than this is left to the offscreen document to fetch (it would not fit a message well). */
const MAX_ANIMATION_BYTES = 8e6;

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
  if (ANIMATABLE.test(src)) {
    const animation = await animationFile(src);
    if (animation === 'too large') return null;
    if (animation) return blobToDataUrl(animation);
  }
  const w = Math.max(1, Math.round(natural.w * k));
  const h = Math.max(1, Math.round(natural.h * k));
  const huge = natural.w * natural.h > DRAW_LIMIT_PX;
  if (huge && /^https?:/i.test(src)) return null;
  const decoded = huge ? await decodeOffThread(img, src, w, h) : null;
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
    // 'medium': 'high' resamples on the main thread for a third of a second at 144 megapixels.
    const bitmap = await createImageBitmap(await response.blob(), { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
    const sameShape = Math.abs(bitmap.width / bitmap.height - img.naturalWidth / img.naturalHeight) < 0.01;
    if (!sameShape) bitmap.close();
    return sameShape ? bitmap : null;
  } catch {
    return null;
  }
}

/** The file itself when it is an animation (all its frames get scanned), else null. */
async function animationFile(src: string): Promise<Blob | 'too large' | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  try {
    const blob = await (await fetch(src, { cache: 'force-cache', signal: AbortSignal.timeout(10_000) })).blob();
    if (!(await ImageDecoder.isTypeSupported(blob.type))) return null;
    const decoder = new ImageDecoder({ data: await blob.arrayBuffer(), type: blob.type });
    try {
      await decoder.tracks.ready;
      if (!decoder.tracks.selectedTrack?.animated) return null;
      return blob.size > MAX_ANIMATION_BYTES ? 'too large' : blob;
    } finally {
      decoder.close();
    }
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
