// `npm run eval -- --data DIR [--out FILE] [--limit N] [--detector D] [--min-face PX] [--rebuild]`: the built extension's detector, via the product's scanImage message, scored against labels.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LabelError, parseLabels, type LabeledImage } from '../lib/eval/labels';
import { DETECTOR_CHOICES } from '../lib/detect/engine';
import { FULL_RESOLUTION_MIN_FACE_PX } from '../lib/detect/scale';
import { matchImage, type Detection, type ImageMatch } from '../lib/eval/match';
import { percentile, summarize } from '../lib/eval/metrics';
import type { DetectorStatus, ScanResult } from '../lib/messages';
import { combine, curvePoint, formatReport, type EvalReport } from './lib/eval-report';
import { ensureBuilt, ExtensionSession, productDefaults, runConditions, type DetectorInfo } from './lib/extension';
import { progressBar } from './lib/progress';
import { serveFolder } from './lib/static-server';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    limit: { type: 'string' },
    rebuild: { type: 'boolean' },
    // Not the defaults: for the per-engine table and the speed/recall trade-off in the README.
    detector: { type: 'string' },
    'min-face': { type: 'string' },
  },
});
const dataDir = resolve(args.data ?? process.env.FACEVEIL_DATA ?? join(import.meta.dirname, '../../shared/facedata'));
const limit = args.limit === undefined ? Infinity : Number(args.limit);
if (!(limit > 0)) fail(`--limit: expected a positive number, got ${args.limit}`);

function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(1);
}

