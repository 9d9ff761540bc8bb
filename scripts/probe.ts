// `npm run probe [-- --images N --churn-s S --only NAME]`: hostile, huge and odd pages at full scale, printed not asserted: time to
// decide every image, frame gaps and FaceVeil's script time on the page, CPU after churn, memory against the page
// without FaceVeil, recovery after faults. Numbers for the README's "Reliability" section.
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { launch, extensionId as readExtensionId } from '../tests/e2e/support/browser';
import { stopServiceWorker } from '../tests/e2e/support/faults';
import { recordFrames } from '../tests/e2e/support/frames';
import { generatePicture } from '../tests/e2e/support/generate';
import { faceCoresOnPage, loaded, marks, sharpestFace, shoot } from '../tests/e2e/support/helpers';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/server';
import { ensureBuilt, runConditions } from './lib/extension';
import { longTasks, PAGE_PROBE } from './lib/page-timing';
import { processes, sum } from './lib/process-stats';

const { values: args } = parseArgs({
  options: { images: { type: 'string', default: '1000' }, 'churn-s': { type: 'string', default: '20' }, only: { type: 'string' } },
});
/** Whether to run the probe called `name` (all of them unless --only names one: huge, many, churn, faults, hostile). */
const wanted = (name: string) => args.only === undefined || args.only === name;
const IMAGES = Number(args.images);
const CHURN_S = Number(args['churn-s']);
const out = (s = '') => console.log(s);
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const viewport = { width: 1280, height: 800 };

/**
 * A browser for one probe. tsx names functions through a `__name` helper that does not exist in pages, and the e2e
 * helpers reused here pass functions to page.evaluate: give pages a no-op one.
 */
async function open(extension: boolean) {
  const context = await launch({ extension, viewport });
  await context.addInitScript('window.__name = (f) => f;');
  return context;
}

/** Frame gaps on the page: requestAnimationFrame intervals, collected from the start. A string: it runs in the page. */
const FRAME_GAPS = `(() => {
  const gaps = (window.__fvGaps = []);
  let last = performance.now();
  const tick = (now) => { gaps.push(now - last); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;
const maxGap = (page: Page) => page.evaluate(() => Math.max(0, ...(window as unknown as { __fvGaps: number[] }).__fvGaps));

/** Waits until every image on the page carries a mark; returns when (ms since navigation) and how they ended. */
async function allDecided(page: Page, timeoutMs: number): Promise<{ ms: number; tally: string }> {
  const started = Date.now();
  for (;;) {
    const m = await marks(page);
    if (m.every((x) => x !== null) || Date.now() - started > timeoutMs) {
      const tally = new Map<string, number>();
      for (const x of m) tally.set(x ?? 'undecided', (tally.get(x ?? 'undecided') ?? 0) + 1);
      const ms = await page.evaluate(() => performance.now());
      return { ms, tally: [...tally].map(([k, v]) => `${v} ${k}`).join(', ') };
    }
    await page.waitForTimeout(100);
  }
}

async function manyImages(server: FixtureServer): Promise<void> {
  const url = `${server.origin}/pages/many.html?n=${IMAGES}&run=${Date.now()}`;
  const ext = await open(true);
  const without = await open(false);
  try {
    const page = ext.pages()[0] ?? (await ext.newPage());
    await page.addInitScript(PAGE_PROBE);
    await page.goto(url);
    const firstScreen = await page.evaluate(() => (window as unknown as { __faceveilCovered(): Promise<number> }).__faceveilCovered());
    // Scroll through as a reader would, a screen at a time, each once it is covered.
    const started = Date.now();
    let screens = 0;
    for (;;) {
      const more = await page.evaluate(async () => {
        if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) return false;
        scrollBy(0, innerHeight);
        await (window as unknown as { __faceveilCovered(): Promise<number> }).__faceveilCovered();
        return true;
      });
      if (!more) break;
      screens++;
    }
    const through = Date.now() - started;
    const m = await marks(page);
    const tally = ['clear', 'blurred', 'skip', null].map((k) => `${m.filter((x) => x === k).length} ${k ?? 'not reached'}`).join(', ');
    const tasks = await longTasks(page);
    const withStats = await processes(ext);
    const base = without.pages()[0] ?? (await without.newPage());
    await base.addInitScript(PAGE_PROBE);
    await base.goto(url);
    await base.evaluate(async () => {
      while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
        scrollBy(0, innerHeight);
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    await base.waitForTimeout(2_000);
    const baseStats = await processes(without);
    out(`${IMAGES} photos (200x150 thumbnails, ${screens + 1} screens of 1280x800):`);
    out(`  first screen covered ${s1(firstScreen)} after navigation; scrolled through, each screen once covered, in ${s1(through)}`);
    out(`  marks at the end: ${tally}`);
    const baseTasks = await longTasks(base);
    out(`  long tasks on the page: ${tasks.count} (longest ${tasks.longestMs.toFixed(0)} ms); without FaceVeil ${baseTasks.count} (longest ${baseTasks.longestMs.toFixed(0)} ms)`);
    out(`  memory: page renderers ${sum(withStats, 'page', 'rssMB').toFixed(0)} MB with FaceVeil (+ extension ${sum(withStats, 'extension', 'rssMB').toFixed(0)} MB), ${sum(baseStats, 'page', 'rssMB').toFixed(0)} MB without`);
  } finally {
    await ext.close();
    await without.close();
  }
}

async function hugePicture(server: FixtureServer, name: string, make: () => Promise<Buffer>, type: string): Promise<void> {
  const bytes = await make();
  server.put(name, bytes, type);
  const body = `<!doctype html><style>body{margin:0} img{display:block;width:800px}</style><img src="/gen/${name}">`;
  server.put(`${name}.html`, Buffer.from(body), 'text/html');
  const [ext, without] = [await open(true), await open(false)];
  try {
    const page = ext.pages()[0] ?? (await ext.newPage());
    await page.addInitScript(PAGE_PROBE);
    await page.addInitScript(FRAME_GAPS);
    await page.goto(`${server.origin}/gen/${name}.html`);
    const { ms, tally } = await allDecided(page, 120_000);
    await page.waitForTimeout(500);
    const tasks = await longTasks(page);
    const base = without.pages()[0] ?? (await without.newPage());
    await base.addInitScript(PAGE_PROBE);
    await base.addInitScript(FRAME_GAPS);
    await base.goto(`${server.origin}/gen/${name}.html`);
    await base.waitForFunction(() => (document.images[0]?.complete ?? false) && document.images[0]!.naturalWidth > 0, null, { timeout: 120_000 });
    await base.waitForTimeout(ms);
    out(`${name} (${(bytes.length / 1e6).toFixed(1)} MB): decided (${tally}) ${s1(ms)} after navigation; longest frame gap ${(await maxGap(page)).toFixed(0)} ms ` +
      `(${(await maxGap(base)).toFixed(0)} ms without FaceVeil); ${tasks.count} long tasks on the page, longest ${tasks.longestMs.toFixed(0)} ms ` +
      `(${(await longTasks(base)).count} without)`);
  } finally {
    await ext.close();
    await without.close();
  }
}

async function churn(server: FixtureServer): Promise<void> {
  const ext = await open(true);
  try {
    const page = ext.pages()[0] ?? (await ext.newPage());
    await page.goto(`${server.origin}/pages/churn.html?ms=${CHURN_S * 1000}`);
    await page.waitForFunction(() => (window as unknown as { churnEndedAt?: number }).churnEndedAt, null, { timeout: (CHURN_S + 30) * 1000 });
    const added = await page.evaluate(() => (window as unknown as { added(): number }).added());
    const rows: string[] = [];
    let before = sum(await processes(ext), 'extension', 'cpuMs');
    for (let s = 1; s <= 6; s++) {
      await page.waitForTimeout(1_000);
      const now = sum(await processes(ext), 'extension', 'cpuMs');
      rows.push(`${((now - before) / 10).toFixed(0)} %`);
      before = now;
    }
    out(`${CHURN_S} s of churn (${added} photos added and removed): extension CPU in each of the 6 s after it stopped: ${rows.join(', ')} (of one core)`);
  } finally {
    await ext.close();
  }
}

async function faults(server: FixtureServer): Promise<void> {
  const ext = await open(true);
  try {
    const id = await readExtensionId(ext);
    const page = ext.pages()[0] ?? (await ext.newPage());
    for (const [what, fault] of [
      ['service worker stopped', () => stopServiceWorker(ext, id)],
      ['offscreen document closed', async () => void (await ext.serviceWorkers()[0]!.evaluate(() => chrome.offscreen.closeDocument()))],
    ] as const) {
      await page.goto(`${server.origin}/pages/in-flight.html?run=probe-${Date.now()}&hold=500`);
      await page.waitForTimeout(300);
      const started = Date.now();
      await fault();
      const { tally } = await allDecided(page, 60_000);
      out(`${what} with 2 scans in flight (each of the extension's fetches held back 0.5 s): every image decided (${tally}) ${s1(Date.now() - started)} later`);
    }
  } finally {
    await ext.close();
  }
}

