// What to cover on the frame shown now, from the last detection: each face where the motion model puts it, where its
// patch is found again in this frame and where the picture as a whole moved (the union: whichever is right, the face is
// under it), and - strict mode - the parts of the frame the detected frame does not explain (lib/video/motion.ts).
import type { NormBox } from '../face';
import { CHANGE_THRESHOLD, moved, shiftOf, unexplained, type Shift, type Thumb } from './motion';

/** The frame a detection was made on: its thumbnail and faces. */
export interface Scanned {
  thumb: Thumb;
  faces: readonly NormBox[];
  /** How the picture moved from the scan before to this one, in cells (none: unknown): the way a pan is going. */
  trend?: Shift;
}

export interface Covers {
  /** How the picture moved since the scanned frame (cells; none without one): where to look first next frame. */
  picture?: Shift;
  faces: NormBox[];
  /** Changed parts no face cover holds (strict mode only). */
  unknown: NormBox[];
  /** Share of the frame changed beyond what the detected frame explains (0 when not known). */
  changed: number;
}

/** A cover's margin each side: a thumbnail cell (how precisely a patch is found again) and a tenth of the face. */
function grown(box: NormBox, t: Thumb): NormBox {
  const gx = 1 / t.w + box.w * 0.1;
  const gy = 1 / t.h + box.h * 0.1;
  return { x: box.x - gx, y: box.y - gy, w: box.w + 2 * gx, h: box.h + 2 * gy };
}

/** `near`: the picture's shift since the same scanned frame, a frame ago. */
export function coversNow(scanned: Scanned | null, thumb: Thumb | null, predicted: readonly NormBox[], strict: boolean, near?: Shift): Covers {
  if (!scanned || !thumb) return { faces: [...predicted], unknown: [], changed: 0 };
  const picture = shiftOf(scanned.thumb, thumb, undefined, undefined, near);
  const faces = [...predicted];
  for (const face of scanned.faces) {
    faces.push(grown(moved(face, picture, thumb), thumb));
    // Found again on its own (not where a face that left the frame merely resembles something): covered there too.
    const own = shiftOf(scanned.thumb, thumb, face, undefined, picture);
    if ((own.dx !== picture.dx || own.dy !== picture.dy) && own.cost <= CHANGE_THRESHOLD) faces.push(grown(moved(face, own, thumb), thumb));
  }
  if (!strict) return { picture, faces, unknown: [], changed: 0 };
  const { boxes, share } = unexplained(scanned.thumb, thumb, picture, faces, scanned.trend);
  return { picture, faces, unknown: boxes, changed: share };
}

/** The box of the ellipse that holds `box` (an unknown rectangle covered by an ellipse): √2 times as large. */
export function ellipseAround(box: NormBox): NormBox {
  const gx = (box.w * (Math.SQRT2 - 1)) / 2;
  const gy = (box.h * (Math.SQRT2 - 1)) / 2;
  return { x: box.x - gx, y: box.y - gy, w: box.w + 2 * gx, h: box.h + 2 * gy };
}
