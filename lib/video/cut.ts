// Scene cuts in a video, from tiny greyscale thumbnails of consecutive frames: a cut moves every face at once, so the
// covers from the last detection no longer hold and the whole frame is blurred until the next detection.

/** Thumbnail side: enough to tell a cut from motion, cheap to read back every frame. */
export const THUMB_W = 16;
export const THUMB_H = 9;

/** Mean absolute difference above which two frames count as different scenes (0-255 luma). */
export const CUT_THRESHOLD = 30;

/** Luma of an RGBA thumbnail. */
export function luma(rgba: Uint8ClampedArray): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  return out;
}

/**
 * How different two thumbnails are, 0-255, after taking out a change of overall brightness (a fade or an exposure
 * change is not a cut).
 */
export function thumbDifference(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  const shift = (meanB - meanA) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(b[i]! - a[i]! - shift);
  return sum / n;
}

export function isCut(a: Float32Array, b: Float32Array): boolean {
  return thumbDifference(a, b) > CUT_THRESHOLD;
}
