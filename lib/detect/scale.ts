// How small a face the detector must find in an image, from how large the screen shows it: a face matters when a person could see it.
import { BLAZEFACE_MIN_FACE_PX } from './blazeface/plan';
import type { DetectorChoice } from './engine';
import { YUNET_MIN_FACE_PX } from './yunet/plan';

export interface Size {
  w: number;
  h: number;
}

/**
 * Full resolution: faces down to 10 px of the file itself, the smallest the dev set counts. The Face Blur
 * app, `npm run eval` and images whose drawn size is unknown scan at this.
 */
export const FULL_RESOLUTION_MIN_FACE_PX = 10;
/** The size (px) each detector scales the smallest wanted face to: the pixels sent need no more detail than that. */
const DETAIL_PX: Record<DetectorChoice, number> = {
  yunet: YUNET_MIN_FACE_PX,
  'yunet+blazeface': YUNET_MIN_FACE_PX, // BlazeFace only makes one whole-image call beside YuNet
  blazeface: BLAZEFACE_MIN_FACE_PX,
};
/** Quarter-octave steps: small layout changes neither rescan nor split the cache. */
const STEPS_PER_OCTAVE = 4;
/** Never look for faces smaller than this many natural px (an image drawn far larger than its file). */
const SMALLEST_MIN_FACE_PX = 4;

/**
 * The smallest face, in natural px, that shows at least `minScreenPx` device px tall where the image is
 * drawn `drawn` device px large (its whole natural picture as painted: object-fit, srcset and zoom included).
 * Rounded down to a quarter octave.
 */
export function minFaceForView(natural: Size, drawn: Size | null, minScreenPx: number): number {
  if (!drawn || !(drawn.w > 0 && drawn.h > 0) || !(natural.w > 0 && natural.h > 0)) return FULL_RESOLUTION_MIN_FACE_PX;
  // Stretched images (object-fit: fill) show faces larger one way: take the larger magnification.
  const magnification = Math.max(drawn.w / natural.w, drawn.h / natural.h);
  return quantize(Math.max(SMALLEST_MIN_FACE_PX, minScreenPx / magnification));
}

/** Down to the quarter-octave grid (never up: rounding must not miss faces). */
export function quantize(minFacePx: number): number {
  return Math.pow(2, Math.floor(Math.log2(minFacePx) * STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE);
}

/** Whether a scan that found faces down to `scannedPx` still covers a view that needs `neededPx`. */
export function covers(scannedPx: number, neededPx: number): boolean {
  return scannedPx <= neededPx * 1.001;
}

/**
 * How far the pixels sent for detection may be shrunk (1 = natural size): the detector resamples to put the
 * smallest wanted face at its DETAIL_PX anyway, so more detail than that is never used. A margin of a quarter
 * keeps the last resample a real downscale.
 */
export function pixelScale(minFacePx: number, detector: DetectorChoice): number {
  return Math.min(1, (1.25 * DETAIL_PX[detector]) / minFacePx);
}
