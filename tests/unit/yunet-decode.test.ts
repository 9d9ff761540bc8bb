// YuNet output decoding on hand-made tensors whose faces are known: cell geometry, scores, padding, NMS, bad shapes.
import { describe, expect, it } from 'vitest';
import { decodeYunet, type StrideOutput } from '@/lib/detect/yunet/decode';

/** Empty outputs for a W x H input: one grid per stride. */
function outputs(W: number, H: number): StrideOutput[] {
  return [8, 16, 32].map((stride) => {
    const cells = (W / stride) * (H / stride);
    return { stride, cls: new Float32Array(cells), obj: new Float32Array(cells), bbox: new Float32Array(cells * 4) };
  });
}

/** Puts a detection in cell (r, c) of a stride's grid. */
function put(out: StrideOutput[], W: number, stride: number, r: number, c: number, cls: number, obj: number, d: [number, number, number, number]) {
  const o = out.find((x) => x.stride === stride)!;
  const i = r * (W / stride) + c;
  (o.cls as Float32Array)[i] = cls;
  (o.obj as Float32Array)[i] = obj;
  (o.bbox as Float32Array).set(d, i * 4);
}

describe('decodeYunet', () => {
  const W = 64;
  const H = 32;
  const opts = { inputW: W, inputH: H, validW: W, validH: H, minScore: 0.5 };

  it('turns a cell into its box: centre (c + dx, r + dy) * s, size exp(d) * s, score sqrt(cls * obj)', () => {
    const out = outputs(W, H);
    put(out, W, 8, 1, 2, 0.81, 1, [0.5, 0.5, Math.log(2), Math.log(3)]); // centre (20, 12), 16 x 24
    const [face, ...rest] = decodeYunet(out, opts);
    expect(rest).toEqual([]);
    expect(face!.score).toBeCloseTo(0.9);
    expect(face!.box.x * W).toBeCloseTo(12);
    expect(face!.box.y * H).toBeCloseTo(0);
    expect(face!.box.w * W).toBeCloseTo(16);
    expect(face!.box.h * H).toBeCloseTo(24);
  });

  it('clips boxes to the picture and normalizes them to it, not to the padded input', () => {
    const out = outputs(W, H);
    put(out, W, 16, 0, 1, 1, 1, [0.5, 0.5, Math.log(2), Math.log(1)]); // centre (24, 8), 32 x 16 -> x 8..40
    const [face] = decodeYunet(out, { ...opts, validW: 32, validH: 24 });
    expect(face!.box.x * 32).toBeCloseTo(8);
    expect(face!.box.w * 32).toBeCloseTo(24); // clipped at the picture's right edge, 32
    expect(face!.box.y * 24).toBeCloseTo(0);
    expect(face!.box.h * 24).toBeCloseTo(16);
  });

  it('drops faces centred in the padding and scores below the floor; clamps odd scores', () => {
    const out = outputs(W, H);
    put(out, W, 8, 0, 6, 1, 1, [0.5, 0.5, 0, 0]); // centre x 52: padding when the picture is 40 wide
    put(out, W, 8, 2, 1, 0.2, 0.9, [0.5, 0.5, 0, 0]); // score sqrt(0.18) < 0.5
    put(out, W, 32, 0, 0, 1.2, 1, [0.5, 0.5, 0, 0]); // cls above 1 counts as 1
    const faces = decodeYunet(out, { ...opts, validW: 40 });
    expect(faces.map((f) => f.score)).toEqual([1]);
  });

  it('keeps the best of neighbouring cells that see one face, and separate faces apart', () => {
    const out = outputs(W, H);
    put(out, W, 8, 1, 2, 0.81, 1, [0.5, 0.5, Math.log(2), Math.log(2)]);
    put(out, W, 8, 1, 3, 0.64, 1, [-0.4, 0.5, Math.log(2), Math.log(2)]); // same face, from the next cell
    put(out, W, 16, 0, 3, 0.49, 1, [0.5, 0.5, Math.log(1), Math.log(1)]); // another face at x 56
    const faces = decodeYunet(out, opts);
    expect(faces.map((f) => Number(f.score.toFixed(2)))).toEqual([0.9, 0.7]);
  });

  it('refuses outputs that do not fit the input size', () => {
    const out = outputs(W, H);
    expect(() => decodeYunet(out, { ...opts, inputW: 128 })).toThrow(/stride 8/);
  });
});
