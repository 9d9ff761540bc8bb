// The frames of an animated picture (GIF, APNG, animated WebP): a face may show in any of them, not only the first.
const MAX_FRAMES = 16;

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
    for (const frameIndex of picks) {
      const { image } = await decoder.decode({ frameIndex });
      try {
        frames.push(await createImageBitmap(image));
      } finally {
        image.close();
      }
    }
    return frames;
  } catch {
    return null; // not decodable this way: the still path decides
  } finally {
    decoder.close();
  }
}
