// A cube map's face padded with its neighbours for the scan: a face cut by a cube edge is then found whole on both
// sides. Page world: natives only (captured before any page script).
import { padCubeFace, type CubeFace } from '@/lib/texture/cube';
import { canvas2d } from './pictures';

const { apply } = Reflect;
const drawImage = OffscreenCanvasRenderingContext2D.prototype.drawImage;
const getImageData = OffscreenCanvasRenderingContext2D.prototype.getImageData;
const putImageData = OffscreenCanvasRenderingContext2D.prototype.putImageData;
const transferToImageBitmap = OffscreenCanvas.prototype.transferToImageBitmap;

/** Margin on each side, as a fraction of the face: wide enough for a face of a sixth of the face's height. */
const MARGIN = 1 / 8;

export interface PaddedFace {
  picture: ImageBitmap;
  /** Margin in px on each side; the face itself is n x n at (margin, margin). */
  margin: number;
  n: number;
}

/**
 * Each uploaded face (`shots[face]`, null where not uploaded) padded with what its neighbours show past its edges, or
 * null when the faces are not all the same square size (then each is scanned alone).
 */
export function padCubeFaces(shots: readonly (ImageBitmap | null)[]): (PaddedFace | null)[] {
  const present = shots.filter((s): s is ImageBitmap => !!s);
  const n = present[0]?.width ?? 0;
  if (!n || present.some((s) => s.width !== n || s.height !== n)) return shots.map(() => null);
  const pixels = shots.map((shot) => {
    if (!shot) return null;
    const [c, ctx] = canvas2d(n, n);
    apply(drawImage, ctx, [shot, 0, 0]);
    const data = (apply(getImageData, ctx, [0, 0, n, n]) as ImageData).data;
    c.width = c.height = 0;
    return data;
  });
  const margin = Math.max(16, Math.round(n * MARGIN));
  const side = n + 2 * margin;
  return shots.map((shot, face) => {
    if (!shot) return null;
    const [c, ctx] = canvas2d(side, side);
    const image = apply(getImageData, ctx, [0, 0, side, side]) as ImageData;
    padCubeFace(image.data, face as CubeFace, pixels, n, margin);
    apply(putImageData, ctx, [image, 0, 0]);
    apply(drawImage, ctx, [shot, margin, margin]);
    return { picture: apply(transferToImageBitmap, c, []) as ImageBitmap, margin, n };
  });
}
