// A cube map's face padded with its neighbours for the scan: a face cut by a cube edge is then found whole on both
// sides. Each neighbour is drawn unfolded into the face's plane (lib/texture/cube.ts), four drawImage calls per face.
// Page world: natives only (captured before any page script).
import { unfoldedNeighbour, type CubeFace, type Edge } from '@/lib/texture/cube';
import { canvas2d } from './pictures';

const { apply } = Reflect;
const proto = OffscreenCanvasRenderingContext2D.prototype;
const { drawImage, setTransform, save, restore, beginPath, rect, clip } = proto;
const transferToImageBitmap = OffscreenCanvas.prototype.transferToImageBitmap;

/** Margin on each side, as a fraction of the face: wide enough for a face of a sixth of the face's height. */
const MARGIN = 1 / 8;
const EDGES: Edge[] = ['left', 'right', 'top', 'bottom'];

export interface PaddedFace {
  picture: ImageBitmap;
  /** Margin in px on each side; the face itself is n x n at (margin, margin). */
  margin: number;
  n: number;
}

/**
 * Face `face` of a cube (`shots`: the six faces, null where not uploaded) padded with its neighbours past its edges
 * (the corners stay empty), or null when the faces are not all the same square size (then it is scanned alone).
 */
export function padCubeFace(shots: readonly (ImageBitmap | null)[], face: CubeFace): PaddedFace | null {
  const shot = shots[face];
  const present = shots.filter((s): s is ImageBitmap => !!s);
  const n = shot?.width ?? 0;
  if (!shot || present.some((s) => s.width !== n || s.height !== n)) return null;
  const margin = Math.max(16, Math.round(n * MARGIN));
  const side = n + 2 * margin;
  const strips: Record<Edge, [number, number, number, number]> = {
    left: [0, margin, margin, n],
    right: [margin + n, margin, margin, n],
    top: [margin, 0, n, margin],
    bottom: [margin, margin + n, n, margin],
  };
  const [c, ctx] = canvas2d(side, side);
  for (const edge of EDGES) {
    const { face: other, matrix } = unfoldedNeighbour(face, edge);
    const neighbour = shots[other];
    if (!neighbour) continue;
    // Neighbour px -> its (s, t) -> this face's (s, t) -> padded px.
    const [a, b, cc, d, e, f] = matrix;
    apply(save, ctx, []);
    apply(beginPath, ctx, []);
    apply(rect, ctx, strips[edge]);
    apply(clip, ctx, []);
    apply(setTransform, ctx, [a, b, cc, d, margin + n * e, margin + n * f]);
    apply(drawImage, ctx, [neighbour, 0, 0]);
    apply(restore, ctx, []);
  }
  apply(drawImage, ctx, [shot, margin, margin]);
  return { picture: apply(transferToImageBitmap, c, []) as ImageBitmap, margin, n };
}
