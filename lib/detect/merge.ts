// Merges face detections from many tiles and scales into one list: faces cut by a tile's inner edge dropped, boxes mapped to the image, NMS.
import { boxIntersection, boxIou } from '../box';
import type { Face, NormBox } from '../face';
import { mapTileBox, type Tile } from './tiles';

export interface MergeOptions {
  /** Suppress a box whose IoU with a higher-scoring kept box is at least this. */
  iouThreshold?: number;
  /** Suppress a box when at least this fraction of its own area lies inside a higher-scoring kept box. */
  containedThreshold?: number;
}

/**
 * Greedy non-maximum suppression across tiles and scales, highest score first.
 * IoU alone misses a tile's half-face box next to the whole face another tile found (IoU ~0.5 or less),
 * so a box mostly inside a better-scoring one is suppressed too. The containment test is one-sided:
 * a large box that merely contains a smaller, better-scoring box is kept, so it can still be blurred.
 * Boxes are compared in image-normalized units; for non-square images that skews area, not ratios.
 */
export function mergeDetections(faces: Face[], opts: MergeOptions = {}): Face[] {
  const iouThreshold = opts.iouThreshold ?? 0.3;
  const containedThreshold = opts.containedThreshold ?? 0.7;
  const kept: Face[] = [];
  for (const face of [...faces].sort((a, b) => b.score - a.score)) {
    const area = face.box.w * face.box.h;
    const redundant = kept.some((k) => {
      const inter = boxIntersection(k.box, face.box);
      return inter > 0 && (boxIou(k.box, face.box) >= iouThreshold || inter >= containedThreshold * area);
    });
    if (!redundant) kept.push(face);
  }
  return kept;
}

/** A raw detection: its box normalized to the tile it was found in. */
export interface TileDetection {
  tile: Tile;
  boxInTile: NormBox;
  score: number;
}

export interface EdgeCutOptions {
  /** A box within this fraction of the tile side from an edge "touches" it. */
  edgeMargin?: number;
  /** The image is a 360° panorama: its left and right borders meet, so they are inner edges too. */
  wrap?: boolean;
}

/**
 * Drops detections that are probably a face cut by a tile's inner edge (an edge that is not the image
 * border), when another tile that ran could see the whole face: one that contains the box extended past
 * the cut edge by the box's own size, and whose level finds faces of that size. Otherwise the partial
 * detection is kept, since it is the only one that face will get. `tiles` = the tiles run so far.
 */
export function dropTileEdgeCuts(
  detections: TileDetection[],
  tiles: Tile[],
  imageW: number,
  imageH: number,
  opts: EdgeCutOptions = {},
): TileDetection[] {
  const margin = opts.edgeMargin ?? 0.02;
  const wrap = opts.wrap ?? tiles.some((t) => t.x + t.w > imageW);
  return detections.filter((d) => {
    const { tile, boxInTile: b } = d;
    const fullWidth = tile.w >= imageW;
    const cutLeft = b.x <= margin && (tile.x > 0 || (wrap && !fullWidth));
    const cutRight = b.x + b.w >= 1 - margin && (tile.x + tile.w < imageW || (wrap && !fullWidth));
    const cutTop = b.y <= margin && tile.y > 0;
    const cutBottom = b.y + b.h >= 1 - margin && tile.y + tile.h < imageH;
    if (!cutLeft && !cutRight && !cutTop && !cutBottom) return true;
    // The likely whole face, in image pixels (x unwrapped, so it may run past either panorama border).
    const w = b.w * tile.w;
    const h = b.h * tile.h;
    const x0 = tile.x + b.x * tile.w - (cutLeft ? w : 0);
    const x1 = tile.x + (b.x + b.w) * tile.w + (cutRight ? w : 0);
    const y0 = Math.max(0, tile.y + b.y * tile.h - (cutTop ? h : 0));
    const y1 = Math.min(imageH, tile.y + (b.y + b.h) * tile.h + (cutBottom ? h : 0));
    const faceSize = Math.max(x1 - x0, y1 - y0);
    const seenWhole = tiles.some((t) => {
      if (sameRect(t, tile) || faceSize < t.minFacePx) return false;
      if (y0 < t.y || y1 > t.y + t.h) return false;
      const shifts = wrap ? [-imageW, 0, imageW] : [0];
      const [lo, hi] = wrap ? [x0, x1] : [Math.max(0, x0), Math.min(imageW, x1)];
      return shifts.some((s) => lo >= t.x + s && hi <= t.x + t.w + s);
    });
    return !seenWhole;
  });
}

function sameRect(a: Tile, b: Tile): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h && a.level === b.level;
}

/** The whole pipeline for tile results: drop edge cuts, map to the image (seam faces split), NMS. */
export function mergeTileDetections(
  detections: TileDetection[],
  tiles: Tile[],
  imageW: number,
  imageH: number,
  opts: MergeOptions & EdgeCutOptions = {},
): Face[] {
  const faces = dropTileEdgeCuts(detections, tiles, imageW, imageH, opts).flatMap((d) => {
    return mapTileBox(d.tile, d.boxInTile, imageW, imageH).map((box) => ({ box, score: d.score }));
  });
  return mergeDetections(faces, opts);
}
