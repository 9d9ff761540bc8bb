// Runs a model over a plan of tiles, coarse level to fine: one resample per level, tiles cropped from it, results merged after each level.
import type { Face, NormBox } from '../face';
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
  /** Model px of mirrored picture to add past each image border this tile reaches (see mirrorBorders); default none. */
  borderMirrorPx?(tile: Tile): number;
  /** A 360° panorama: its left and right borders are one seam, never mirrored. */
  wrap?: boolean;
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
  const { width, height } = image;
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
      const pad = borderPads(tile, width, height, Math.min(plan.borderMirrorPx?.(tile) ?? 0, w, h), plan.wrap === true);
      const W = w + pad.left + pad.right;
      const H = h + pad.top + pad.bottom;
      const input = model.inputSize?.(W, H) ?? { w: W, h: H };
      canvas.width = input.w; // also clears: padding stays black
      canvas.height = input.h;
      ctx.imageSmoothingQuality = 'high';
      for (const sl of tileSlices(tile, width)) {
        ctx.drawImage(level.source, sl.sx * ls, sl.sy * ls, sl.sw * ls, sl.sh * ls, pad.left + sl.dx * scale, pad.top, sl.sw * ls * k, sl.sh * ls * k);
      }
      mirrorBorders(ctx, canvas, pad, w, h);
      for (const face of await model.detect(canvas, W, H)) {
        // Back to the tile's own frame: a box reaching into the mirror runs past 0..1 and is clipped when mapped.
        const { x, y, w: bw, h: bh } = face.box;
        const boxInTile = { x: (x * W - pad.left) / w, y: (y * H - pad.top) / h, w: (bw * W) / w, h: (bh * H) / h };
        if (mostlyMirrored(boxInTile)) continue;
        found.push({ tile, boxInTile, score: face.score });
      }
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

interface Pads {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Mirror margins for the sides of `tile` that are the image's own borders (a panorama's left and right are not). */
function borderPads(tile: Tile, width: number, height: number, px: number, wrap: boolean): Pads {
  const sides = px > 0 ? Math.round(px) : 0;
  return {
    left: !wrap && tile.x <= 0 ? sides : 0,
    right: !wrap && tile.x + tile.w >= width ? sides : 0,
    top: tile.y <= 0 ? sides : 0,
    bottom: tile.y + tile.h >= height ? sides : 0,
  };
}

/**
 * A box found mostly in the mirror: a face near the border seen again in its reflection, or a thin strip of the
 * picture's edge. A face cut by the border shows at least about a third of itself (less is not recognizable).
 */
function mostlyMirrored(b: NormBox): boolean {
  const inside = (start: number, size: number) => (Math.min(1, start + size) - Math.max(0, start)) / size;
  return inside(b.x, b.w) < MIN_SHOWN || inside(b.y, b.h) < MIN_SHOWN;
}
const MIN_SHOWN = 0.3;

/**
 * Fills the margins around the w x h picture drawn at (pads.left, pads.top) with its mirror image. Faces are nearly
 * symmetric, so a face cut by the picture's border becomes a whole one the model finds; its box is clipped back to
 * the picture when mapped, and a box found mostly in the mirror is dropped.
 */
function mirrorBorders(ctx: OffscreenCanvasRenderingContext2D, canvas: OffscreenCanvas, pads: Pads, w: number, h: number): void {
  const { left, right, top, bottom } = pads;
  const flip = (a: number, b: number, c: number, d: number, e: number, f: number, draw: () => void) => {
    ctx.setTransform(a, b, c, d, e, f);
    draw();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  };
  // Columns first (within the picture's rows), then rows across the full width, which fills the corners too.
  // A canvas drawn onto itself is read as it was before the call.
  if (left) flip(-1, 0, 0, 1, 2 * left, 0, () => ctx.drawImage(canvas, left, top, left, h, left, top, left, h));
  if (right) flip(-1, 0, 0, 1, 2 * (left + w), 0, () => ctx.drawImage(canvas, left + w - right, top, right, h, left + w - right, top, right, h));
  const fullW = left + w + right;
  if (top) flip(1, 0, 0, -1, 0, 2 * top, () => ctx.drawImage(canvas, 0, top, fullW, top, 0, top, fullW, top));
  if (bottom) flip(1, 0, 0, -1, 0, 2 * (top + h), () => ctx.drawImage(canvas, 0, top + h - bottom, fullW, bottom, 0, top + h - bottom, fullW, bottom));
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
