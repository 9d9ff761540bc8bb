// Blurs faces into a photo's own pixels at full resolution: the pixels are replaced, so a saved copy cannot be unblurred.
import { blurParams, coverBox } from '../blur';
import type { NormBox } from '../face';
import { intersect, type Rect } from '../geometry';
import type { OverlayShape } from '../settings';

/** The user's overlay look, so a downloaded photo looks like the page overlays. */
export interface BlurLook {
  shape: OverlayShape;
  strength: number;
}

/**
 * The same recipe as the page overlays (entrypoints/content/overlay.ts), drawn into the photo itself:
 * each face's cover area is reduced to a few mosaic cells, which no filter can undo, then blurred
 * with a radius proportional to the face, inside an ellipse or rectangle.
 */
export function blurFacesInPlace(canvas: OffscreenCanvas, faces: readonly NormBox[], look: BlurLook): void {
  const ctx = canvas.getContext('2d')!;
  const image: Rect = { x: 0, y: 0, w: canvas.width, h: canvas.height };
  const scratch = new OffscreenCanvas(1, 1);
  for (const face of faces) {
    const area = coverBox({ x: face.x * image.w, y: face.y * image.h, w: face.w * image.w, h: face.h * image.h });
    const { mosaicCells, radius } = blurParams(area.h, look.strength);
    // Sample beyond the shape so the blur has real pixels, not transparency, at the shape's edge.
    const margin = radius * 2;
    const dest = intersect({ x: area.x - margin, y: area.y - margin, w: area.w + 2 * margin, h: area.h + 2 * margin }, image);
    if (!dest) continue;
    const cell = area.h / mosaicCells;
    scratch.width = Math.max(1, Math.round(dest.w / cell));
    scratch.height = Math.max(1, Math.round(dest.h / cell));
    const small = scratch.getContext('2d')!;
    small.imageSmoothingQuality = 'high';
    small.drawImage(canvas, dest.x, dest.y, dest.w, dest.h, 0, 0, scratch.width, scratch.height);

    ctx.save();
    ctx.beginPath();
    if (look.shape === 'ellipse') ctx.ellipse(area.x + area.w / 2, area.y + area.h / 2, area.w / 2, area.h / 2, 0, 0, Math.PI * 2);
    else ctx.rect(area.x, area.y, area.w, area.h);
    ctx.clip();
    ctx.imageSmoothingEnabled = true;
    // The plain mosaic underneath keeps the shape opaque where the blur thins out at the photo's edge.
    ctx.drawImage(scratch, dest.x, dest.y, dest.w, dest.h);
    ctx.filter = `blur(${radius}px)`;
    ctx.drawImage(scratch, dest.x, dest.y, dest.w, dest.h);
    ctx.restore();
  }
  scratch.width = scratch.height = 0;
}
