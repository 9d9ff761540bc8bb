// BlazeFace's multi-scale plan: a whole-image pass, then levels of overlapping tiles within a call budget (its 192-px window sees only big faces).
import { isEquirectangular, type Tile } from '../tiles';

export interface TilePlanOptions {
  /** Smallest face (px) the plan tries to see. */
  minFacePx?: number;
  /** Detector-call budget, whole-image pass included. Default: `defaultTileBudget(width, height)`. */
  maxTiles?: number;
  /** Smallest face the detector finds, as a fraction of its (letterboxed) input side. */
  minFaceFraction?: number;
  /** Largest ratio between the tile sides of two consecutive levels. */
  scaleStep?: number;
  /** Treat the image as a 360° panorama: tiles wrap around the left/right seam. */
  wrap?: boolean;
  /** Vertical band (fractions of height) the finest level keeps when a panorama plan is over budget. */
  horizonBand?: [number, number];
}

/** BlazeFace full range looks at 192x192: every tile is drawn at that size, so each call costs the same. */
export const BLAZEFACE_WINDOW_PX = 192;
// BlazeFace full-range finds faces down to ~1/7..1/9 of its 192 px window (256 px tiles found 27 px faces,
// 384 px tiles missed them), so a level with tile side T is trusted for faces >= T/8.
const DEFAULT_MIN_FACE_FRACTION = 1 / 8;
/** The smallest face, in window px, the plan relies on BlazeFace to find. */
export const BLAZEFACE_MIN_FACE_PX = BLAZEFACE_WINDOW_PX * DEFAULT_MIN_FACE_FRACTION;
// Level sides shrink by at most 2x: overlap must be >= the biggest face a level handles (= step * its smallest),
// so a bigger step costs more overlap and a smaller one costs more levels; 2 is close to the cheapest.
const DEFAULT_SCALE_STEP = 2;
const DEFAULT_MIN_FACE_PX = 16;
// Cost is mostly per detector call, so the default budget grows with the area to search:
// about one call per 256x256 source pixels (400x300 -> 2, 1920x1080 -> 32, 4096x2048 -> 128).
const PIXELS_PER_TILE = 160 * 160;
const MAX_DEFAULT_TILES = 320;

export function defaultTileBudget(width: number, height: number): number {
  return Math.min(MAX_DEFAULT_TILES, Math.max(1, Math.ceil((width * height) / PIXELS_PER_TILE)));
}

/**
 * Tiles ordered coarse -> fine (whole image first) so callers can publish results level by level.
 *
 * Scale rule: the whole-image pass finds faces >= f*L (L = longer side, f = minFaceFraction). Below it,
 * n levels with tile sides L/r, L/r², ... reach minFacePx (r <= scaleStep, spread evenly). Level k with
 * tile side T finds faces in [f*T, r*f*T); bigger ones belong to level k-1.
 * Overlap rule: neighbouring tiles of a level overlap by >= r*f*T (its biggest face), so any face that
 * level is responsible for lies wholly inside at least one of its tiles, wherever it is.
 * Budget rule: if the plan needs more than maxTiles calls, a panorama first restricts its finest level to
 * the horizon band; if still too many, minFacePx is raised until the plan fits.
 */
export function planTiles(width: number, height: number, opts: TilePlanOptions = {}): Tile[] {
  const budget = Math.max(1, opts.maxTiles ?? defaultTileBudget(width, height));
  let minFace = opts.minFacePx ?? DEFAULT_MIN_FACE_PX;
  for (;;) {
    const full = buildPlan(width, height, minFace, false, opts);
    if (full.length <= budget) return full;
    if (opts.wrap ?? isEquirectangular(width, height)) {
      const banded = buildPlan(width, height, minFace, true, opts);
      if (banded.length <= budget) return banded;
    }
    minFace *= 1.1; // ends at the whole-image pass alone, which always fits
  }
}

function buildPlan(width: number, height: number, minFace: number, bandFinest: boolean, opts: TilePlanOptions): Tile[] {
  const f = opts.minFaceFraction ?? DEFAULT_MIN_FACE_FRACTION;
  const wrap = opts.wrap ?? isEquirectangular(width, height);
  const band = opts.horizonBand ?? [0.2, 0.85];
  const longSide = Math.max(width, height);
  const wholeMinFace = f * longSide;
  const tiles: Tile[] = [{ x: 0, y: 0, w: width, h: height, level: 0, minFacePx: wholeMinFace, maxFacePx: Infinity }];
  if (wholeMinFace <= minFace) return tiles;
  const levels = Math.ceil(Math.log(wholeMinFace / minFace) / Math.log(opts.scaleStep ?? DEFAULT_SCALE_STEP));
  const ratio = Math.pow(wholeMinFace / minFace, 1 / levels);
  for (let level = 1; level <= levels; level++) {
    // Counted up from minFace so the finest level lands on it exactly, not 1e-15 above.
    const levelMinFace = minFace * Math.pow(ratio, levels - level);
    const side = levelMinFace / f;
    const maxFace = levelMinFace * ratio;
    const tileW = Math.min(Math.ceil(side), width);
    const tileH = Math.min(Math.ceil(side), height);
    // +1 px so that rounding tile positions to whole pixels never eats into the required overlap.
    const overlap = Math.ceil(maxFace) + 1;
    const xs = wrap && tileW < width ? circularStarts(width, tileW, overlap) : linearStarts(0, width, tileW, overlap);
    let ys = linearStarts(0, height, tileH, overlap);
    if (bandFinest && level === levels) {
      const top = Math.floor(band[0] * height);
      const bottom = Math.ceil(band[1] * height);
      ys = bottom - top >= tileH
        ? linearStarts(top, bottom, tileH, overlap)
        : [clamp(Math.round((top + bottom - tileH) / 2), 0, height - tileH)];
    }
    if (wrap) {
      // In panoramas faces cluster near the horizon: visit those rows first within each level.
      const horizon = ((band[0] + band[1]) / 2) * height;
      ys = [...ys].sort((a, b) => Math.abs(a + tileH / 2 - horizon) - Math.abs(b + tileH / 2 - horizon));
    }
    for (const y of ys) {
      for (const x of xs) tiles.push({ x, y, w: tileW, h: tileH, level, minFacePx: levelMinFace, maxFacePx: maxFace });
    }
  }
  return tiles;
}

/** Evenly spaced starts of `size`-long tiles covering [from, to] with neighbours overlapping by >= overlap. */
function linearStarts(from: number, to: number, size: number, overlap: number): number[] {
  const length = to - from;
  if (size >= length) return [from];
  const count = Math.ceil((length - overlap) / Math.max(1, size - overlap));
  const stride = (length - size) / (count - 1);
  return Array.from({ length: count }, (_, i) => from + Math.round(i * stride));
}

/** Starts around a circle of circumference `length`; the last tile runs past the end and wraps to 0. */
function circularStarts(length: number, size: number, overlap: number): number[] {
  const count = Math.ceil(length / Math.max(1, size - overlap));
  return Array.from({ length: count }, (_, i) => Math.round((i * length) / count));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
