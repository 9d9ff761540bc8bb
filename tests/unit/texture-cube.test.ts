import { describe, expect, it } from 'vitest';
import { cubeDirection, cubeFaceOf, cubeLookup, unfoldedNeighbour, type CubeFace, type Edge } from '@/lib/texture/cube';

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

  it('unfolds each neighbour into the face plane: just past every edge it agrees with the cube itself', () => {
    const apply = ([a, b, c, d, e, f]: number[], [s, t]: [number, number]): [number, number] => [a! * s + c! * t + e!, b! * s + d! * t + f!];
    const outside: Record<Edge, (k: number, d: number) => [number, number]> = {
      left: (k, d) => [-d, k],
      right: (k, d) => [1 + d, k],
      top: (k, d) => [k, -d],
      bottom: (k, d) => [k, 1 + d],
    };
    for (const face of FACES) {
      const neighbours = new Set<number>();
      for (const edge of ['left', 'right', 'top', 'bottom'] as Edge[]) {
        const { face: other, matrix } = unfoldedNeighbour(face, edge);
        neighbours.add(other);
        for (const k of [0.1, 0.5, 0.9]) {
          const [s, t] = outside[edge](k, 0.02);
          const hit = cubeLookup(cubeDirection(face, s, t));
          expect(hit.face).toBe(other);
          const [us, ut] = apply(matrix, [hit.s, hit.t]);
          // Unfolded as in a paper net, not projected: the two part slowly away from the edge's middle (2 % past the
          // edge: under 0.2 % of a face in the middle, 1.5 % near the corners).
          const tolerance = k === 0.5 ? 0.002 : 0.02;
          expect(Math.abs(us - s)).toBeLessThan(tolerance);
          expect(Math.abs(ut - t)).toBeLessThan(tolerance);
        }
      }
      // Four different neighbours, never the face itself nor its opposite.
      expect(neighbours.size).toBe(4);
      expect(neighbours.has(face)).toBe(false);
      expect(neighbours.has(face ^ 1)).toBe(false);
    }
  });
});
