// `npm run bench [-- --repeat N --scans N --cold N]`: cost figures of the product path (load, detection per image, offscreen memory, page time to covered).
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { percentile } from '../lib/eval/metrics';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/server';
import { table } from './lib/eval-report';
import { ensureBuilt, ExtensionSession, productDefaults, runConditions } from './lib/extension';
import { OffscreenProbe } from './lib/offscreen-cdp';

const { values: args } = parseArgs({
  options: { repeat: { type: 'string', default: '5' }, scans: { type: 'string', default: '84' }, cold: { type: 'string', default: '3' }, rebuild: { type: 'boolean' } },
});
const REPEAT = Number(args.repeat);
const SCANS = Number(args.scans);
const COLD = Number(args.cold);

/** Representative sizes: a small group photo, a camera-sized photo, and 2:1 panoramas (real, and synthetic with many small faces). */
const IMAGES = [
  { label: 'group photo 500x375', file: 'group/dlib__2008_002079.jpg' },
  { label: 'photo 1920x1280', file: 'group/faceapi__sample1.jpg' },
  { label: 'panorama 4096x2048 (real)', file: 'panorama/aframe__louvre.jpg' },
  { label: 'panorama 4096x2048 (synthetic, faces H/40)', file: 'synthetic/syn_s_4096x2048_h1-40_0.jpg' },
];
/** Mixed sizes for the memory run, so buffers of every size get allocated and (should be) released. */
const MEMORY_SET = [
  ...['deepface__selfie-many-people', 'dlib__2008_001322', 'dlib__2008_004176', 'face_recognition__two_people', 'faceapi__sample4', 'insightface__t1', 'yolov5__zidane'].map((f) => `group/${f}.jpg`),
  'group/faceapi__sample1.jpg',
  'wider/0--Parade/0_Parade_marchingband_1_311.jpg',
  'wider/12--Group/12_Group_Group_12_Group_Group_12_735.jpg',
  'panorama/aframe__louvre.jpg',
  'synthetic/scene_s_4096x2048_0.jpg',
];

const fmt = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');
const out = (s = '') => console.log(s);
/** The cache is keyed by URL: a query string the server ignores makes each scan a new picture. */
let nonce = 0;
const fresh = (server: FixtureServer, file: string) => `${server.origin}/data/${file}?bench=${Date.now()}-${++nonce}`;

async function perImage(session: ExtensionSession, server: FixtureServer, threshold: number): Promise<void> {
  const rows: [string, ...string[]][] = [];
  for (const { label, file } of IMAGES) {
    const runs = [];
    for (let i = 0; i < REPEAT; i++) {
      const { result, wallMs } = await session.scan(fresh(server, file));
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      runs.push({ ...result, wallMs });
    }
    const ms = runs.map((r) => r.ms);
    const { width, height, calls, faces } = runs[0]!;
    const p50 = percentile(ms, 50);
    const found = faces.filter((f) => f.score >= threshold).length;
    rows.push([label, fmt(p50), fmt(Math.min(...ms)), fmt(Math.max(...ms)), fmt(p50 / ((width * height) / 1e6)), fmt(percentile(runs.map((r) => r.wallMs), 50)), String(calls ?? '-'), String(found)]);
  }
  out(table(`detection per image (median of ${REPEAT})`, rows, ['ms p50', 'min', 'max', 'ms/MP', 'wall ms', 'calls', 'faces']));
}

async function memory(session: ExtensionSession, server: FixtureServer): Promise<void> {
  const probe = await OffscreenProbe.attach(session.context);
  const rows: [string, ...string[]][] = [];
  const sample = async (n: number, started: number) => {
    const m = await probe.memory();
    rows.push([String(n), fmt(m.jsHeapUsedMB), m.extensionRssMB === null ? '-' : fmt(m.extensionRssMB), fmt((Date.now() - started) / 1000)]);
  };
  const started = Date.now();
  await sample(0, started);
  for (let n = 1; n <= SCANS; n++) {
    await session.scan(fresh(server, MEMORY_SET[(n - 1) % MEMORY_SET.length]!));
    if (n % MEMORY_SET.length === 0 || n === SCANS) await sample(n, started);
  }
  out(table(`offscreen memory over ${SCANS} scans of ${MEMORY_SET.length} mixed images (after GC)`, rows, ['JS heap MB', 'ext. process RSS MB', 's']));
}

