// BlazeFace's calibration, measured on the dev set with scripts/fit-calibration.ts (see README, "How detection works").
import type { Calibration } from '../calibration';

/** Its square boxes run brow to mouth: labelled faces are a median 1.2x taller and 0.93x as wide, same centre. */
export const BLAZEFACE_CALIBRATION: Calibration = {
  box: { width: 0.93, height: 1.2 },
  score: { a: 10, b: -5 },
};
