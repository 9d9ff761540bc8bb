// `npm run bench [-- --repeat N --scans N --cold N --detector D --only SECTION]`: cost figures of the product path, printed
// not asserted. Sections: images, memory, threads, panoramas, feed, backgrounds, video.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { DETECTOR_CHOICES } from '../lib/detect/engine';
import { minFaceForView } from '../lib/detect/scale';
import { percentile } from '../lib/eval/metrics';
import { launch } from '../tests/e2e/support/browser';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/server';
import { table } from './lib/eval-report';
import { ensureBuilt, ExtensionSession, productDefaults, runConditions } from './lib/extension';
import { OffscreenProbe } from './lib/offscreen-cdp';
import { backgroundsBench } from './lib/bench-backgrounds';
import { videoBench } from './lib/bench-video';
import { longTasks, PAGE_PROBE, timeScreens } from './lib/page-timing';
import { processes, sum } from './lib/process-stats';

const { values: args } = parseArgs({
  options: {
    repeat: { type: 'string', default: '5' },
    scans: { type: 'string', default: '500' },
    cold: { type: 'string', default: '3' },
    detector: { type: 'string' },
    rebuild: { type: 'boolean' },
    only: { type: 'string' },
  },
});
const SECTIONS = ['images', 'memory', 'threads', 'panoramas', 'feed', 'backgrounds', 'video'] as const;
if (args.only !== undefined && !SECTIONS.includes(args.only as never)) throw new Error(`--only: expected one of ${SECTIONS.join(', ')}`);
const wanted = (section: (typeof SECTIONS)[number]) => args.only === undefined || args.only === section;
const REPEAT = Number(args.repeat);
const SCANS = Number(args.scans);
const COLD = Number(args.cold);

/** Representative sizes: a small group photo, a camera-sized photo, and 2:1 panoramas (real, and synthetic with many small faces). */
const IMAGES = [
  { label: 'group photo 500x375', file: 'group/dlib__2008_002079.jpg', w: 500, h: 375 },
  { label: 'photo 1920x1280', file: 'group/faceapi__sample1.jpg', w: 1920, h: 1280 },
  { label: 'panorama 4096x2048 (real)', file: 'panorama/aframe__louvre.jpg', w: 4096, h: 2048 },
  { label: 'panorama 4096x2048 (faces H/40)', file: 'synthetic/syn_s_4096x2048_h1-40_0.jpg', w: 4096, h: 2048 },
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
/** Views the memory run asks for, as pages would: full size, and drawn 600, 300 and 120 px wide. */
const MEMORY_VIEWS = [null, 600, 300, 120];

const fmt = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');
const out = (s = '') => console.log(s);
/** The cache is keyed by content: bytes the server appends after the image data make each scan a new picture. */
let nonce = 0;
const fresh = (server: FixtureServer, file: string) => `${server.origin}/data/${file}?salt=${Date.now()}-${++nonce}`;

async function perImage(session: ExtensionSession, server: FixtureServer, threshold: number, minScreenFacePx: number): Promise<void> {
  const rows: [string, ...string[]][] = [];
  for (const { label, file, w, h } of IMAGES) {
    const runs = [];
    const thumbs = [];
    // As a page showing it 300 px wide would ask (1x display).
    const thumbMinFace = minFaceForView({ w, h }, { w: 300, h: (300 * h) / w }, minScreenFacePx);
    for (let i = 0; i < REPEAT; i++) {
      const { result, wallMs } = await session.scan(fresh(server, file));
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      runs.push({ ...result, wallMs });
      const thumb = await session.scan(fresh(server, file), { minFacePx: thumbMinFace });
      if (thumb.result.ok) thumbs.push(thumb.result.ms);
    }
    const ms = runs.map((r) => r.ms);
    const { calls, faces } = runs[0]!;
    const p50 = percentile(ms, 50);
    const found = faces.filter((f) => f.score >= threshold).length;
    rows.push([label, fmt(p50), fmt(Math.min(...ms)), fmt(Math.max(...ms)), fmt(p50 / ((w * h) / 1e6)), fmt(percentile(runs.map((r) => r.wallMs), 50)), String(calls ?? '-'), String(found), fmt(percentile(thumbs, 50))]);
  }
  out(table(`detection per image, full resolution (median of ${REPEAT})`, rows, ['ms p50', 'min', 'max', 'ms/MP', 'wall ms', 'calls', 'faces', '300-px view ms']));
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
    const file = MEMORY_SET[(n - 1) % MEMORY_SET.length]!;
    const view = MEMORY_VIEWS[Math.floor((n - 1) / MEMORY_SET.length) % MEMORY_VIEWS.length]!;
    // A drawn width as a fraction of a nominal 2000-px picture: the smallest face then scales with it.
    await session.scan(fresh(server, file), { minFacePx: view === null ? undefined : (8 * 2000) / view });
    if (n % 100 === 0 || n === SCANS) await sample(n, started);
  }
  out(table(`offscreen memory over ${SCANS} scans of ${MEMORY_SET.length} images x ${MEMORY_VIEWS.length} view sizes (after GC)`, rows, ['JS heap MB', 'ext. process RSS MB', 's']));
}

