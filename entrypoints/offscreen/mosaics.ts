// Gives each face the grid of colours its cover is drawn from, sampled from the detector's own copy of the picture.
import { coverBox, MOSAIC_GRID_CELLS, sampleArea } from '@/lib/blur';
import type { Face } from '@/lib/face';
import { intersect } from '@/lib/geometry';
import { packRgb } from '@/lib/mosaic';

/** A grid never needs more cells than this on a side (a face cut to a sliver by the image border, say). */
const MAX_CELLS = 64;

export function withMosaics(faces: Face[], bitmap: ImageBitmap): Face[] {
  const { width: W, height: H } = bitmap;
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  try {
    return faces.map((face) => {
      const cover = coverBox({ x: face.box.x * W, y: face.box.y * H, w: face.box.w * W, h: face.box.h * H });
      const area = intersect(sampleArea(cover), { x: 0, y: 0, w: W, h: H });
      if (!area) return face;
      const cell = cover.h / MOSAIC_GRID_CELLS;
      canvas.width = Math.min(MAX_CELLS, Math.max(1, Math.round(area.w / cell)));
      canvas.height = Math.min(MAX_CELLS, Math.max(1, Math.round(area.h / cell)));
      ctx.drawImage(bitmap, area.x, area.y, area.w, area.h, 0, 0, canvas.width, canvas.height);
      const rgb = packRgb(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
      const norm = { x: area.x / W, y: area.y / H, w: area.w / W, h: area.h / H };
      return { ...face, mosaic: { area: norm, cols: canvas.width, rows: canvas.height, rgb } };
    });
  } finally {
    canvas.width = canvas.height = 0;
  }
}
