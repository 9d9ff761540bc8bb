// Reading a video's current frame: a tiny thumbnail for scene cuts, and a downscaled JPEG for the detector. Both throw
// nothing: a frame FaceVeil may not read (another site's video without CORS, DRM) gives null.
import { blobToDataUrl } from '@/lib/photo/base64';
import { luma, THUMB_H, THUMB_W } from '@/lib/video/cut';

/** Frames are scanned at most this large on the longer side: faces a viewer can recognise stay findable. */
const SCAN_SIDE = 640;

const thumb = new OffscreenCanvas(THUMB_W, THUMB_H);
const thumbCtx = thumb.getContext('2d', { willReadFrequently: true })!;

export function thumbnail(video: HTMLVideoElement): Float32Array | null {
  try {
    thumbCtx.drawImage(video, 0, 0, THUMB_W, THUMB_H);
    return luma(thumbCtx.getImageData(0, 0, THUMB_W, THUMB_H).data);
  } catch {
    return null;
  }
}

/** The frame shown now, at most SCAN_SIDE px across, as a JPEG data URL, with the size it was read at. */
export async function captureFrame(video: HTMLVideoElement): Promise<{ url: string; w: number; h: number } | null> {
  const k = Math.min(1, SCAN_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.max(1, Math.round(video.videoWidth * k));
  const h = Math.max(1, Math.round(video.videoHeight * k));
  const canvas = new OffscreenCanvas(w, h);
  try {
    canvas.getContext('2d')!.drawImage(video, 0, 0, w, h);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    return { url: await blobToDataUrl(blob), w, h };
  } catch {
    return null;
  }
}
