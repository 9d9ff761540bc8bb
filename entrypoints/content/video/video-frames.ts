// Reading a video's current frame: a small thumbnail for motion and scene cuts, and a downscaled JPEG for the detector.
// Both throw nothing: a frame FaceVeil may not read (another site's video without CORS, DRM) gives null.
import { blobToDataUrl } from '@/lib/photo/base64';
import { GRID_H, GRID_W, toThumb, type Thumb } from '@/lib/video/motion';

/** Frames are scanned at most this large on the longer side: faces a viewer can recognise stay findable. */
const SCAN_SIDE = 640;

const thumb = new OffscreenCanvas(GRID_W, GRID_H);
const thumbCtx = thumb.getContext('2d', { willReadFrequently: true })!;

/**
 * One frame of a video, to check, scan and draw: the element itself gives whatever frame the compositor holds at each
 * read, so two reads in one callback can be two frames (on a busy machine, a cut's first frame was drawn after the
 * frame before it had been checked). A WebCodecs VideoFrame holds one; where there is none, the element is read.
 */
export interface Shot {
  source: CanvasImageSource;
  w: number;
  h: number;
  close(): void;
}

export function snapshot(video: HTMLVideoElement): Shot {
  try {
    const frame = new VideoFrame(video);
    return { source: frame, w: frame.displayWidth, h: frame.displayHeight, close: () => frame.close() };
  } catch {
    // No WebCodecs, no frame yet, or frames FaceVeil may not read (thumbnail() tells).
    return { source: video, w: video.videoWidth, h: video.videoHeight, close: () => undefined };
  }
}

export function thumbnail(shot: Shot): Thumb | null {
  try {
    thumbCtx.drawImage(shot.source, 0, 0, GRID_W, GRID_H);
    return toThumb(thumbCtx.getImageData(0, 0, GRID_W, GRID_H).data, GRID_W, GRID_H);
  } catch {
    return null;
  }
}

/**
 * The frame, at most SCAN_SIDE px across, as a JPEG data URL, with the size it was read at. Drawn before this returns
 * (the shot may be closed then); encoded by a page canvas, whose toBlob works off the main thread (an OffscreenCanvas
 * would encode on it, several times a second).
 */
export async function captureFrame(shot: Shot): Promise<{ url: string; w: number; h: number } | null> {
  const k = Math.min(1, SCAN_SIDE / Math.max(shot.w, shot.h));
  const w = Math.max(1, Math.round(shot.w * k));
  const h = Math.max(1, Math.round(shot.h * k));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  try {
    canvas.getContext('2d')!.drawImage(shot.source, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? { url: await blobToDataUrl(blob), w, h } : null;
  } catch {
    return null; // another site's frames: the canvas is tainted
  } finally {
    canvas.width = canvas.height = 0;
  }
}
