// Multi-scale detection: a whole-image pass for large faces, then overlapping tiles for small ones, merged with NMS.
import type { Face } from '../face';
import { calibrateFace } from './calibrate';
import { mergeTileDetections, type TileDetection } from './merge';
import { isEquirectangular, planTiles, tileSlices, type Tile, type TilePlanOptions } from './tile-plan';

/** BlazeFace full range looks at 192x192; every tile is drawn at that size, so each call costs the same. */
const WINDOW_PX = 192;

export interface FaceFinder {
  /** Faces in `canvas`, boxes normalized to it. */
  detect(canvas: OffscreenCanvas, width: number, height: number): Face[];
}

export interface MultiScaleResult {
  faces: Face[];
  tiles: number;
}

/**
 * Runs the plan level by level (coarse to fine) and reports merged faces after each level, so the
 * page can cover big faces while the small ones are still being searched for.
 */
export async function detectMultiScale(
  finder: FaceFinder,
  image: ImageBitmap,
  plan: TilePlanOptions = {},
  onLevel?: (faces: Face[], final: boolean) => void,
): Promise<MultiScaleResult> {
  const { width, height } = image;
  const wrap = plan.wrap ?? isEquirectangular(width, height);
  const tiles = planTiles(width, height, { ...plan, wrap });
  const canvas = new OffscreenCanvas(WINDOW_PX, WINDOW_PX);
  const ctx = canvas.getContext('2d')!;
  const found: TileDetection[] = [];
  const done: Tile[] = [];
  const merge = () => mergeTileDetections(found, done, width, height, { wrap }).map(calibrateFace);
  let level: { index: number; scale: number; source: ImageBitmap } | undefined;
  try {
    for (const [i, tile] of tiles.entries()) {
      const scale = WINDOW_PX / Math.max(tile.w, tile.h);
      if (level?.index !== tile.level) {
        if (level && level.source !== image) level.source.close();
        level = { index: tile.level, scale, source: await scaledCopy(image, scale) };
      }
      // Tiles of one level are crops of one downscaled copy: a plain copy per tile, one resample per level.
      const k = level.source === image ? scale : 1;
      const ls = level.source === image ? 1 : level.scale;
      canvas.width = Math.max(1, Math.round(tile.w * scale));
      canvas.height = Math.max(1, Math.round(tile.h * scale));
      for (const sl of tileSlices(tile, width)) {
        ctx.drawImage(level.source, sl.sx * ls, sl.sy * ls, sl.sw * ls, sl.sh * ls, sl.dx * scale, 0, sl.sw * ls * k, sl.sh * ls * k);
      }
      for (const face of finder.detect(canvas, canvas.width, canvas.height)) {
        found.push({ tile, boxInTile: face.box, score: face.score });
      }
      done.push(tile);
      const levelEnds = tiles[i + 1]?.level !== tile.level;
      if (levelEnds && i < tiles.length - 1) {
        onLevel?.(merge(), false);
        // Let other messages (a new request, a cancel) in between levels.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    if (level && level.source !== image) level.source.close();
    canvas.width = canvas.height = 0;
  }
  const faces = merge();
  onLevel?.(faces, true);
  return { faces, tiles: tiles.length };
}

/** The whole image resampled once at `scale` (high quality), or the image itself when no shrinking is needed. */
async function scaledCopy(image: ImageBitmap, scale: number): Promise<ImageBitmap> {
  if (scale >= 1) return image;
  return createImageBitmap(image, {
    resizeWidth: Math.max(1, Math.round(image.width * scale)),
    resizeHeight: Math.max(1, Math.round(image.height * scale)),
    resizeQuality: 'high',
  });
}