function readLabels(): LabeledImage[] {
  const file = join(dataDir, 'labels.json');
  if (!existsSync(file)) fail(`no labels.json in ${dataDir}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseLabels(json).images;
  } catch (error) {
    if (error instanceof LabelError) fail(`bad labels in ${file}: ${error.message}`);
    throw error;
  }
}

type Scanned = Extract<ScanResult, { ok: true }>;
interface ImageRun {
  file: string;
  kind: string;
  /** Set when the product could not scan the image: its faces then count as missed. */
  error?: string;
  ms?: number;
  wallMs?: number;
  calls?: number;
  megapixels?: number;
  detections: Detection[];
}

/** The product's normalized boxes, in the labelled image's pixels (the product may analyse a downscaled copy). */
function toPixels(image: LabeledImage, result: Scanned): Detection[] {
  return result.faces.map(({ box, score }) => ({ x: box.x * image.width, y: box.y * image.height, w: box.w * image.width, h: box.h * image.height, score }));
}

const images = readLabels().slice(0, limit);
const defaults = { ...(await productDefaults()) };
if (args.detector !== undefined) {
  const choice = DETECTOR_CHOICES.find((c) => c === args.detector);
  if (!choice) fail(`--detector: expected one of ${DETECTOR_CHOICES.join(', ')}, got ${args.detector}`);
  defaults.detector = choice;
}
// Full resolution unless asked: the smallest face, in each image's own px, the detector must find.
const minFacePx = args['min-face'] === undefined ? FULL_RESOLUTION_MIN_FACE_PX : Number(args['min-face']);
if (!(minFacePx > 0)) fail(`--min-face: expected a positive number of px, got ${args['min-face']}`);
const wanted = { detector: defaults.detector, delegate: defaults.delegate };
const threshold = defaults.threshold;
ensureBuilt(args.rebuild);

const conditions = runConditions();
const server = await serveFolder(dataDir);
// An open server would keep the process alive after a failed launch.
const session = await ExtensionSession.open().catch(async (error: unknown) => {
  await server.close();
  throw error;
});
const runs: ImageRun[] = [];
const missing: string[] = [];
let loadStatus: DetectorInfo;
let runStatus: DetectorStatus;
let finalStatus: DetectorStatus;
try {
  await session.page.evaluate((settings) => chrome.storage.local.set({ settings }), defaults);
  loadStatus = await session.detectorStatus(wanted);
  process.stderr.write('waiting for the detector to settle (delegate probe) ...\n');
  runStatus = await session.settledDetector(wanted);
  const bar = progressBar(images.length, 'eval');
  for (const [i, image] of images.entries()) {
    bar.update(i, image.file);
    const kind = image.kind ?? 'unknown';
    if (!existsSync(join(dataDir, image.file))) {
      missing.push(image.file);
      bar.log(`warning: missing file ${image.file} (left out)`);
      continue;
    }
    try {
      const { result, wallMs } = await session.scan(server.urlOf(image.file), { minFacePx });
      if (!result.ok) throw new Error(result.reason);
      // A different aspect ratio means the labels describe another picture: the boxes would not line up.
      if (Math.abs(result.width / result.height - image.width / image.height) > 0.01) {
        bar.log(`warning: ${image.file} is ${result.width}x${result.height}, labels say ${image.width}x${image.height}`);
      }
      const megapixels = (result.width * result.height) / 1e6;
      runs.push({ file: image.file, kind, ms: result.ms, wallMs, calls: result.calls, megapixels, detections: toPixels(image, result) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      bar.log(`warning: ${image.file} not scanned: ${message}`);
      runs.push({ file: image.file, kind, error: message, detections: [] });
    }
  }
  bar.update(images.length);
  bar.done();
  // Should not change after settling, but a swap mid-run would mix two delegates' results: report it.
  finalStatus = (await session.send<DetectorStatus>('loadDetector', wanted)).res;
} finally {
  await session.close();
  await server.close();
}

const byFile = new Map(images.map((im) => [im.file, im]));
const match = (minScore: number): ImageMatch[] =>
  runs.map((r) => matchImage(byFile.get(r.file)!, r.detections.filter((d) => d.score >= minScore)));
const timed = runs.filter((r) => r.ms !== undefined);
const ms = timed.map((r) => r.ms!);
const calls = timed.flatMap((r) => (r.calls === undefined ? [] : [r.calls]));
// Other thresholds, for choosing the default (README, "How detection works").
const curve = Array.from({ length: 15 }, (_, i) => Number((0.2 + i * 0.05).toFixed(2))).map((t) => curvePoint(t, summarize(match(t))));
const report: EvalReport & Record<string, unknown> = {
  ...combine(summarize(match(threshold)), summarize(match(0))),
  curve,
  timing: {
    msPerImageP50: percentile(ms, 50),
    msPerImageP90: percentile(ms, 90),
    msPerMegapixelP50: percentile(timed.map((r) => r.ms! / r.megapixels!), 50),
    loadMs: loadStatus.loadMs,
    wallMsPerImageP50: percentile(timed.map((r) => r.wallMs!), 50),
    wallMsPerImageP90: percentile(timed.map((r) => r.wallMs!), 90),
    callsPerImageP50: calls.length ? percentile(calls, 50) : null,
  },
  run: {
    dataDir,
    threshold,
    detector: defaults.detector,
    minFacePx,
    threads: runStatus.threads,
    delegate: { atLoad: loadStatus.delegate, run: runStatus.delegate, end: finalStatus.delegate, probe: finalStatus.probe ?? null },
    images: images.length,
    scanned: timed.length,
    missing,
    failed: runs.filter((r) => r.error).map((r) => ({ file: r.file, reason: r.error })),
    firstScanWallMs: loadStatus.firstScanWallMs,
    ...conditions,
  },
  images: runs,
};

const heading =
  `FaceVeil eval: ${dataDir} (build of ${conditions.builtAt}, load average ${conditions.loadAvg1m})\n` +
  `${images.length} images, ${timed.length} scanned, ${missing.length} missing, ${runs.length - timed.length} failed; ` +
  `threshold ${threshold} (AP and recall@floor use every score), detector ${defaults.detector}, faces from ${minFacePx} px, ` +
  `YuNet threads ${runStatus.threads ?? '-'}, BlazeFace delegate ${runStatus.delegate ?? '-'}` +
  `${finalStatus.delegate !== runStatus.delegate ? ` -> ${finalStatus.delegate} (changed mid-run!)` : ''}`;
console.log(formatReport(report, heading));
if (args.out) {
  writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nJSON written to ${resolve(args.out)}`);
}
