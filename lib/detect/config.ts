// The product's detector configuration, shared by every place that loads a detector (offscreen document, app page).
import { isEquirectangular, type TilePlanOptions } from './tile-plan';

export const MODEL_PATH = '/models/face_detection_full_range.tflite';
export const WASM_PATH = '/mediapipe/';

/** Lowest score the detector reports: below every threshold a user can pick, so thresholds apply without rescanning. */
export const DETECTOR_FLOOR = 0.2;

/** How hard to look for small faces; each step costs more detector calls (see README, "How detection works"). */
export type SearchDepth = 'fast' | 'balanced' | 'thorough';

export const SEARCH_DEPTHS: Record<SearchDepth, { minFacePx: number; callsPerMegapixel: number; maxCalls: number }> = {
  fast: { minFacePx: 40, callsPerMegapixel: 12, maxCalls: 60 },
  balanced: { minFacePx: 20, callsPerMegapixel: 40, maxCalls: 240 },
  thorough: { minFacePx: 12, callsPerMegapixel: 160, maxCalls: 800 },
};

/** The tile plan for an image of this size at this depth. */
export function planFor(depth: SearchDepth, width: number, height: number): TilePlanOptions {
  const d = SEARCH_DEPTHS[depth];
  const megapixels = (width * height) / 1e6;
  return {
    minFacePx: d.minFacePx,
    maxTiles: Math.max(1, Math.min(d.maxCalls, Math.ceil(megapixels * d.callsPerMegapixel))),
    wrap: isEquirectangular(width, height),
  };
}
