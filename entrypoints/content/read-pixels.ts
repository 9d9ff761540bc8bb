// Reads the pixels the page shows for an image, when the page is allowed to (same-origin, CORS-approved, blob:, data:).
import { blobToDataUrl } from '@/lib/photo/base64';

/** Larger images are sent downscaled; detection finds the same faces in a 4096-px copy of a panorama. */
const MAX_SIDE = 4096;

/**
 * A data URL of the image as decoded by the page, or null when the image is cross-origin (the
 * offscreen document then fetches it itself). Encoding runs in `toBlob`, off the page's main thread.
 */
export async function readPixels(img: HTMLImageElement): Promise<string | null> {
  const src = img.currentSrc || img.src;
  if (src.startsWith('data:image/') && !src.startsWith('data:image/svg')) return src;
  if (!mayRead(img, src)) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  try {
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
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
    return url.protocol === 'blob:' || url.origin === location.origin || img.crossOrigin !== null;
  } catch {
    return false;
  }
}
