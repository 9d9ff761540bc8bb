// Motion between the frame a detection was made on and the frame shown now, from small greyscale thumbnails: where
// each detected face has gone (its patch matched in the new frame), how the picture as a whole moved (a pan), and
// which parts changed in a way that motion does not explain (new content: a face coming in at the edge, a person
// walking in). Covers follow the matched faces; strict mode blurs the unexplained parts until the next detection.
// Scene cuts are told from consecutive frames the same way.
import type { NormBox } from '../face';

/** Thumbnail grid: 10-px cells on a 640-px frame, enough to follow a face across a few cells. */
export const GRID_W = 64;
export const GRID_H = 36;

/** Farthest a face or the picture is looked for, in cells each way (a fast pan over a detection's latency). */
const REACH = 12;
/** Mean absolute luma difference (0-255) above which a cell shows something the shifted older frame did not. */
export const CHANGE_THRESHOLD = 24;
/** Mean absolute luma difference (0-255) after the best shift above which consecutive frames are different scenes. */
export const CUT_THRESHOLD = 30;
/** How far the picture is looked for between consecutive frames, in cells each way. */
const CUT_REACH = 6;
/** How far from where it was a frame ago a shift is looked for first, in cells each way. */
const NEAR = 2;
/**
 * Width of the band along the frame's edges where a face cut by the edge may be missed: an eighth of the frame (80 px
 * of a 640-px frame), as wide as a large face (40 px let a half-missed face show as it came in).
 */
const EDGE = 1 / 8;
/** Luma range (0-255) within 3x3 cells below which an area is plain. */
const PLAIN = 12;
/** Changed parts narrower or shorter than this many cells (20 px on a 640-px frame) are too small to be a face. */
const MIN_REGION_CELLS = 2;

export interface Thumb {
  w: number;
  h: number;
  /** Luma, row by row, with the frame's mean taken out (a fade or an exposure change is not motion). */
  luma: Float32Array;
}

export interface Shift {
  dx: number;
  dy: number;
}

