// Cube-map geometry as WebGL defines it (OpenGL ES 3.0, table 3.21): which face and texel a direction lands on, and
// the reverse. Used to pad each face with its neighbours before a scan, so a face cut by a cube edge is found whole.

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

/**
 * Fills the margin of a padded face: `out` is (n + 2m) px square RGBA with `face` itself at (m, m); every margin pixel
 * takes the texel its direction lands on in the other faces (`faces[i]`: n x n RGBA, null when not uploaded: left as
 * is). The margin continues the face's own plane, so a face across the edge looks as it does on screen.
 */
export function padCubeFace(out: Uint8ClampedArray, face: CubeFace, faces: readonly (Uint8ClampedArray | null)[], n: number, m: number): void {
  const side = n + 2 * m;
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      if (i >= m && i < m + n && j >= m && j < m + n) continue;
      const hit = cubeLookup(cubeDirection(face, (i - m + 0.5) / n, (j - m + 0.5) / n));
      const from = faces[hit.face];
      if (!from) continue;
      const si = Math.min(n - 1, Math.floor(hit.s * n));
      const sj = Math.min(n - 1, Math.floor(hit.t * n));
      const a = (sj * n + si) * 4;
      const b = (j * side + i) * 4;
      out[b] = from[a]!;
      out[b + 1] = from[a + 1]!;
      out[b + 2] = from[a + 2]!;
      out[b + 3] = 255;
    }
  }
}
