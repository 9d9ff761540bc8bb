// Per-engine calibration: boxes to labelled face boxes (hairline to chin), raw scores to precision, so one threshold means the same for every engine.
import type { Face, NormBox } from '../face';

export interface Calibration {
  /** Labelled face box size / the engine's box size (median over matched faces); the centre stays. */
  box: { width: number; height: number };
  /**
   * Platt scaling, p = 1 / (1 + exp(-(a * raw + b))): the share of the engine's detections at that raw score
   * that are labelled faces. Fitted on the dev set by scripts/fit-calibration.ts.
   */
  score: { a: number; b: number };
}

export function calibrate(face: Face, cal: Calibration): Face {
  return { box: scaleBox(face.box, cal.box.width, cal.box.height), score: calibrateScore(face.score, cal) };
}

export function calibrateScore(raw: number, { score: { a, b } }: Calibration): number {
  return 1 / (1 + Math.exp(-(a * raw + b)));
}

/** The raw score that calibrates to `p` (0 < p < 1): where an engine's own floor must sit for a calibrated floor. */
export function rawScoreFor(p: number, { score: { a, b } }: Calibration): number {
  return (Math.log(p / (1 - p)) - b) / a;
}

/** Undoes `calibrate` (for refitting from an evaluation's output). */
export function uncalibrate(face: Face, cal: Calibration): Face {
  return { box: scaleBox(face.box, 1 / cal.box.width, 1 / cal.box.height), score: rawScoreFor(face.score, cal) };
}

function scaleBox(box: NormBox, sw: number, sh: number): NormBox {
  const w = box.w * sw;
  const h = box.h * sh;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}
