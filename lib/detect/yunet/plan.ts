// YuNet's passes: the finest scale set by the smallest face wanted, coarser passes for faces too big for the network, big passes cut into tiles.
import { isEquirectangular, type Tile } from '../tiles';

/** Face heights (px at the network's input) YuNet finds well; it was trained on WIDER FACE at about these sizes. */
export const YUNET_MIN_FACE_PX = 10;
export const YUNET_MAX_FACE_PX = 256;
/** Each coarser pass is this much smaller. */
const COARSE_STEP = 4;
/**
 * Coarser passes go on until the picture's short side is at most this: a face filling most of the picture (a
 * portrait, a selfie) is missed when it is more than about half the network's input, even under YUNET_MAX_FACE_PX.
 */
const COARSEST_SIDE_PX = YUNET_MAX_FACE_PX / 2;
/**
 * A coarser pass keeps only faces at least this tall at its own scale: smaller ones are the finer pass's job
 * (there they are COARSE_STEP times larger, well inside its range), and keeping them too only adds false positives.
 */
const COARSE_KEEP_PX = COARSEST_SIDE_PX / COARSE_STEP;
/** Largest tile side (network px): one call on 2048 x 2048 takes about 200 MB; larger passes are cut. */
const MAX_TILE_PX = 2048;
/** Overlap of neighbouring tiles (network px): the largest face a tiled pass must see whole (bigger: coarser pass). */
const TILE_OVERLAP_PX = 160;
/** The finest pass never upscales more than this, nor grows past this many pixels (a 12000x12000 photo). */
const MAX_UPSCALE = 2;
const MAX_PASS_PIXELS = 16e6;

/** The network's input side for `px` of picture: its strides need a multiple of 32 (padded right and bottom). */
export function inputSide(px: number): number {
  return Math.max(32, Math.ceil(px / 32) * 32);
}

export interface YunetPlanOptions {
  /** Smallest face (px of this image) that must be found. */
  minFacePx: number;
  /** 360° panorama: passes wrap around the left/right seam. Default: from the shape. */
  wrap?: boolean;
}

export interface YunetPlan {
  /** Coarse to fine; `level` = pass index, `minFacePx` = smallest face (image px) the pass keeps. */
  tiles: Tile[];
  /** Network px per image px, per level. */
  scales: number[];
  wrap: boolean;
}

/**
 * Passes at s, s/4, s/16, ... until the whole picture is a face the network finds, run coarse first so that
 * big (near) faces are covered earliest. The finest scale s = YUNET_MIN_FACE_PX / minFacePx.
 */
export function planYunet(width: number, height: number, opts: YunetPlanOptions): YunetPlan {
  const wrap = opts.wrap ?? isEquirectangular(width, height);
  let finest = Math.min(MAX_UPSCALE, YUNET_MIN_FACE_PX / Math.max(1e-6, opts.minFacePx));
  finest = Math.min(finest, Math.sqrt(MAX_PASS_PIXELS / (width * height)));
  const passes: number[] = [finest];
  while (Math.min(width, height) * passes.at(-1)! > COARSEST_SIDE_PX) passes.push(passes.at(-1)! / COARSE_STEP);
  passes.reverse();
  const tiles: Tile[] = [];
  const scales: number[] = [];
  passes.forEach((target, level) => {
    const keep = level === passes.length - 1 ? 0 : COARSE_KEEP_PX / target;
    scales.push(target);
    for (const t of passTiles(width, height, target, wrap)) tiles.push({ ...t, level, minFacePx: keep, maxFacePx: Infinity });
  });
  return { tiles, scales, wrap };
}

/** One pass's tiles in image px, all the same size. */
function passTiles(width: number, height: number, target: number, wrap: boolean) {
  const pw = width * target;
  const ph = height * target;
  // A panorama's pass runs on past the right border by the overlap, so a face on the seam is seen whole.
  const wrapPad = wrap ? Math.min(width, TILE_OVERLAP_PX / target) : 0;
  const nx = wrap ? Math.max(1, Math.ceil(pw / (MAX_TILE_PX - TILE_OVERLAP_PX))) : tileCount(pw);
  const ny = tileCount(ph);
  const tw = nx === 1 ? width + wrapPad : wrap ? width / nx + TILE_OVERLAP_PX / target : (width + (nx - 1) * (TILE_OVERLAP_PX / target)) / nx;
  const th = ny === 1 ? height : (height + (ny - 1) * (TILE_OVERLAP_PX / target)) / ny;
  const tileW = Math.ceil(tw);
  const tileH = Math.ceil(th);
  const xs = wrap ? Array.from({ length: nx }, (_, i) => Math.round((i * width) / nx)) : starts(width, tileW, nx);
  const ys = starts(height, tileH, ny);
  return ys.flatMap((y) => xs.map((x) => ({ x, y, w: tileW, h: tileH })));
}

function tileCount(passPx: number): number {
  return passPx <= MAX_TILE_PX ? 1 : Math.ceil((passPx - TILE_OVERLAP_PX) / (MAX_TILE_PX - TILE_OVERLAP_PX));
}

function starts(length: number, size: number, count: number): number[] {
  if (count === 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - size)) / (count - 1)));
}
