// BlazeFace's calibration, measured on the dev set with scripts/fit-calibration.ts (see README, "How detection works").
import type { Calibration } from '../calibration';

/** Its square boxes run brow to mouth: labelled faces are a median 1.21x taller and 0.94x as wide, same centre. */
export const BLAZEFACE_CALIBRATION: Calibration = {
  box: { width: 0.94, height: 1.21 },
  score: { a: 12.84, b: -6.46 },
};
