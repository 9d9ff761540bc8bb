// Reading a video's current frame: a small thumbnail for motion and scene cuts, and a downscaled JPEG for the detector.
// Both throw nothing: a frame FaceVeil may not read (another site's video without CORS, DRM) gives null.
import { blobToDataUrl } from '@/lib/photo/base64';
import { GRID_H, GRID_W, toThumb, type Thumb } from '@/lib/video/motion';

/** Frames are scanned at most this large on the longer side: faces a viewer can recognise stay findable. */
const SCAN_SIDE = 640;

const thumb = new OffscreenCanvas(GRID_W, GRID_H);
const thumbCtx = thumb.getContext('2d', { willReadFrequently: true })!;

export function thumbnail(video: HTMLVideoElement): Thumb | null {
  try {
    thumbCtx.drawImage(video, 0, 0, GRID_W, GRID_H);
    return toThumb(thumbCtx.getImageData(0, 0, GRID_W, GRID_H).data, GRID_W, GRID_H);
  } catch {
    return null;
  }
}

/**
 * The frame shown now, at most SCAN_SIDE px across, as a JPEG data URL, with the size it was read at. Encoded by a
 * page canvas, whose toBlob works off the main thread (an OffscreenCanvas would encode on it, several times a second).
 */
export async function captureFrame(video: HTMLVideoElement): Promise<{ url: string; w: number; h: number } | null> {
  const k = Math.min(1, SCAN_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.max(1, Math.round(video.videoWidth * k));
  const h = Math.max(1, Math.round(video.videoHeight * k));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  try {
    canvas.getContext('2d')!.drawImage(video, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? { url: await blobToDataUrl(blob), w, h } : null;
  } catch {
    return null; // another site's frames: the canvas is tainted
  } finally {
    canvas.width = canvas.height = 0;
  }
}
