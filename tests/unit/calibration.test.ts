// Per-engine calibration: boxes rescaled about their centre, Platt scores, the inverse used for refitting, and Platt fitting.
import { describe, expect, it } from 'vitest';
import { calibrate, rawScoreFor, uncalibrate, type Calibration } from '@/lib/detect/calibration';
import { BLAZEFACE_CALIBRATION } from '@/lib/detect/blazeface/calibration';
import { YUNET_CALIBRATION } from '@/lib/detect/yunet/calibration';
import { fitPlatt } from '@/lib/eval/fit';

const cal: Calibration = { box: { width: 0.9, height: 1.2 }, score: { a: 10, b: -5 } };

describe('calibrate', () => {
  it('rescales the box about its centre and maps the raw score through the Platt curve', () => {
    const { box, score } = calibrate({ box: { x: 0.4, y: 0.4, w: 0.1, h: 0.1 }, score: 0.5 }, cal);
    expect(box.w).toBeCloseTo(0.09);
    expect(box.h).toBeCloseTo(0.12);
    expect(box.x + box.w / 2).toBeCloseTo(0.45);
    expect(box.y + box.h / 2).toBeCloseTo(0.45);
    expect(score).toBeCloseTo(0.5); // a * 0.5 + b = 0
  });

  it('is undone by uncalibrate, and rawScoreFor inverts the score curve', () => {
    const face = { box: { x: 10, y: 20, w: 30, h: 40 }, score: 0.73 };
    const back = uncalibrate(calibrate(face, cal), cal);
    expect(back.score).toBeCloseTo(0.73);
    expect(back.box.w).toBeCloseTo(30);
    expect(back.box.y).toBeCloseTo(20);
    expect(calibrate({ box: face.box, score: rawScoreFor(0.2, cal) }, cal).score).toBeCloseTo(0.2);
  });

  it("maps both engines' confident detections near 1 and weak ones low (the shipped constants are sane)", () => {
    for (const c of [YUNET_CALIBRATION, BLAZEFACE_CALIBRATION]) {
      const at = (raw: number) => calibrate({ box: { x: 0, y: 0, w: 1, h: 1 }, score: raw }, c).score;
      expect(at(0.95)).toBeGreaterThan(0.9);
      expect(at(0.3)).toBeLessThan(0.2);
      expect(at(0.9)).toBeGreaterThan(at(0.6));
    }
  });
});

describe('fitPlatt', () => {
  it('recovers the curve that generated the outcomes', () => {
    // Deterministic samples: at each score, the share of positives is exactly the curve's value.
    const truth = { a: 8, b: -4 };
    const samples = [];
    for (let s = 0; s <= 1.0001; s += 0.05) {
      const p = 1 / (1 + Math.exp(-(truth.a * s + truth.b)));
      const pos = Math.round(p * 200);
      for (let i = 0; i < 200; i++) samples.push({ score: s, positive: i < pos });
    }
    const fit = fitPlatt(samples);
    expect(fit.a).toBeCloseTo(truth.a, 0);
    expect(fit.b).toBeCloseTo(truth.b, 0);
  });

  it('refuses data with only one outcome', () => {
    expect(() => fitPlatt([{ score: 0.5, positive: true }])).toThrow(/both outcomes/);
  });
});
