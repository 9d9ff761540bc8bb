// YuNet's calibration, measured on the dev set with scripts/fit-calibration.ts (see README, "How detection works").
import type { Calibration } from '../calibration';

/** Its boxes already match the labels (median ratio 1.00 both ways); its raw scores are sqrt(cls * obj). */
export const YUNET_CALIBRATION: Calibration = {
  box: { width: 1, height: 1 },
  score: { a: 17.46, b: -11.75 },
};
