// Tests for evaluation matching (IoU, ignore boxes, unlabelled backgrounds) and metrics (AP, buckets, summary).
import { describe, expect, it } from 'vitest';
import type { GtFace, LabeledImage } from '../../lib/eval/labels';
import { boxIou as iou } from '../../lib/box';
import { matchImage, type Detection } from '../../lib/eval/match';
import { averagePrecision, percentile, pixelHeightBucket, relativeHeightBucket, summarize } from '../../lib/eval/metrics';

const gt = (x: number, y: number, w: number, h: number, ignore = false): GtFace => ({ x, y, w, h, ignore });
const det = (x: number, y: number, w: number, h: number, score: number): Detection => ({ x, y, w, h, score });
const img = (faces: GtFace[], extra: Partial<LabeledImage> = {}): LabeledImage => ({
  file: 'a.jpg', width: 1000, height: 1000, source: 's', kind: 'wider', faces, backgroundUnlabelled: false, ...extra,
});

describe('matchImage', () => {
  it('matches at IoU >= 0.4, and >= 0.5 for synthetic images', () => {
    const face = gt(0, 0, 100, 100);
    const shifted = det(0, 0, 100, 160, 0.9); // IoU 100/160 = 0.625
    const looser = det(0, 0, 100, 220, 0.9); // IoU 0.4545
    expect(iou(looser, face)).toBeCloseTo(0.4545, 3);
    expect(matchImage(img([face]), [shifted]).detections[0]!.outcome).toBe('tp');
    expect(matchImage(img([face]), [looser]).detections[0]!.outcome).toBe('tp');
    expect(matchImage(img([face], { kind: 'synthetic' }), [looser]).detections[0]!.outcome).toBe('fp');
    expect(matchImage(img([face]), [det(0, 0, 100, 260, 0.9)]).detections[0]!.outcome).toBe('fp'); // IoU 0.385
  });

  it('matches greedily by score: the duplicate is a false positive, and each face records its score', () => {
    const m = matchImage(img([gt(0, 0, 100, 100), gt(500, 500, 50, 50)]), [det(5, 0, 100, 100, 0.6), det(0, 0, 100, 100, 0.9)]);
    expect(m.detections).toEqual([{ score: 0.6, outcome: 'fp' }, { score: 0.9, outcome: 'tp', faceIndex: 0 }]);
    expect(m.faces).toEqual([
      { counted: true, matched: true, score: 0.9, heightPx: 100 },
      { counted: true, matched: false, heightPx: 50 },
    ]);
  });

  it('gives a detection the unmatched face it overlaps most', () => {
    const m = matchImage(img([gt(0, 0, 100, 100), gt(40, 0, 100, 100)]), [det(45, 0, 100, 100, 0.9), det(0, 0, 100, 100, 0.8)]);
    expect(m.detections.map((d) => d.faceIndex)).toEqual([1, 0]);
  });

  it('makes unmatched detections on ignore boxes neither true nor false positives', () => {
    const ignoreBox = gt(200, 200, 100, 100, true);
    const m = matchImage(img([gt(0, 0, 100, 100), ignoreBox]), [
      det(200, 200, 100, 180, 0.9), // IoU 0.56 with the ignore box
      det(180, 180, 220, 220, 0.8), // IoU 0.21, but its centre (290, 290) is inside
      det(290, 290, 100, 100, 0.7), // IoU 0.01, centre (340, 340) outside: false positive
      det(0, 0, 100, 100, 0.6), // the counted face
    ]);
    expect(m.detections.map((d) => d.outcome)).toEqual(['ignored', 'ignored', 'fp', 'tp']);
    expect(m.faces[1]).toEqual({ counted: false, matched: false, heightPx: 100 });
  });

  it('prefers a counted face over an ignore box it also overlaps', () => {
    const m = matchImage(img([gt(0, 0, 100, 100, true), gt(10, 0, 100, 100)]), [det(5, 0, 100, 100, 0.9)]);
    expect(m.detections[0]!.outcome).toBe('tp');
  });

  it('leaves unmatched detections out of precision in background_unlabelled images, but keeps hits', () => {
    const m = matchImage(img([gt(0, 0, 100, 100), gt(300, 0, 100, 100)], { backgroundUnlabelled: true }), [
      det(0, 0, 100, 100, 0.9),
      det(700, 700, 50, 50, 0.8),
    ]);
    expect(m.detections.map((d) => d.outcome)).toEqual(['tp', 'ignored']);
    expect(m.faces.map((f) => f.matched)).toEqual([true, false]);
  });
});

