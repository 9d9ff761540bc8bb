// Runs a model over a plan of tiles, coarse level to fine: one resample per level, tiles cropped from it, results merged after each level.
import type { Face } from '../face';
import type { TileDetection } from './merge';
import { tileSlices, type Tile } from './tiles';

/** What an engine's network looks like to the runner. */
export interface TileModel {
  /** The canvas a w x h tile is drawn into (top-left): a model with fixed input shapes pads here. Default: w x h. */
  inputSize?(w: number, h: number): { w: number; h: number };
  /** Faces in the top-left w x h of `canvas`, boxes normalized to that region, scores as the model gives them. */
  detect(canvas: OffscreenCanvas, w: number, h: number): Face[] | Promise<Face[]>;
}

export interface TilePlan {
  /** Ordered coarse to fine; tiles of one level are consecutive and share one scale. */
  tiles: Tile[];
  /** Model pixels per image pixel for this tile. */
  scaleOf(tile: Tile): number;
  /** Turns the detections of the tiles run so far into faces on the whole image. */
  merge(found: TileDetection[], done: Tile[]): Face[];
}

export interface TileRunResult {
  faces: Face[];
  /** Model calls made. */
  calls: number;
}

/**
 * Reports merged faces after each level but the last (through `onLevel`), so the page can cover big faces
 * while small ones are still searched for, and yields to other messages between levels.
 */
export async function runTiles(
  model: TileModel,
  image: ImageBitmap,
  plan: TilePlan,
  { onLevel, onCall }: { onLevel?: (faces: Face[]) => void; onCall?: () => void } = {},
): Promise<TileRunResult> {
  const { width } = image;
  const { tiles } = plan;
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const found: TileDetection[] = [];
  const done: Tile[] = [];
  let level: { index: number; scale: number; source: ImageBitmap } | undefined;
  try {
    for (const [i, tile] of tiles.entries()) {
      const scale = plan.scaleOf(tile);
      if (level?.index !== tile.level) {
        if (level && level.source !== image) level.source.close();
        level = { index: tile.level, scale, source: await scaledCopy(image, scale) };
      }
      // Tiles of one level are crops of one downscaled copy; an upscaled level is drawn from the image itself.
      const k = level.source === image ? scale : 1;
      const ls = level.source === image ? 1 : level.scale;
      const w = Math.max(1, Math.round(tile.w * scale));
      const h = Math.max(1, Math.round(tile.h * scale));
      const input = model.inputSize?.(w, h) ?? { w, h };
      canvas.width = input.w; // also clears: padding stays black
      canvas.height = input.h;
      ctx.imageSmoothingQuality = 'high';
      for (const sl of tileSlices(tile, width)) {
        ctx.drawImage(level.source, sl.sx * ls, sl.sy * ls, sl.sw * ls, sl.sh * ls, sl.dx * scale, 0, sl.sw * ls * k, sl.sh * ls * k);
      }
      for (const face of await model.detect(canvas, w, h)) found.push({ tile, boxInTile: face.box, score: face.score });
      done.push(tile);
      onCall?.();
      if (tiles[i + 1] && tiles[i + 1]!.level !== tile.level) {
        onLevel?.(plan.merge(found, done));
        await new Promise((resolve) => setTimeout(resolve, 0)); // let a new request or a cancel in
      }
    }
  } finally {
    if (level && level.source !== image) level.source.close();
    canvas.width = canvas.height = 0;
  }
  return { faces: plan.merge(found, done), calls: tiles.length };
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