/**
 * The network alone at 1 and 2 threads, in Node with the same onnxruntime-web WASM the extension ships: what the
 * second core buys (the offscreen document runs with every core once it is cross-origin isolated). Each count runs
 * in its own process, since onnxruntime fixes its thread count when it starts.
 */
function threadScaling(): void {
  const rows: [string, ...string[]][] = [];
  for (const threads of [1, 2]) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lib/yunet-threads.ts', String(threads)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`yunet-threads ${threads}: ${run.stderr}`);
    const { msPerMegapixel } = JSON.parse(run.stdout) as { msPerMegapixel: number };
    rows.push([`${threads} thread${threads > 1 ? 's' : ''}`, fmt(msPerMegapixel)]);
  }
  out(table('YuNet network only, 1280x704 input (Node, median of 15)', rows, ['ms/MP']));
}

async function feed(server: FixtureServer): Promise<void> {
  const url = `${server.origin}/pages/feed.html`;
  const screens = (label: string, t: Awaited<ReturnType<typeof timeScreens>>) =>
    out(`  ${label}: first screen covered ${fmt(t.first)} ms after navigation; later screens ${t.later.map(fmt).join(', ')} ms after scrolling`);
  out('photo feed (tests/e2e/pages/feed.html: 35 photos in rows 130-360 px tall, 1280x800 window):');

  const warm = await ExtensionSession.open({ viewport: { width: 1280, height: 800 } });
  try {
    await warm.detectorStatus({ detector: (await productDefaults()).detector, delegate: 'auto' });
    const page = await warm.context.newPage();
    await page.addInitScript(PAGE_PROBE);
    screens('detector warm, images not cached', await timeScreens(page, url));
    const tasks = await longTasks(page);
    out(`  long tasks over 50 ms on the page's main thread: ${tasks.count} (longest ${fmt(tasks.longestMs)} ms)`);
  } finally {
    await warm.close();
  }
  const without = await launch({ extension: false, viewport: { width: 1280, height: 800 } });
  try {
    const page = await without.newPage();
    await page.addInitScript(PAGE_PROBE);
    await page.goto(url);
    await page.waitForLoadState('load');
    for (let i = 0; i < 3; i++) await page.evaluate(() => scrollBy(0, innerHeight));
    const tasks = await longTasks(page);
    out(`  the same page without FaceVeil: ${tasks.count} long tasks (longest ${fmt(tasks.longestMs)} ms)`);
  } finally {
    await without.close();
  }
  for (let i = 1; i <= COLD; i++) {
    const context: BrowserContext = await launch({ extension: true, viewport: { width: 1280, height: 800 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(PAGE_PROBE);
      screens(`first page after install #${i}`, await timeScreens(page, url));
    } finally {
      await context.close();
    }
  }
}

/**
 * The main-thread cost of FaceVeil's texture hook per panorama upload, and how long until the face-only texture is
 * drawn, for a 4096x2048 and an 8192x4096 panorama (the second made by resizing the first in the page).
 */
async function panoramaUploads(server: FixtureServer): Promise<void> {
  out('panorama texture upload (tests/e2e/pages/bench-upload.html: one texImage2D of an <img>, drawn every frame):');
  type Run = { uploadMs: number; longestGap: number; sharpAt: number; detail: number };
  const run = async (context: BrowserContext, url: string, sharpDetail?: number) => {
    const page = await context.newPage();
    await page.addInitScript(PAGE_PROBE);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, null, { timeout: 60_000 });
    const r = await page.evaluate((d) => (window as unknown as { run(d?: number): Promise<Run> }).run(d), sharpDetail);
    const tasks = await longTasks(page);
    await page.close();
    return { ...r, tasks };
  };
  const withFaceVeil = await ExtensionSession.open();
  const without = await launch({ extension: false });
  try {
    await withFaceVeil.detectorStatus({ detector: (await productDefaults()).detector, delegate: 'auto' });
    for (const w of [4096, 8192]) {
      const url = `${server.origin}/pages/bench-upload.html?img=synthetic/syn_s_4096x2048_h1-25_0.jpg&w=${w}`;
      const base = await run(without, url);
      const ext = await run(withFaceVeil.context, url, base.detail);
      out(
        `  ${w}x${w / 2}: upload call ${fmt(ext.uploadMs)} ms (${fmt(base.uploadMs)} without FaceVeil); ` +
          `face-only texture drawn ${fmt(ext.sharpAt)} ms after the upload (detail ${fmt(ext.detail)} of ${fmt(base.detail)}); longest frame gap ${fmt(ext.longestGap)} ms ` +
          `(${fmt(base.longestGap)} without); long tasks over 50 ms: ${ext.tasks.count} (longest ${fmt(ext.tasks.longestMs)} ms; ` +
          `${base.tasks.count} without)`,
      );
    }
    await sceneMemory(server, withFaceVeil.context, without);
  } finally {
    await withFaceVeil.close();
    await without.close();
  }
}

/** Renderer memory over scene switches (a new 4096x2048 texture each, the old one deleted), with and without FaceVeil. */
async function sceneMemory(server: FixtureServer, withFaceVeil: BrowserContext, without: BrowserContext): Promise<void> {
  const scenes = ['synthetic/syn_s_4096x2048_h1-25_0.jpg', 'synthetic/syn_s_4096x2048_h1-40_0.jpg', 'synthetic/scene_s_4096x2048_0.jpg', 'synthetic/scene_s_4096x2048_1.jpg'];
  const url = `${server.origin}/pages/bench-upload.html?img=${scenes[0]}&w=4096`;
  const SWITCHES = 12;
  for (const [label, context] of [['with FaceVeil', withFaceVeil], ['without FaceVeil', without]] as const) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, null, { timeout: 60_000 });
    const rss: number[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      await page.evaluate((file) => (window as unknown as { scene(f: string): Promise<void> }).scene(file), scenes[i % scenes.length]!);
      await page.waitForTimeout(5_000); // the scan and the face-only upload are done by then (bench above: ~3.4 s)
      const all = await processes(context);
      rss.push(sum(all, 'page', 'rssMB') + sum(all, 'extension', 'rssMB'));
    }
    await page.close();
    out(`  ${SWITCHES} scene switches ${label}: page + extension renderers ${rss.map((m) => fmt(m)).join(', ')} MB`);
  }
}

