import { describe, expect, it } from 'vitest';
import { cubeDirection, cubeFaceOf, cubeLookup, padCubeFace, type CubeFace } from '@/lib/texture/cube';

const FACES: CubeFace[] = [0, 1, 2, 3, 4, 5];

describe('cube-map geometry', () => {
  it('names the six face targets and nothing else', () => {
    expect([0x8515, 0x851a, 0x8514, 0x851b, 0x0de1].map(cubeFaceOf)).toEqual([0, 5, null, null, null]);
  });

  it('follows the WebGL table: each face centre looks down its axis', () => {
    expect(FACES.map((f) => cubeDirection(f, 0.5, 0.5))).toEqual([
      [1, -0, -0],
      [-1, -0, 0],
      [0, 1, 0],
      [0, -1, -0],
      [0, -0, 1],
      [-0, -0, -1],
    ]);
    // +X: s grows towards -z, t towards -y (the texel row 0 is at +y).
    expect(cubeLookup([1, 0.5, -0.5])).toEqual({ face: 0, s: 0.75, t: 0.25 });
  });

  it('finds every texel back on its own face', () => {
    for (const face of FACES) {
      for (const [s, t] of [[0.1, 0.2], [0.5, 0.9], [0.99, 0.01]] as const) {
        const hit = cubeLookup(cubeDirection(face, s, t));
        expect(hit.face).toBe(face);
        expect(hit.s).toBeCloseTo(s);
        expect(hit.t).toBeCloseTo(t);
      }
    }
  });

  it('continues across every edge onto the neighbour, which continues back', () => {
    for (const face of FACES) {
      for (const [s, t] of [[1.05, 0.5], [-0.05, 0.5], [0.5, 1.05], [0.5, -0.05]] as const) {
        const hit = cubeLookup(cubeDirection(face, s, t));
        expect(hit.face).not.toBe(face);
        // Just past the edge of this face is just inside the edge of the neighbour.
        expect(Math.min(hit.s, 1 - hit.s, hit.t, 1 - hit.t)).toBeLessThan(0.06);
      }
    }
  });

  it('pads a face with its neighbours, the face itself untouched', () => {
    const n = 8;
    const m = 2;
    // Each face filled with its own index as the red value.
    const faces = FACES.map((f) => new Uint8ClampedArray(n * n * 4).fill(f * 40));
    const side = n + 2 * m;
    const out = new Uint8ClampedArray(side * side * 4);
    padCubeFace(out, 4, faces, n, m);
    const red = (i: number, j: number) => out[(j * side + i) * 4];
    expect(red(m + 3, m + 3)).toBe(0); // the centre is left for the face's own picture
    expect(red(side - 1, m + 4)).toBe(0 * 40); // right of +Z (s grows with +x): +X
    expect(red(0, m + 4)).toBe(1 * 40); // left of +Z: -X
    expect(red(m + 4, 0)).toBe(2 * 40); // above +Z (t = 0 is +y): +Y
    expect(red(m + 4, side - 1)).toBe(3 * 40); // below: -Y
    // A missing neighbour leaves its margin as it was.
    const partial = new Uint8ClampedArray(side * side * 4).fill(7);
    padCubeFace(partial, 4, [null, ...faces.slice(1)], n, m);
    expect(partial[((m + 4) * side + side - 1) * 4]).toBe(7);
  });
});
