// Tile geometry shared by every engine: source rectangles (wrapping a panorama's seam), how to draw them, and how to map boxes back.
import type { NormBox } from '../face';

/**
 * A source rectangle in image pixels. When `x + w > imageWidth` the tile wraps around the
 * left/right seam of a 360° panorama: it continues at x = 0 (see `tileSlices`).
 */
export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0 = the whole-image pass; higher = finer (smaller tiles). */
  level: number;
  /** Face sizes (px, larger box side) this level is responsible for; coarser levels take bigger faces. */
  minFacePx: number;
  maxFacePx: number;
}

/**
 * Equirectangular 360° panoramas are 2:1. Small 2:1 images are far more often banners than panoramas,
 * and wrapping a non-panorama invents faces across the seam, so they need a minimum width too.
 */
export function isEquirectangular(width: number, height: number, tolerance = 0.02, minWidth = 1024): boolean {
  return width >= minWidth && height > 0 && Math.abs(width / height - 2) <= 2 * tolerance;
}

/** One or two source slices (sx, sy, sw, sh) to draw at horizontal offset dx inside the tile canvas. */
export interface TileSlice {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dx: number;
}

/** How to compose a tile: a wrapped tile is its right part of the image followed by the image's left edge. */
export function tileSlices(tile: Tile, imageW: number): TileSlice[] {
  const firstW = Math.min(tile.w, imageW - tile.x);
  const slices: TileSlice[] = [{ sx: tile.x, sy: tile.y, sw: firstW, sh: tile.h, dx: 0 }];
  if (firstW < tile.w) slices.push({ sx: 0, sy: tile.y, sw: tile.w - firstW, sh: tile.h, dx: firstW });
  return slices;
}

/**
 * Maps a box normalized to the tile (0..1 of the tile's w/h) to normalized image boxes, clipped to the image.
 * A box straddling the panorama seam comes back as two boxes, one on each side, because the blur
 * overlay draws rectangles in image space and a face cut by the seam must be blurred on both edges.
 * Returns [] when nothing of the box lies in the image.
 */
export function mapTileBox(tile: Tile, boxInTile: NormBox, imageW: number, imageH: number): NormBox[] {
  const left = tile.x + boxInTile.x * tile.w;
  const right = left + boxInTile.w * tile.w;
  const top = Math.max(0, tile.y + boxInTile.y * tile.h);
  const bottom = Math.min(imageH, tile.y + (boxInTile.y + boxInTile.h) * tile.h);
  if (bottom <= top) return [];
  const wraps = tile.x + tile.w > imageW;
  const spans: Array<[number, number]> = [];
  if (!wraps || right <= imageW) spans.push([Math.max(0, left), Math.min(imageW, right)]);
  else if (left >= imageW) spans.push([left - imageW, right - imageW]);
  else spans.push([Math.max(0, left), imageW], [0, right - imageW]);
  return spans
    .filter(([a, b]) => b > a)
    .map(([a, b]) => ({ x: a / imageW, y: top / imageH, w: (b - a) / imageW, h: (bottom - top) / imageH }));
}
