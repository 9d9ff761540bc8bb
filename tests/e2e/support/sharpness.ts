// Pixel measures on PNG screenshots: sharpness (variance of the Laplacian), differences, and changed areas.
import { PNG } from 'pngjs';

/** A rectangle in screenshot pixels (the suite runs at device scale factor 1, so also CSS px). */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function readPng(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}

/** The region clipped to the picture and rounded inwards to whole pixels (null when nothing is left). */
export function clip(png: PNG, r: Region): Region | null {
  const x0 = Math.max(0, Math.ceil(r.x));
  const y0 = Math.max(0, Math.ceil(r.y));
  const x1 = Math.min(png.width, Math.floor(r.x + r.w));
  const y1 = Math.min(png.height, Math.floor(r.y + r.h));
  return x1 - x0 >= 3 && y1 - y0 >= 3 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

function gray(png: PNG, x: number, y: number): number {
  const i = (y * png.width + x) * 4;
  return 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
}

/** Variance of the 4-neighbour Laplacian of the grey levels inside `r`: high for sharp detail, low for blur. */
export function laplacianVariance(png: PNG, r: Region): number {
  const c = clip(png, r);
  if (!c) throw new Error(`region ${JSON.stringify(r)} is outside the ${png.width}x${png.height} screenshot`);
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let y = c.y + 1; y < c.y + c.h - 1; y++) {
    for (let x = c.x + 1; x < c.x + c.w - 1; x++) {
      const l = gray(png, x - 1, y) + gray(png, x + 1, y) + gray(png, x, y - 1) + gray(png, x, y + 1) - 4 * gray(png, x, y);
      n++;
      sum += l;
      sq += l * l;
    }
  }
  const mean = sum / n;
  return sq / n - mean * mean;
}

/** Mean absolute difference of the grey levels of two same-sized screenshots inside `r` (0..255). */
export function meanAbsDiff(a: PNG, b: PNG, r: Region): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`screenshots differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  const c = clip(a, r);
  if (!c) return 0;
  let total = 0;
  for (let y = c.y; y < c.y + c.h; y++) {
    for (let x = c.x; x < c.x + c.w; x++) total += Math.abs(gray(a, x, y) - gray(b, x, y));
  }
  return total / (c.w * c.h);
}

/** The middle part of a box (fraction `keep` of each side): inside any blur shape drawn around the face. */
export function core(r: Region, keep = 0.6): Region {
  return { x: r.x + (r.w * (1 - keep)) / 2, y: r.y + (r.h * (1 - keep)) / 2, w: r.w * keep, h: r.h * keep };
}

export function grow(r: Region, by: number): Region {
  return { x: r.x - r.w * by, y: r.y - r.h * by, w: r.w * (1 + 2 * by), h: r.h * (1 + 2 * by) };
}

export function overlaps(a: Region, b: Region): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Square patches tiling the picture that overlap none of `avoid`. */
export function patchesAvoiding(png: PNG, avoid: Region[], size = 32): Region[] {
  const out: Region[] = [];
  for (let y = 0; y + size <= png.height; y += size) {
    for (let x = 0; x + size <= png.width; x += size) {
      const patch = { x, y, w: size, h: size };
      if (!avoid.some((r) => overlaps(patch, r))) out.push(patch);
    }
  }
  return out;
}

/**
 * How many separate areas differ between two same-sized screenshots: the picture is cut into
 * `cell`-px cells, a cell counts as changed when its mean difference exceeds `minDiff`, and
 * 4-connected changed cells form one area; areas smaller than `minCells` are noise.
 */
export function changedAreas(a: PNG, b: PNG, { cell = 8, minDiff = 4, minCells = 4 } = {}): Region[] {
  const cols = Math.floor(a.width / cell);
  const rows = Math.floor(a.height / cell);
  const changed = new Uint8Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) changed[j * cols + i] = meanAbsDiff(a, b, { x: i * cell, y: j * cell, w: cell, h: cell }) > minDiff ? 1 : 0;
  }
  const areas: Region[] = [];
  const seen = new Uint8Array(cols * rows);
  for (let start = 0; start < changed.length; start++) {
    if (!changed[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let count = 0;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    while (stack.length) {
      const k = stack.pop()!;
      const i = k % cols;
      const j = Math.floor(k / cols);
      count++;
      [x0, y0, x1, y1] = [Math.min(x0, i), Math.min(y0, j), Math.max(x1, i), Math.max(y1, j)];
      for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const ni = i + di;
        const nj = j + dj;
        const nk = nj * cols + ni;
        if (ni >= 0 && nj >= 0 && ni < cols && nj < rows && changed[nk] && !seen[nk]) {
          seen[nk] = 1;
          stack.push(nk);
        }
      }
    }
    if (count >= minCells) areas.push({ x: x0 * cell, y: y0 * cell, w: (x1 - x0 + 1) * cell, h: (y1 - y0 + 1) * cell });
  }
  return areas;
}

function laplacian(png: PNG, c: Region): Float64Array {
  const out = new Float64Array((c.w - 2) * (c.h - 2));
  let k = 0;
  for (let y = c.y + 1; y < c.y + c.h - 1; y++) {
    for (let x = c.x + 1; x < c.x + c.w - 1; x++) {
      out[k++] = gray(png, x - 1, y) + gray(png, x + 1, y) + gray(png, x, y - 1) + gray(png, x, y + 1) - 4 * gray(png, x, y);
    }
  }
  return out;
}

/**
 * How much of `reference`'s fine detail `shown` displays inside `r`: the correlation of the two
 * Laplacians (about 1 when the same sharp picture is on screen there, near 0 when it is blurred,
 * hidden or another picture). `r` is taken in both pictures at the same place.
 */
export function detailMatch(shown: PNG, reference: PNG, r: Region): number {
  const c = clip(shown, r) && clip(reference, r);
  if (!c) throw new Error(`region ${JSON.stringify(r)} is outside the screenshots`);
  const a = laplacian(shown, c);
  const b = laplacian(reference, c);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}
