// Joins the thresholded and all-scores summaries into the eval report, and prints it as a table.
import type { Rate, Summary } from '../../lib/eval/metrics';

export interface Metrics {
  recall: Rate;
  precision: Rate;
  ap: Rate;
  faces: number;
  /** Recall if every detection above the detector floor counted: how much the threshold costs. */
  recallAllScores: Rate;
}

export interface Bucket {
  recall: Rate;
  faces: number;
  recallAllScores: Rate;
}

export interface Timing {
  msPerImageP50: number;
  msPerImageP90: number;
  msPerMegapixelP50: number;
  loadMs: number;
  wallMsPerImageP50: number;
  wallMsPerImageP90: number;
  /** Network calls per image (all passes and tiles), when the product reports them. */
  callsPerImageP50: number | null;
}

/** Recall and precision had the threshold been `threshold` instead (same detections). */
export interface CurvePoint {
  threshold: number;
  recall: Rate;
  precision: Rate;
  /** Recall per face-height bucket (px). */
  byPixelHeight: Record<string, Rate>;
}

export interface EvalReport {
  curve: CurvePoint[];
  overall: Metrics;
  byKind: Record<string, Metrics>;
  byPixelHeight: Record<string, Bucket>;
  byRelativeHeight: Record<string, Bucket>;
  timing: Timing;
}

export function curvePoint(threshold: number, s: Summary): CurvePoint {
  const byPixelHeight = Object.fromEntries(Object.entries(s.byPixelHeight).map(([k, v]) => [k, v.recall]));
  return { threshold, recall: s.overall.recall, precision: s.overall.precision, byPixelHeight };
}

/** Recall/precision come from detections at the product threshold; AP ranks every detection the product returns. */
export function combine(atThreshold: Summary, allScores: Summary): Omit<EvalReport, 'timing' | 'curve'> {
  const metrics = (t: Summary['overall'], a: Summary['overall'] | undefined): Metrics => ({
    recall: t.recall,
    precision: t.precision,
    ap: a?.ap ?? null,
    faces: t.faces,
    recallAllScores: a?.recall ?? null,
  });
  const buckets = (t: Summary['byPixelHeight'], a: Summary['byPixelHeight']) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...v, recallAllScores: a[k]?.recall ?? null }]));
  return {
    overall: metrics(atThreshold.overall, allScores.overall),
    byKind: Object.fromEntries(Object.entries(atThreshold.byKind).map(([k, v]) => [k, metrics(v, allScores.byKind[k])])),
    byPixelHeight: buckets(atThreshold.byPixelHeight, allScores.byPixelHeight),
    byRelativeHeight: buckets(atThreshold.byRelativeHeight, allScores.byRelativeHeight),
  };
}

const pct = (r: Rate | undefined) => (r == null ? '-' : (r * 100).toFixed(1));
const ms = (v: number | null) => (v == null || !Number.isFinite(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

export function table(title: string, rows: [string, ...string[]][], header: string[]): string {
  const all = [[title, ...header], ...rows];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(report: EvalReport, heading: string): string {
  const m = (name: string, v: Metrics): [string, ...string[]] => [name, String(v.faces), pct(v.recall), pct(v.precision), pct(v.ap), pct(v.recallAllScores)];
  const b = (rows: Record<string, Bucket>) => Object.entries(rows).map(([k, v]): [string, ...string[]] => [k, String(v.faces), pct(v.recall), pct(v.recallAllScores)]);
  const t = report.timing;
  return [
    heading,
    '',
    table('', [m('overall', report.overall), ...Object.entries(report.byKind).map(([k, v]) => m(`  ${k}`, v))], ['faces', 'recall%', 'precision%', 'AP%', 'recall@floor%']),
    '',
    table('face height (px)', b(report.byPixelHeight), ['faces', 'recall%', 'recall@floor%']),
    '',
    table('face height / image height', b(report.byRelativeHeight), ['faces', 'recall%', 'recall@floor%']),
    '',
    table(
      'threshold',
      report.curve.map((c): [string, ...string[]] => [c.threshold.toFixed(2), pct(c.recall), pct(c.precision), ...Object.values(c.byPixelHeight).map(pct)]),
      ['recall%', 'precision%', ...Object.keys(report.curve[0]?.byPixelHeight ?? {}).map((k) => `${k} px`)],
    ),
    '',
    table('timing', [
      ['detection ms / image (offscreen)', ms(t.msPerImageP50), ms(t.msPerImageP90)],
      ['wall ms / image (message round trip)', ms(t.wallMsPerImageP50), ms(t.wallMsPerImageP90)],
      ['detection ms / megapixel', ms(t.msPerMegapixelP50), ''],
      ['detector calls / image', ms(t.callsPerImageP50), ''],
      ['detector load ms', ms(t.loadMs), ''],
    ], ['p50', 'p90']),
  ].join('\n');
}