ensureBuilt(args.rebuild);
const defaults = { ...(await productDefaults()) };
if (args.detector !== undefined) {
  const choice = DETECTOR_CHOICES.find((c) => c === args.detector);
  if (!choice) throw new Error(`--detector: expected one of ${DETECTOR_CHOICES.join(', ')}`);
  defaults.detector = choice;
}
const server = await startFixtureServer();
const { builtAt, loadAvg1m } = runConditions();
out(
  `FaceVeil bench: build of ${builtAt}; ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, load average ${loadAvg1m}; ` +
    `detector ${defaults.detector}, threshold ${defaults.threshold}, smallest face on screen ${defaults.minScreenFacePx} px`,
);
try {
  if (wanted('images') || wanted('memory')) {
    const session = await ExtensionSession.open();
    try {
      await session.page.evaluate((settings) => chrome.storage.local.set({ settings }), defaults);
      const detector = { detector: defaults.detector, delegate: defaults.delegate };
      const status = await session.detectorStatus(detector);
      out(`detector load: ${fmt(status.loadMs)} ms (${status.detector}; YuNet threads ${status.threads ?? '-'}, BlazeFace ${status.delegate ?? 'not loaded'}); first scan after install, wall: ${fmt(status.firstScanWallMs)} ms`);
      await session.settledDetector(detector);
      out();
      if (wanted('images')) await perImage(session, server, defaults.threshold, defaults.minScreenFacePx);
      out();
      if (wanted('memory')) await memory(session, server);
      out();
    } finally {
      await session.close();
    }
  }
  if (wanted('threads')) {
    threadScaling();
    out();
  }
  if (wanted('panoramas')) {
    await panoramaUploads(server);
    out();
  }
  // The feed runs with the product's own defaults, as a new user gets them.
  if (wanted('feed') && args.detector === undefined) await feed(server);
  if (wanted('backgrounds')) {
    out();
    await backgroundsBench(server, out, fmt);
  }
  if (wanted('video')) {
    out();
    await videoBench(server, out, fmt);
  }
} finally {
  await server.close();
}