/** A thumbnail from RGBA pixels. */
export function toThumb(rgba: Uint8ClampedArray, w: number, h: number): Thumb {
  const luma = new Float32Array(w * h);
  let mean = 0;
  for (let i = 0; i < luma.length; i++) mean += luma[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
  mean /= luma.length;
  for (let i = 0; i < luma.length; i++) luma[i]! -= mean;
  return { w, h, luma };
}

/** The whole frame. */
const WHOLE: NormBox = { x: 0, y: 0, w: 1, h: 1 };

interface Cells {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Cells of the grid a box covers (rounded outwards, clipped to the grid). */
function cellsOf(box: NormBox, t: Thumb): Cells {
  const x0 = Math.max(0, Math.floor(box.x * t.w));
  const y0 = Math.max(0, Math.floor(box.y * t.h));
  const x1 = Math.min(t.w, Math.ceil((box.x + box.w) * t.w));
  const y1 = Math.min(t.h, Math.ceil((box.y + box.h) * t.h));
  return { x0, y0, x1, y1 };
}

/** Mean absolute difference of the cells (x0..x1, y0..y1) of `from` against `to` shifted by (dx, dy); Infinity if most fall outside. */
function cost(from: Thumb, to: Thumb, r: Cells, dx: number, dy: number, step = 1): number {
  let sum = 0;
  let n = 0;
  for (let y = r.y0; y < r.y1; y += step) {
    const ty = y + dy;
    if (ty < 0 || ty >= to.h) continue;
    for (let x = r.x0; x < r.x1; x += step) {
      const tx = x + dx;
      if (tx < 0 || tx >= to.w) continue;
      sum += Math.abs(from.luma[y * from.w + x]! - to.luma[ty * to.w + tx]!);
      n++;
    }
  }
  const area = Math.ceil((r.x1 - r.x0) / step) * Math.ceil((r.y1 - r.y0) / step);
  return n * 2 >= area && n > 0 ? sum / n : Infinity;
}

/** Every shift within `reach` cells of (cx, cy), on every `step`-th cell; ties go to the smaller shift. */
function search(from: Thumb, to: Thumb, r: Cells, cx: number, cy: number, reach: number, step: number): Shift & { cost: number } {
  let best = { dx: cx, dy: cy, cost: cost(from, to, r, cx, cy, step) };
  for (let dy = cy - reach; dy <= cy + reach; dy++)
    for (let dx = cx - reach; dx <= cx + reach; dx++) {
      const c = cost(from, to, r, dx, dy, step);
      if (c < best.cost - 1e-6 || (c <= best.cost + 1e-6 && Math.abs(dx) + Math.abs(dy) < Math.abs(best.dx) + Math.abs(best.dy))) best = { dx, dy, cost: c };
    }
  return best;
}

/**
 * Where the part `box` of `from` best matches in `to`, searched `reach` cells each way, in cells. Every shift is tried
 * (on every second cell of a large part), then the best one's neighbours on every cell. Given where it was a frame
 * ago (`near`), only the shifts next to that are tried first: kept when the best of them matches well and is not on
 * the window's rim (else the true shift may lie beyond it, and all are tried).
 */
export function shiftOf(from: Thumb, to: Thumb, box: NormBox = WHOLE, reach = REACH, near?: Shift): Shift & { cost: number } {
  const r = cellsOf(box, from);
  const sparse = (r.x1 - r.x0) * (r.y1 - r.y0) > 64 ? 2 : 1;
  let best: (Shift & { cost: number }) | null = null;
  if (near) {
    const local = search(from, to, r, near.dx, near.dy, NEAR, sparse);
    if (local.cost <= CHANGE_THRESHOLD && Math.abs(local.dx - near.dx) < NEAR && Math.abs(local.dy - near.dy) < NEAR) best = local;
  }
  best ??= search(from, to, r, 0, 0, reach, sparse);
  if (sparse === 1) return best;
  const around = best;
  best = { ...around, cost: cost(from, to, r, around.dx, around.dy) };
  for (let dy = around.dy - 1; dy <= around.dy + 1; dy++)
    for (let dx = around.dx - 1; dx <= around.dx + 1; dx++) {
      const c = cost(from, to, r, dx, dy);
      if (c < best.cost - 1e-6) best = { dx, dy, cost: c };
    }
  return best;
}

/** A box moved by a shift in cells. */
export function moved(box: NormBox, s: Shift, t: Thumb): NormBox {
  return { ...box, x: box.x + s.dx / t.w, y: box.y + s.dy / t.h };
}

/**
 * The parts of `to` that `from` moved by `shift` does not show (changed, come in at the edge, or come in from the band
 * along it where a face may have been cut off), and the band along each edge a pan (`trend`) brings new content in at,
 * outside `covered`, as boxes grown by a cell, and the share of the frame changed.
 */
export function unexplained(from: Thumb, to: Thumb, shift: Shift, covered: readonly NormBox[], trend: Shift = { dx: 0, dy: 0 }): { boxes: NormBox[]; share: number } {
  const { w, h } = to;
  const mask = new Uint8Array(w * h);
  const inCover = new Uint8Array(w * h);
  for (const box of covered) {
    const r = cellsOf(box, to);
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) inCover[y * w + x] = 1;
  }
  let flagged = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (inCover[y * w + x]) continue;
      const [fx, fy] = [x - shift.dx, y - shift.dy];
      if (textured(to, x, y) && (fromEdge(from, fx, fy, x, y) || atLeadingEdge(to, x, y, trend) || !explained(from, to.luma[y * w + x]!, fx, fy))) {
        mask[y * w + x] = 1;
        flagged++;
      }
    }
  return { boxes: regions(mask, w, h), share: flagged / (w * h) };
}

/**
 * Whether the cell at (x, y) was within the EDGE band of the older frame's edge at (fx, fy) and has moved inwards: a face
 * cut by the frame's edge there may have been missed by the detector, and is now coming into view.
 */