/**
 * Records, in the page, when every <img> first carries FaceVeil's mark (ms since navigation start).
 * A string, not a function: tsx's name-keeping helpers would not exist in the page.
 */
const WATCH_MARKS = `(() => {
  const check = () => {
    const imgs = [...document.images];
    if (window.__allMarked || document.readyState === 'loading' || !imgs.length) return;
    if (imgs.every((img) => img.hasAttribute('data-faceveil'))) window.__allMarked = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-faceveil'] });
  document.addEventListener('DOMContentLoaded', check);
})();`;

async function timeToCovered(page: Page, url: string, reload = false): Promise<string> {
  if (!reload) await page.addInitScript(WATCH_MARKS); // init scripts persist across reloads
  await (reload ? page.reload() : page.goto(url));
  await page.waitForFunction(() => (window as unknown as { __allMarked?: number }).__allMarked, null, { timeout: 60_000 });
  const { ms, covered, marks } = await page.evaluate(() => ({
    ms: (window as unknown as { __allMarked: number }).__allMarked,
    covered: document.querySelectorAll('faceveil-overlay').length, // one overlay per image with faces
    marks: [...document.images].map((img) => img.getAttribute('data-faceveil')),
  }));
  // Marks tell how each image ended: clear (faces covered by the overlay, or none), blurred (whole image: failure/timeout), skip.
  const tally = new Map<string, number>();
  for (const m of marks) tally.set(m ?? 'none', (tally.get(m ?? 'none') ?? 0) + 1);
  const counts = [...tally].map(([m, n]) => `${n} ${m}`);
  return `${fmt(ms)} ms (${covered}/${marks.length} with face overlays; marks: ${counts.join(', ')})`;
}

ensureBuilt(args.rebuild);
const defaults = await productDefaults();
const server = await startFixtureServer();
const groupPage = `${server.origin}/pages/group.html`;
const { builtAt, loadAvg1m } = runConditions();
out(`FaceVeil bench: build of ${builtAt}; ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, load average ${loadAvg1m}; product defaults: depth ${String((defaults as Partial<Record<string, unknown>>).searchDepth)}, delegate ${String(defaults.delegate)}, threshold ${defaults.threshold}`);
try {
  const session = await ExtensionSession.open();
  try {
    const wanted = { detector: defaults.detector, delegate: defaults.delegate };
    const status = await session.detectorStatus(wanted);
    out(`detector load: ${fmt(status.loadMs)} ms (${status.detector}, YuNet threads ${status.threads ?? '-'}, BlazeFace ${status.delegate ?? '-'}); first scan after install, wall: ${fmt(status.firstScanWallMs)} ms`);
    const probe = await session.settledDetector(wanted);
    out(`delegate after the auto probe: ${probe.delegate}${probe.probe ? ` (CPU ${fmt(probe.probe.cpuMs)} ms, GPU ${probe.probe.gpuMs === null ? 'n/a' : fmt(probe.probe.gpuMs) + ' ms'} per call)` : ''}`);
    out();
    await perImage(session, server, defaults.threshold);
    out();
    await memory(session, server);
    out();
    out('tests/e2e/pages/group.html, navigation start -> every <img> marked (data-faceveil):');
    out(`  detector loaded, images not cached: ${await timeToCovered(await session.context.newPage(), groupPage)}`);
  } finally {
    await session.close();
  }
  for (let i = 1; i <= COLD; i++) {
    const cold = await ExtensionSession.open();
    try {
      const page = await cold.context.newPage();
      out(`  fresh profile #${i} (cold detector):  ${await timeToCovered(page, groupPage)}; reload (cached): ${await timeToCovered(page, groupPage, true)}`);
    } finally {
      await cold.close();
    }
  }
} finally {
  await server.close();
}