describe('averagePrecision', () => {
  it('computes all-point interpolated AP of a known sequence by hand', () => {
    // 4 faces. Ranked: TP FP TP TP FP -> precision 1, .5, .667, .75, .6; recall .25, .25, .5, .75, .75.
    // Interpolated precision: 1, .75, .75, .75, .6 -> AP = .25*1 + .25*.75 + .25*.75 = 0.625.
    const ranked = [0.9, 0.8, 0.7, 0.6, 0.5].map((score, i) => ({ score, tp: [true, false, true, true, false][i]! }));
    expect(averagePrecision([...ranked].reverse(), 4)).toBeCloseTo(0.625, 12);
  });

  it('is 1 when every face is found before any false positive, and handles empty cases', () => {
    expect(averagePrecision([{ score: 0.9, tp: true }, { score: 0.8, tp: true }, { score: 0.1, tp: false }], 2)).toBe(1);
    expect(averagePrecision([{ score: 0.9, tp: false }, { score: 0.8, tp: true }], 2)).toBeCloseTo(0.25);
    expect(averagePrecision([], 3)).toBe(0);
    expect(averagePrecision([{ score: 0.5, tp: false }], 0)).toBeNull();
  });
});

describe('buckets and percentile', () => {
  it('puts face heights in pixel buckets with inclusive lower bounds', () => {
    expect([9.9, 10, 19.9, 20, 39, 40, 79, 80, 159, 160, 999].map(pixelHeightBucket)).toEqual([
      undefined, '10-19', '10-19', '20-39', '20-39', '40-79', '40-79', '80-159', '80-159', '160+', '160+',
    ]);
  });

  it('puts relative heights in buckets exactly at the fractions', () => {
    expect([17, 18, 26, 27, 43, 44, 71, 72].map((h) => relativeHeightBucket(h, 1080))).toEqual([
      '<1/60', '1/60-1/40', '1/60-1/40', '1/40-1/25', '1/40-1/25', '1/25-1/15', '1/25-1/15', '>=1/15',
    ]);
    expect(relativeHeightBucket(34, 2048)).toBe('<1/60'); // 2048/60 = 34.13
  });

  it('interpolates percentiles linearly', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([5], 95)).toBe(5);
    expect([percentile([3, 1, 2], 0), percentile([3, 1, 2], 100)]).toEqual([1, 3]);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('reports overall, per-kind and per-size metrics in the CLI shape', () => {
    const wider = img([gt(0, 0, 20, 30), gt(100, 100, 8, 8), gt(300, 300, 200, 200), gt(600, 600, 50, 50, true)], { height: 1000 });
    const unlabelled = img([gt(0, 0, 100, 100)], { file: 'b.jpg', kind: 'group', height: 600, backgroundUnlabelled: true });
    const pano = img([], { file: 'c.jpg', kind: 'panorama', height: 2048 });
    const summary = summarize([
      matchImage(wider, [det(0, 0, 20, 30, 0.9), det(100, 100, 8, 8, 0.5), det(800, 0, 40, 40, 0.7), det(600, 600, 50, 50, 0.95)]),
      matchImage(unlabelled, [det(0, 0, 100, 100, 0.6), det(400, 0, 50, 50, 0.99)]),
      matchImage(pano, [det(0, 0, 10, 10, 0.3)]),
    ]);
    // 4 counted faces. Judged detections by score: .9 TP, .7 FP, .6 TP, .5 TP, .3 FP (.95 and .99 ignored).
    // Precision 1, .5, .667, .75, .6 at recall .25, .25, .5, .75, .75: AP = .25*1 + .25*.75 + .25*.75 = 0.625.
    expect(summary.overall).toEqual({ recall: 0.75, precision: 0.6, ap: expect.closeTo(0.625, 12), faces: 4 });
    expect(summary.byKind).toEqual({
      group: { recall: 1, precision: 1, ap: 1, faces: 1 },
      panorama: { recall: null, precision: 0, ap: null, faces: 0 },
      // TP FP TP over 3 faces: AP = 1/3 * 1 + 1/3 * 2/3.
      wider: { recall: 2 / 3, precision: 2 / 3, ap: expect.closeTo(5 / 9, 12), faces: 3 },
    });
    expect(summary.byPixelHeight).toEqual({
      '10-19': { recall: null, faces: 0 },
      '20-39': { recall: 1, faces: 1 }, // the 8 px face counts overall but in no bucket
      '40-79': { recall: null, faces: 0 },
      '80-159': { recall: 1, faces: 1 },
      '160+': { recall: 0, faces: 1 },
    });
    expect(summary.byRelativeHeight).toEqual({
      '<1/60': { recall: 1, faces: 1 }, // 8/1000
      '1/60-1/40': { recall: null, faces: 0 },
      '1/40-1/25': { recall: 1, faces: 1 }, // 30/1000
      '1/25-1/15': { recall: null, faces: 0 },
      '>=1/15': { recall: 0.5, faces: 2 }, // 200/1000 missed, 100/600 found
    });
  });
});
