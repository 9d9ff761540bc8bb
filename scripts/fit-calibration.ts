// `npm run fit -- EVAL.json [...]`: refits an engine's calibration (box scale, Platt scores) from `npm run eval -- --out` runs of that engine alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLAZEFACE_CALIBRATION } from '../lib/detect/blazeface/calibration';
import { calibrate, uncalibrate, type Calibration } from '../lib/detect/calibration';
import type { EngineName } from '../lib/detect/engine';
import { YUNET_CALIBRATION } from '../lib/detect/yunet/calibration';
import { boxIou } from '../lib/box';
import { fitPlatt } from '../lib/eval/fit';
import { parseLabels, type LabeledImage } from '../lib/eval/labels';
import { matchImage, type Detection } from '../lib/eval/match';
import { percentile, summarize } from '../lib/eval/metrics';

const CURRENT: Record<EngineName, Calibration> = { yunet: YUNET_CALIBRATION, blazeface: BLAZEFACE_CALIBRATION };

interface EvalRun {
  run: { dataDir: string; detector: string };
  images: { file: string; detections: Detection[]; error?: string }[];
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npm run fit -- EVAL.json [EVAL.json ...]   (eval runs of one engine, e.g. npm run eval -- --detector yunet --out yunet.json)');
  process.exit(1);
}
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as EvalRun);
const engine = runs[0]!.run.detector as EngineName;
if (!(engine in CURRENT) || runs.some((r) => r.run.detector !== engine)) {
  console.error(`every run must be of one engine alone (yunet or blazeface); got ${runs.map((r) => r.run.detector).join(', ')}`);
  process.exit(1);
}
const labels = new Map<string, LabeledImage>();
for (const r of runs) for (const im of parseLabels(JSON.parse(readFileSync(join(r.run.dataDir, 'labels.json'), 'utf8'))).images) labels.set(im.file, im);

// The engine's own boxes and scores, before the calibration the eval ran with.
const current = CURRENT[engine];
const raw = runs.flatMap((r) =>
  r.images.filter((im) => !im.error).map((im) => ({
    image: labels.get(im.file)!,
    detections: im.detections.map((d) => {
      const face = uncalibrate({ box: d, score: d.score }, current);
      return { ...face.box, score: face.score };
    }),
  })),
);

// Box scale: labelled size / raw size over clear one-to-one pairs (IoU >= 0.3 at the raw size).
const widths: number[] = [];
const heights: number[] = [];
for (const { image, detections } of raw) {
  for (const gt of image.faces) {
    if (gt.ignore || gt.h < 20) continue; // small labels are too coarse for a ratio
    const best = detections.map((d) => ({ d, iou: boxIou(d, gt) })).sort((a, b) => b.iou - a.iou)[0];
    if (!best || best.iou < 0.3 || best.d.score < 0.3) continue;
    widths.push(gt.w / best.d.w);
    heights.push(gt.h / best.d.h);
  }
}
const box = { width: round(percentile(widths, 50), 2), height: round(percentile(heights, 50), 2) };
console.log(`box ratios (labelled / engine), median: width ${percentile(widths, 50).toFixed(3)}, height ${percentile(heights, 50).toFixed(3)}; p25-p75 height ${percentile(heights, 25).toFixed(2)}-${percentile(heights, 75).toFixed(2)}`);

// Scores: Platt scaling of matched (face) vs unmatched (not a face) detections, with the new boxes.
const boxed: Calibration = { box, score: { a: 1, b: 0 } };
const samples = raw.flatMap(({ image, detections }) => {
  const sized = detections.map((d) => ({ ...scaled(d, boxed), score: d.score }));
  return matchImage(image, sized).detections.filter((m) => m.outcome !== 'ignored').map((m) => ({ score: m.score, positive: m.outcome === 'tp' }));
});
const { a, b } = fitPlatt(samples);
const fitted: Calibration = { box, score: { a: round(a, 3), b: round(b, 3) } };

console.log(`${engine}: ${raw.length} images, ${widths.length} box pairs, ${samples.length} scored detections`);
console.log(`calibration: ${JSON.stringify(fitted)}`);
console.log('\nthreshold  recall%  precision%  (calibrated scores, this data)');
const matches = (t: number) =>
  raw.map(({ image, detections }) => matchImage(image, detections.map((d) => ({ ...scaled(d, fitted), score: calibrate({ box: d, score: d.score }, fitted).score })).filter((d) => d.score >= t)));
for (let t = 0.2; t < 0.96; t += 0.05) {
  const { overall } = summarize(matches(t));
  console.log(`${t.toFixed(2).padStart(9)}  ${pct(overall.recall).padStart(7)}  ${pct(overall.precision).padStart(10)}`);
}

function scaled(d: Detection, cal: Calibration): Detection {
  return { ...calibrate({ box: d, score: d.score }, cal).box, score: d.score };
}
function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
function pct(v: number | null): string {
  return v === null ? '-' : (v * 100).toFixed(1);
}