async function hostile(server: FixtureServer): Promise<void> {
  const url = `${server.origin}/pages/hostile-css.html`;
  const [ext, without] = [await open(true), await open(false)];
  try {
    const base = await without.newPage();
    await base.goto(url);
    for (const img of await base.locator('img').all()) await loaded(img);
    await base.evaluate(() => scrollTo(0, 0));
    const reference = await shoot(base);
    const page = ext.pages()[0] ?? (await ext.newPage());
    const recording = await recordFrames(page);
    await page.goto(url);
    await allDecided(page, 30_000);
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(300);
    const frames = await recording.stop();
    const cores = [];
    for (const img of await page.locator('img').all()) cores.push(...(await faceCoresOnPage(img)).filter((r) => r.y >= 0 && r.y + r.h <= viewport.height));
    const best = sharpestFace(frames, reference, cores);
    out(`hostile CSS and forged marks: ${frames.length} frames recorded, best match of any face's detail ${best.toFixed(3)} (1 = shown sharp, < 0.5 = covered)`);
  } finally {
    await ext.close();
    await without.close();
  }
}

ensureBuilt();
const server = await startFixtureServer();
const { builtAt, loadAvg1m } = runConditions();
out(`FaceVeil probe: build of ${builtAt}, load average ${loadAvg1m}, default settings, 1280x800`);
try {
  if (wanted('huge')) {
    const maker = await open(false);
    const png = () => generatePicture(maker, server, { file: 'group/faceapi__sample1.jpg', width: 5000, height: 4000, cols: 2, type: 'image/png', noise: true }).then((g) => g.bytes);
    const jpeg = () => generatePicture(maker, server, { file: 'group/faceapi__sample1.jpg', width: 12000, height: 12000, cols: 4, type: 'image/jpeg', quality: 0.85 }).then((g) => g.bytes);
    await hugePicture(server, 'huge.png', png, 'image/png');
    await hugePicture(server, 'huge-12000.jpg', jpeg, 'image/jpeg');
    await maker.close();
  }
  if (wanted('many')) await manyImages(server);
  if (wanted('churn')) await churn(server);
  if (wanted('faults')) await faults(server);
  if (wanted('hostile')) await hostile(server);
} finally {
  await server.close();
}