function fromEdge(from: Thumb, fx: number, fy: number, x: number, y: number): boolean {
  const [ex, ey] = [Math.round(from.w * EDGE), Math.round(from.h * EDGE)];
  return (fx < ex && x > fx) || (fx >= from.w - ex && x < fx) || (fy < ey && y > fy) || (fy >= from.h - ey && y < fy);
}

/**
 * Whether (x, y) lies in the EDGE band along an edge the picture is panning in from: a face cut by that edge may be
 * what the detector missed, even on the very frame it saw (when nothing has moved since, `fromEdge` cannot tell).
 */
function atLeadingEdge(t: Thumb, x: number, y: number, trend: Shift): boolean {
  const [ex, ey] = [Math.round(t.w * EDGE), Math.round(t.h * EDGE)];
  return (trend.dx > 0 && x < ex) || (trend.dx < 0 && x >= t.w - ex) || (trend.dy > 0 && y < ey) || (trend.dy < 0 && y >= t.h - ey);
}

/** Whether the cells around (x, y) differ: a plain area (a wall, the sky, black bars coming in) shows no face. */
function textured(t: Thumb, x: number, y: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let ny = Math.max(0, y - 1); ny <= Math.min(t.h - 1, y + 1); ny++)
    for (let nx = Math.max(0, x - 1); nx <= Math.min(t.w - 1, x + 1); nx++) {
      const v = t.luma[ny * t.w + nx]!;
      [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  return hi - lo > PLAIN;
}

/**
 * Whether the older frame shows this luma at (fx, fy) or a cell next to it: motion finer than a cell, and small
 * motion within the picture (a face talking, a hand), is not new content. Outside the older frame nothing was seen.
 */
function explained(from: Thumb, luma: number, fx: number, fy: number): boolean {
  if (fx < 0 || fy < 0 || fx >= from.w || fy >= from.h) return false;
  for (let y = Math.max(0, fy - 1); y <= Math.min(from.h - 1, fy + 1); y++)
    for (let x = Math.max(0, fx - 1); x <= Math.min(from.w - 1, fx + 1); x++) if (Math.abs(luma - from.luma[y * from.w + x]!) <= CHANGE_THRESHOLD) return true;
  return false;
}

/**
 * Bounding boxes of the mask's connected parts (8-neighbours), each grown by a cell, in frame fractions. Parts too
 * thin to hold a face the detector finds are left out (a running clock, a ticker's line of text).
 */
function regions(mask: Uint8Array, w: number, h: number): NormBox[] {
  const seen = new Uint8Array(w * h);
  const out: NormBox[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [w, h, 0, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (let ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++)
        for (let nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
          const j = ny * w + nx;
          if (mask[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    if (x1 - x0 + 1 < MIN_REGION_CELLS || y1 - y0 + 1 < MIN_REGION_CELLS) continue;
    const gx0 = Math.max(0, x0 - 1);
    const gy0 = Math.max(0, y0 - 1);
    out.push({ x: gx0 / w, y: gy0 / h, w: (Math.min(w, x1 + 2) - gx0) / w, h: (Math.min(h, y1 + 2) - gy0) / h });
  }
  return out;
}

/**
 * How the picture moved from `from` to `to` (consecutive frames; `near`: the step before), and whether `to` is another
 * scene: even moved as well as it can be, the picture differs on average by more than CUT_THRESHOLD. A pan, a zoom's
 * first frames or a fade is no cut; a cut moves every face at once, so the covers from the last detection no longer
 * hold. (A step kept near the last one matched within CHANGE_THRESHOLD, well below CUT_THRESHOLD.)
 */
export function frameStep(from: Thumb, to: Thumb, near?: Shift): Shift & { cut: boolean } {
  const { dx, dy, cost } = shiftOf(from, to, WHOLE, CUT_REACH, near);
  return { dx, dy, cut: cost > CUT_THRESHOLD };
}
