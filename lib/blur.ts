// How much of the picture a face's blur covers and how strong it is: pure numbers shared by the overlay and the app page.
import type { NormBox } from './face';
import type { Rect } from './geometry';

/**
 * Face boxes (lib/detect/calibration.ts) run from the hairline to the chin and cheek to cheek; hair,
 * ears and jaw line still identify a person, so the covered area grows the box, most of all upwards.
 */
const GROW = { left: 0.15, right: 0.15, top: 0.22, bottom: 0.1 } as const;

/** The area to blur for a detected face (same units as the input), not clipped to the image. */
export function coverBox<T extends NormBox | Rect>(face: T): T {
  return {
    ...face,
    x: face.x - face.w * GROW.left,
    y: face.y - face.h * GROW.top,
    w: face.w * (1 + GROW.left + GROW.right),
    h: face.h * (1 + GROW.top + GROW.bottom),
  };
}

export interface BlurParams {
  /** Cells across the face's height in the mosaic drawn before blurring (fewer = coarser). */
  mosaicCells: number;
  /** Gaussian blur radius in the same units as the face height. */
  radius: number;
}

/**
 * Blur that grows with the face: the face is first reduced to a few cells (which no blur can undo),
 * then blurred with a radius proportional to its height, so a big face never gets a tiny blur.
 * `strength` runs 3..10 (see settings).
 */
export function blurParams(faceHeight: number, strength: number): BlurParams {
  const s = Math.min(10, Math.max(1, strength));
  return {
    mosaicCells: Math.max(3, Math.round(30 / s)),
    radius: Math.max(2, (faceHeight * s) / 60),
  };
}

/** The finest mosaic any strength uses: cells across the cover's height at the lowest strength (see blurParams). */
export const MOSAIC_GRID_CELLS = 10;

/**
 * What a cover needs sampled around it (same units as the cover): the margin the blur reads beyond the shape at the
 * strongest setting, 2 x its radius (blurParams at strength 10: cover height / 6).
 */
export function sampleArea<T extends NormBox | Rect>(cover: T): T {
  const margin = (2 * blurParams(cover.h, 10).radius);
  return { ...cover, x: cover.x - margin, y: cover.y - margin, w: cover.w + 2 * margin, h: cover.h + 2 * margin };
}
