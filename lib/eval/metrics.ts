// Recall, precision, AP and size buckets over matched images, in the shape the evaluation CLI prints.
import type { DetectionResult, FaceResult, ImageMatch } from './match';

/** null when undefined (no counted faces, or no counted detections); JSON prints it as null. */
export type Rate = number | null;

export interface OverallMetrics {
  recall: Rate;
  precision: Rate;
  ap: Rate;
  faces: number;
}

export interface BucketMetrics {
  recall: Rate;
  faces: number;
}

export interface Summary {
  overall: OverallMetrics;
  byKind: Record<string, OverallMetrics>;
  byPixelHeight: Record<string, BucketMetrics>;
  byRelativeHeight: Record<string, BucketMetrics>;
}

/** Face height in px: [10, 20), [20, 40), ... Faces under 10 px fall in no bucket. */
export const PIXEL_HEIGHT_BUCKETS = ['10-19', '20-39', '40-79', '80-159', '160+'] as const;
const PIXEL_HEIGHT_LOWER = [10, 20, 40, 80, 160];

/** Face height / image height, lower bound inclusive: 1/60 <= r < 1/40 is `1/60-1/40`. */
export const RELATIVE_HEIGHT_BUCKETS = ['<1/60', '1/60-1/40', '1/40-1/25', '1/25-1/15', '>=1/15'] as const;
const RELATIVE_DENOMINATORS = [60, 40, 25, 15];

export function pixelHeightBucket(heightPx: number): string | undefined {
  let bucket: string | undefined;
  PIXEL_HEIGHT_LOWER.forEach((lower, i) => {
    if (heightPx >= lower) bucket = PIXEL_HEIGHT_BUCKETS[i];
  });
  return bucket;
}

export function relativeHeightBucket(heightPx: number, imageHeight: number): string {
  // h / H >= 1/n  <=>  h * n >= H: exact for integer pixels (synthetic faces sit right on the boundaries).
  const above = RELATIVE_DENOMINATORS.filter((n) => heightPx * n >= imageHeight).length;
  return RELATIVE_HEIGHT_BUCKETS[above]!;
}

/**
 * VOC all-point interpolated AP: rank detections by score (ties keep their given order), make precision
 * non-increasing from the right, and sum precision * recall step at each true positive.
 * `ignored` detections must be left out by the caller; positives = counted faces.
 */
export function averagePrecision(ranked: Array<{ score: number; tp: boolean }>, positives: number): Rate {
  if (positives <= 0) return null;
  const sorted = ranked.map((d, i) => ({ ...d, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  sorted.forEach((d, k) => {
    if (d.tp) tp++;
    precision.push(tp / (k + 1));
    recall.push(tp / positives);
  });
  for (let k = precision.length - 2; k >= 0; k--) precision[k] = Math.max(precision[k]!, precision[k + 1]!);
  let ap = 0;
  let previousRecall = 0;
  recall.forEach((r, k) => {
    ap += (r - previousRecall) * precision[k]!;
    previousRecall = r;
  });
  return ap;
}

/** Linear-interpolated percentile (p in 0..100), like numpy's default; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function recallOf(faces: FaceResult[]): BucketMetrics {
  const counted = faces.filter((f) => f.counted);
  return { recall: counted.length ? counted.filter((f) => f.matched).length / counted.length : null, faces: counted.length };
}

/**
 * Overall metrics for a set of images. Precision and AP see only tp/fp detections: `ignored` ones
 * (ignore boxes, and unmatched detections in background_unlabelled images) are dropped. Those images'
 * true positives still count, so their faces stay reachable for AP's recall axis.
 */
export function overallMetrics(images: ImageMatch[]): OverallMetrics {
  const faces = images.flatMap((m) => m.faces);
  const judged: DetectionResult[] = images.flatMap((m) => m.detections).filter((d) => d.outcome !== 'ignored');
  const tp = judged.filter((d) => d.outcome === 'tp').length;
  const { recall, faces: counted } = recallOf(faces);
  return {
    recall,
    precision: judged.length ? tp / judged.length : null,
    ap: averagePrecision(judged.map((d) => ({ score: d.score, tp: d.outcome === 'tp' })), counted),
    faces: counted,
  };
}

function bucketed(images: ImageMatch[], keys: readonly string[], keyOf: (f: FaceResult, m: ImageMatch) => string | undefined) {
  const groups = new Map<string, FaceResult[]>(keys.map((k) => [k, []]));
  for (const m of images) for (const f of m.faces) if (f.counted) groups.get(keyOf(f, m) ?? '')?.push(f);
  return Object.fromEntries(keys.map((k) => [k, recallOf(groups.get(k)!)]));
}

/** The CLI's report: overall, per kind (with precision/AP), and recall per absolute / relative face height. */
export function summarize(images: ImageMatch[]): Summary {
  const kinds = [...new Set(images.map((m) => m.kind))].sort();
  return {
    overall: overallMetrics(images),
    byKind: Object.fromEntries(kinds.map((k) => [k, overallMetrics(images.filter((m) => m.kind === k))])),
    byPixelHeight: bucketed(images, PIXEL_HEIGHT_BUCKETS, (f) => pixelHeightBucket(f.heightPx)),
    byRelativeHeight: bucketed(images, RELATIVE_HEIGHT_BUCKETS, (f, m) => relativeHeightBucket(f.heightPx, m.imageHeight)),
  };
}
