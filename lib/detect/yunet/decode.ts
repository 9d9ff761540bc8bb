// Decodes YuNet's raw output tensors into face boxes (OpenCV FaceDetectorYN's convention), then per-input NMS.
import type { Face } from '../../face';
import { mergeDetections } from '../merge';

export const STRIDES = [8, 16, 32] as const;

/** One stride's outputs, flattened row-major over its grid (rows = inputH / stride, cols = inputW / stride). */
export interface StrideOutput {
  stride: number;
  /** Class score per cell (already sigmoid'ed by the network). */
  cls: ArrayLike<number>;
  /** Objectness per cell (already sigmoid'ed). */
  obj: ArrayLike<number>;
  /** dx, dy, dw, dh per cell. */
  bbox: ArrayLike<number>;
}

export interface DecodeOptions {
  /** The tensor's width and height (multiples of 32, padding included). */
  inputW: number;
  inputH: number;
  /** The picture's part of the input (top-left); boxes are normalized to it and faces centred outside are dropped. */
  validW: number;
  validH: number;
  /** Lowest score kept. */
  minScore: number;
  /** NMS IoU among this input's boxes (OpenCV's default 0.3). */
  nmsIou?: number;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * For cell (row r, col c) of stride s: score = sqrt(cls * obj); centre = ((c + dx) * s, (r + dy) * s);
 * size = (exp(dw) * s, exp(dh) * s). Boxes are clipped to the valid region and normalized to it.
 */
export function decodeYunet(outputs: StrideOutput[], opts: DecodeOptions): Face[] {
  const { inputW, inputH, validW, validH, minScore } = opts;
  const faces: Face[] = [];
  for (const { stride, cls, obj, bbox } of outputs) {
    const cols = Math.floor(inputW / stride);
    const cells = cols * Math.floor(inputH / stride);
    if (cls.length < cells || obj.length < cells || bbox.length < cells * 4) {
      throw new Error(`YuNet stride ${stride}: expected ${cells} cells for ${inputW}x${inputH}, got ${cls.length}`);
    }
    // score >= minScore  <=>  cls * obj >= minScore^2: skips the square root for the many empty cells.
    const minProduct = minScore * minScore;
    for (let i = 0; i < cells; i++) {
      const product = clamp01(cls[i]!) * clamp01(obj[i]!);
      if (product < minProduct) continue;
      const r = Math.floor(i / cols);
      const c = i - r * cols;
      const cx = (c + bbox[i * 4]!) * stride;
      const cy = (r + bbox[i * 4 + 1]!) * stride;
      if (cx < 0 || cy < 0 || cx >= validW || cy >= validH) continue; // in the padding
      const w = Math.exp(bbox[i * 4 + 2]!) * stride;
      const h = Math.exp(bbox[i * 4 + 3]!) * stride;
      const x0 = Math.max(0, cx - w / 2);
      const y0 = Math.max(0, cy - h / 2);
      const x1 = Math.min(validW, cx + w / 2);
      const y1 = Math.min(validH, cy + h / 2);
      if (x1 <= x0 || y1 <= y0) continue;
      faces.push({ box: { x: x0 / validW, y: y0 / validH, w: (x1 - x0) / validW, h: (y1 - y0) / validH }, score: Math.sqrt(product) });
    }
  }
  // Neighbouring cells and strides see the same face; plain IoU suppression, as OpenCV does.
  return mergeDetections(faces, { iouThreshold: opts.nmsIou ?? 0.3, containedThreshold: Infinity });
}
