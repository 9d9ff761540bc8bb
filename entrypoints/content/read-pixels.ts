// Reads the pixels the page shows for an image, when the page is allowed to (same-origin, CORS-approved, blob:, data:), shrunk to what detection needs.
import { blobToDataUrl } from '@/lib/photo/base64';

/** Never more than this on the longer side: the detector's finest pass has no use for more. */
const MAX_SIDE = 4096;

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
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(natural.w * k));
  canvas.height = Math.max(1, Math.round(natural.h * k));
  try {
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high'; // a strong downscale must average, not skip, pixels
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    return blob ? await blobToDataUrl(blob) : null;
  } catch {
    return null; // tainted after all (e.g. a redirect to another origin)
  } finally {
    canvas.width = canvas.height = 0;
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
