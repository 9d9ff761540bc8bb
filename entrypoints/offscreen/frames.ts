// The frames of an animated picture (GIF, APNG, animated WebP): a face may show in any of them, not only the first.
import { backingSize } from '@/lib/geometry';

const MAX_FRAMES = 16;
/** The frames kept for detection share this many pixels (128 MB decoded): a large animation's frames are shrunk. */
const FRAMES_BUDGET_PX = 32e6;

/**
 * Up to MAX_FRAMES frames spread over the animation, or null for a still picture (or a browser without ImageDecoder).
 * ImageDecoder decodes off this thread, frame by frame.
 */
export async function animationFrames(blob: Blob): Promise<ImageBitmap[] | null> {
  if (typeof ImageDecoder === 'undefined' || !/^image\/(gif|png|apng|webp)$/.test(blob.type)) return null;
  if (!(await ImageDecoder.isTypeSupported(blob.type))) return null;
  const decoder = new ImageDecoder({ data: await blob.arrayBuffer(), type: blob.type });
  try {
    await decoder.tracks.ready;
    const track = decoder.tracks.selectedTrack;
    if (!track?.animated) return null;
    await decoder.completed; // frameCount is final once the whole file is parsed
    const count = track.frameCount;
    if (count < 2) return null;
    const picks = [...new Set(Array.from({ length: Math.min(count, MAX_FRAMES) }, (_, i) => Math.floor((i * count) / Math.min(count, MAX_FRAMES))))];
    const frames: ImageBitmap[] = [];
    try {
      for (const frameIndex of picks) {
        const { image } = await decoder.decode({ frameIndex });
        try {
          frames.push(await createImageBitmap(image, shrinkTo(image.displayWidth, image.displayHeight, FRAMES_BUDGET_PX / picks.length)));
        } finally {
          image.close();
        }
      }
    } catch (error) {
      for (const frame of frames) frame.close();
      throw error;
    }
    return frames;
  } catch {
    return null; // not decodable this way: the still path decides
  } finally {
    decoder.close();
  }
}

/** Resize options that bring a w×h frame within `maxPx` pixels (none when it already is). */
function shrinkTo(w: number, h: number, maxPx: number): ImageBitmapOptions {
  const size = backingSize(w, h, 1, maxPx);
  return size.w < w ? { resizeWidth: size.w, resizeHeight: size.h, resizeQuality: 'high' } : {};
}
