// Tiled (multires) panoramas upload one texture per tile, so a face cut by a tile edge reaches the scan in pieces. Tiles
// are scanned padded with their neighbours; this file finds the neighbours. Viewers name tiles by URL templates with no
// common order (Pannellum `%l/%s%y_%x`, Marzipano `{z}/{f}/{y}/{x}`, Zoomify `z-x-y`, DeepZoom `level/col_row`), so
// which number is the column and which the row is learned from the pictures: two neighbours continue each other's edge.
import { boxIntersection } from '../box';
import type { NormBox } from '../face';

/** A tile's URL with its numbers taken out: tiles of one picture and level share `group` and differ in `numbers`. */
export interface TileName {
  group: string;
  numbers: number[];
}

/** A URL's digit runs (at most 6 digits; longer ones are ids or hashes, kept in the group) and the rest as its group. */
export function tileName(url: string): TileName | null {
  const numbers: number[] = [];
  const group = url.replace(/\d+/g, (digits) => {
    if (digits.length > 6) return digits;
    numbers.push(Number(digits));
    return '#';
  });
  return numbers.length >= 2 ? { group, numbers } : null;
}

/** The one number in which `b`'s name differs from `a`'s by exactly one, or null. */
export function stepBetween(a: readonly number[], b: readonly number[]): { field: number; step: 1 | -1 } | null {
  if (a.length !== b.length) return null;
  let found: { field: number; step: 1 | -1 } | null = null;
  for (let i = 0; i < a.length; i++) {
    const d = b[i]! - a[i]!;
    if (d === 0) continue;
    if (found || (d !== 1 && d !== -1)) return null;
    found = { field: i, step: d };
  }
  return found;
}

/** Where a neighbour lies, as a step on the picture's grid: one of (±1, 0), (0, ±1). */
export interface Offset {
  dx: number;
  dy: number;
}

/**
 * A tile's outermost rows and columns and the ones just inside (RGBA, as getImageData gives them): `outer.right` is
 * the last column, `inner.right` the one before it. The inner lines tell how much the picture changes per pixel there.
 */
export interface TileEdges {
  w: number;
  h: number;
  outer: Record<Side, Uint8ClampedArray>;
  inner: Record<Side, Uint8ClampedArray>;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

/** Mean absolute RGB difference of two lines over their common length. */
function lineDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  const n = Math.min(a.length, b.length) >> 2;
  let sum = 0;
  for (let i = 0; i < n * 4; i++) if ((i & 3) !== 3) sum += Math.abs(a[i]! - b[i]!);
  return sum / Math.max(1, n * 3);
}

const PLACEMENTS: { offset: Offset; mine: Side; theirs: Side }[] = [
  { offset: { dx: 1, dy: 0 }, mine: 'right', theirs: 'left' },
  { offset: { dx: -1, dy: 0 }, mine: 'left', theirs: 'right' },
  { offset: { dx: 0, dy: 1 }, mine: 'bottom', theirs: 'top' },
  { offset: { dx: 0, dy: -1 }, mine: 'top', theirs: 'bottom' },
];

/**
 * Where `b` lies next to `a`, if their pixels say so plainly: across the right seam the picture changes about as much as
 * it does one pixel inside either tile, and clearly less than across any other seam. Null when unsure (plain sky,
 * tiles of different levels).
 */
export function placementOf(a: TileEdges, b: TileEdges): Offset | null {
  const scored = PLACEMENTS.map(({ offset, mine, theirs }) => {
    const across = lineDiff(a.outer[mine], b.outer[theirs]);
    const within = (lineDiff(a.outer[mine], a.inner[mine]) + lineDiff(b.outer[theirs], b.inner[theirs])) / 2;
    return { offset, across, within };
  }).sort((p, q) => p.across - q.across);
  const [best, next] = scored as [(typeof scored)[0], (typeof scored)[0]];
  return best.across <= 2 * best.within + 4 && best.across < 0.6 * next.across ? best.offset : null;
}

/** Votes a field must win before it is trusted, and by how much over any other placement. */
const MIN_VOTES = 2;
const MARGIN = 3;

/**
 * What each number of a group's names means, learned from pairs of tiles that differ in one number: +1 in field k
 * moves the tile by `axis[k]`. A field is trusted once its votes agree (the level field, whose pairs never continue each
 * other, stays unknown).
 */
export class TileAxes {
  private readonly votes = new Map<string, Map<number, Map<string, number>>>();

  /** `b` differs from `a` by one in one number and their pixels place it at `placement` from `a`. */
  vote(group: string, a: readonly number[], b: readonly number[], placement: Offset): void {
    const step = stepBetween(a, b);
    if (!step) return;
    const axis = { dx: placement.dx * step.step, dy: placement.dy * step.step };
    const fields = this.votes.get(group) ?? new Map<number, Map<string, number>>();
    this.votes.set(group, fields);
    const tally = fields.get(step.field) ?? new Map<string, number>();
    fields.set(step.field, tally);
    const key = `${axis.dx},${axis.dy}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }

  /** The trusted move of +1 in `field`, or null. */
  axis(group: string, field: number): Offset | null {
    const tally = [...(this.votes.get(group)?.get(field) ?? new Map<string, number>())].sort((p, q) => q[1] - p[1]);
    const [best, next] = tally;
    if (!best || best[1] < MIN_VOTES || (next && best[1] < MARGIN * next[1])) return null;
    const [dx, dy] = best[0].split(',').map(Number) as [number, number];
    return { dx, dy };
  }

  /**
   * The name of the tile at (dx, dy) from the tile named `numbers` (dx, dy in -1..1), or null while the fields that
   * move it are not known.
   */
  neighbour(group: string, numbers: readonly number[], dx: number, dy: number): number[] | null {
    const out = numbers.slice();
    let moved = { dx: 0, dy: 0 };
    for (let field = 0; field < numbers.length; field++) {
      const axis = this.axis(group, field);
      if (!axis) continue;
      // Each axis moves along x or along y only: the field that moves along the wanted one takes the step.
      const want = axis.dx !== 0 ? dx : dy;
      if (want === 0) continue;
      const step = axis.dx !== 0 ? want * axis.dx : want * axis.dy;
      out[field] = numbers[field]! + step;
      moved = { dx: moved.dx + axis.dx * step, dy: moved.dy + axis.dy * step };
    }
    return moved.dx === dx && moved.dy === dy && out.every((n) => n >= 0) ? out : null;
  }
}

/** A neighbour's rectangle in px of the tile it was drawn around (the tile at 0, 0). */
export interface Beside {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The faces found on a padded tile (fractions of the tile, overhanging it) that reach into the neighbour `beside`, as
 * fractions of that neighbour, and only those it has not blurred already.
 */
export function passedOn(faces: readonly NormBox[], tile: { w: number; h: number }, beside: Beside, blurred: readonly NormBox[]): NormBox[] {
  return faces
    .map((f) => ({ x: (f.x * tile.w - beside.x) / beside.w, y: (f.y * tile.h - beside.y) / beside.h, w: (f.w * tile.w) / beside.w, h: (f.h * tile.h) / beside.h }))
    .filter((f) => f.x < 1 && f.y < 1 && f.x + f.w > 0 && f.y + f.h > 0)
    .filter((f) => !blurred.some((b) => boxIntersection(f, b) >= 0.8 * f.w * f.h));
}
