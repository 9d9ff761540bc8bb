// How a face's cover is painted on a 2D canvas, shared by the page's covers, the picture-in-picture mirror and the app
// page; and blurring faces into a photo's own pixels at full resolution (a saved copy cannot be unblurred).
import { blurParams, coverBox } from '../blur';
import type { NormBox } from '../face';
import { intersect, type Rect } from '../geometry';
import type { OverlayShape } from '../settings';

/** The user's cover look. */
export interface BlurLook {
  shape: OverlayShape;
  strength: number;
}

/** Where a face's cover takes its colours from, and the rectangle (in the target's units) those colours span. */
export interface Sample {
  source: CanvasImageSource;
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dest: Rect;
}

/** Holds the mosaic; drawing is synchronous, one cover at a time, so one serves every cover of a context. */
let scratch: OffscreenCanvas | null = null;

/**
 * Mosaic first (no blur can be undone to what it replaced), then a blur with a radius proportional to the face, clipped
 * to the face's shape `area` (an ellipse or rectangle).
 */
export function drawBlurredArea(ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, area: Rect, sample: Sample, look: BlurLook): void {
  const { mosaicCells, radius } = blurParams(area.h, look.strength);
  const { dest } = sample;
  const cellSize = area.h / mosaicCells;
  scratch ??= new OffscreenCanvas(1, 1);
  scratch.width = Math.max(1, Math.round(dest.w / cellSize));
  scratch.height = Math.max(1, Math.round(dest.h / cellSize));
  const small = scratch.getContext('2d')!;
  small.imageSmoothingQuality = 'high';
  small.drawImage(sample.source, sample.sx, sample.sy, sample.sw, sample.sh, 0, 0, scratch.width, scratch.height);

  ctx.save();
  ctx.beginPath();
  if (look.shape === 'ellipse') ctx.ellipse(area.x + area.w / 2, area.y + area.h / 2, area.w / 2, area.h / 2, 0, 0, Math.PI * 2);
  else ctx.rect(area.x, area.y, area.w, area.h);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  // The plain mosaic underneath keeps the shape opaque where the blur thins out at the picture's edge.
  ctx.drawImage(scratch, dest.x, dest.y, dest.w, dest.h);
  ctx.filter = `blur(${radius}px)`;
  ctx.drawImage(scratch, dest.x, dest.y, dest.w, dest.h);
  ctx.restore();
}

/** Each face's cover drawn into the photo itself, so a downloaded photo looks like the page's covers. */
export function blurFacesInPlace(canvas: OffscreenCanvas | HTMLCanvasElement, faces: readonly NormBox[], look: BlurLook): void {
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  const image: Rect = { x: 0, y: 0, w: canvas.width, h: canvas.height };
  for (const face of faces) {
    const area = coverBox({ x: face.x * image.w, y: face.y * image.h, w: face.w * image.w, h: face.h * image.h });
    // Sample beyond the shape so the blur has real pixels, not transparency, at the shape's edge.
    const margin = blurParams(area.h, look.strength).radius * 2;
    const dest = intersect({ x: area.x - margin, y: area.y - margin, w: area.w + 2 * margin, h: area.h + 2 * margin }, image);
    if (dest) drawBlurredArea(ctx, area, { source: canvas, sx: dest.x, sy: dest.y, sw: dest.w, sh: dest.h, dest }, look);
  }
}

/** The whole picture blurred the way a face is, as one rectangle as tall as the picture. */
export function blurWholeInPlace(canvas: OffscreenCanvas | HTMLCanvasElement, strength: number): void {
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  const all: Rect = { x: 0, y: 0, w: canvas.width, h: canvas.height };
  drawBlurredArea(ctx, all, { source: canvas, sx: 0, sy: 0, sw: all.w, sh: all.h, dest: all }, { shape: 'rect', strength });
}
