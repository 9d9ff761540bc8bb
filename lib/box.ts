// Overlap of axis-aligned boxes, in any units (normalized or pixels): used by NMS, evaluation and the app's comparison.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function boxIntersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function boxIou(a: Box, b: Box): number {
  const inter = boxIntersection(a, b);
  return inter > 0 ? inter / (a.w * a.h + b.w * b.h - inter) : 0;
}
