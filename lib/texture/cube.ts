// Cube-map geometry as WebGL defines it (OpenGL ES 3.0, table 3.21): which face and texel a direction lands on, the
// reverse, and each face's neighbours unfolded into its plane: each face is padded with them before a scan, so a face
// cut by a cube edge is found whole.

/** Face index = target - TEXTURE_CUBE_MAP_POSITIVE_X: +X, -X, +Y, -Y, +Z, -Z. */
export type CubeFace = 0 | 1 | 2 | 3 | 4 | 5;

export const TEXTURE_CUBE_MAP_POSITIVE_X = 0x8515;

/** The face a cube-map upload target names, or null for any other target. */
export function cubeFaceOf(target: number): CubeFace | null {
  const face = target - TEXTURE_CUBE_MAP_POSITIVE_X;
  return face >= 0 && face <= 5 ? (face as CubeFace) : null;
}

/** The direction through (s, t) of `face` (s, t in [0, 1] on the face; beyond, the face's plane extended). */
export function cubeDirection(face: CubeFace, s: number, t: number): [number, number, number] {
  const sc = 2 * s - 1;
  const tc = 2 * t - 1;
  switch (face) {
    case 0:
      return [1, -tc, -sc];
    case 1:
      return [-1, -tc, sc];
    case 2:
      return [sc, 1, tc];
    case 3:
      return [sc, -1, -tc];
    case 4:
      return [sc, -tc, 1];
    default:
      return [-sc, -tc, -1];
  }
}

/** Where a direction meets the cube: the face and (s, t) on it, both in [0, 1]. */
export function cubeLookup([x, y, z]: [number, number, number]): { face: CubeFace; s: number; t: number } {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const az = Math.abs(z);
  let face: CubeFace;
  let sc: number;
  let tc: number;
  let ma: number;
  if (ax >= ay && ax >= az) {
    face = x > 0 ? 0 : 1;
    [sc, tc, ma] = [x > 0 ? -z : z, -y, ax];
  } else if (ay >= az) {
    face = y > 0 ? 2 : 3;
    [sc, tc, ma] = [x, y > 0 ? z : -z, ay];
  } else {
    face = z > 0 ? 4 : 5;
    [sc, tc, ma] = [z > 0 ? x : -x, -y, az];
  }
  return { face, s: (sc / ma + 1) / 2, t: (tc / ma + 1) / 2 };
}

export type Edge = 'left' | 'right' | 'top' | 'bottom';

/** Each edge of a face: its two ends and the way out, in the face's (s, t). */
const EDGES: Record<Edge, { a: [number, number]; b: [number, number]; out: [number, number] }> = {
  left: { a: [0, 0], b: [0, 1], out: [-1, 0] },
  right: { a: [1, 0], b: [1, 1], out: [1, 0] },
  top: { a: [0, 0], b: [1, 0], out: [0, -1] },
  bottom: { a: [0, 1], b: [1, 1], out: [0, 1] },
};

/**
 * The neighbour across `edge` of `face`, unfolded into the face's plane: the face across the edge, and the affine map
 * [a, b, c, d, e, f] (as canvas setTransform takes it) from the neighbour's (s, t) to this face's (s, t). Along the
 * edge the two agree exactly, and distances across it keep their scale (both planes meet the edge at 45° from their
 * centres), so a face cut by the edge shows whole, slightly bent at the fold.
 */
export function unfoldedNeighbour(face: CubeFace, edge: Edge): { face: CubeFace; matrix: [number, number, number, number, number, number] } {
  const { a, b, out } = EDGES[edge];
  // Two points along the edge (away from the corners, where three faces meet), looked up just past it on the
  // neighbour, and one a step further out (which side of the edge is the neighbour's inside).
  const along = (k: number): [number, number] => [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k];
  const past = (p: [number, number], step: number) => cubeLookup(cubeDirection(face, p[0] + out[0] * step, p[1] + out[1] * step));
  const p1 = along(0.25);
  const p2 = along(0.75);
  const n1 = past(p1, 1e-7);
  const n2 = past(p2, 1e-7);
  const n3 = past(p1, 1e-4);
  // The way in on the neighbour: square to the edge (as in a paper net of the cube), one unit long, on the side a step
  // out of this face lands.
  const len = Math.hypot(n2.s - n1.s, n2.t - n1.t) || 1;
  let inX = -(n2.t - n1.t) / len;
  let inY = (n2.s - n1.s) / len;
  if (inX * (n3.s - n1.s) + inY * (n3.t - n1.t) < 0) [inX, inY] = [-inX, -inY];
  // face = p1 + F · G⁻¹ · (neighbour - n1), with F = [p2 - p1 | out] and G = [n2 - n1 | in] (as columns).
  const [f00, f01, f10, f11] = [p2[0] - p1[0], out[0], p2[1] - p1[1], out[1]];
  const [g00, g01, g10, g11] = [n2.s - n1.s, inX, n2.t - n1.t, inY];
  const det = g00 * g11 - g01 * g10;
  const [i00, i01, i10, i11] = [g11 / det, -g01 / det, -g10 / det, g00 / det];
  const m00 = f00 * i00 + f01 * i10;
  const m01 = f00 * i01 + f01 * i11;
  const m10 = f10 * i00 + f11 * i10;
  const m11 = f10 * i01 + f11 * i11;
  const e = p1[0] - (m00 * n1.s + m01 * n1.t);
  const f = p1[1] - (m10 * n1.s + m11 * n1.t);
  // As setTransform(a, b, c, d, e, f) takes it: x' = a·x + c·y + e, y' = b·x + d·y + f.
  return { face: n1.face, matrix: [m00, m10, m01, m11, e, f] };
}
