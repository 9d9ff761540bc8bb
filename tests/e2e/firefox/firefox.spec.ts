// The Firefox build in a real Firefox (Debian's ESR): the first page after install, faces in images blurred on screen
// and the rest sharp, the site switch, a panorama in a WebGL viewer (three.js), a playing video, and remote API mode
// turned on in the options page, all judged on screenshots against the same page in a Firefox without FaceVeil.
import type { Page } from 'puppeteer-core';
import type { PNG } from 'pngjs';
import { BLURRED, SHARP } from '../support/helpers';
import { label } from '../support/labels';
import { facesPainted } from '../support/painted';
import { launch } from '../support/browser';
import { generateVideo } from '../support/generate';
import { centreCore } from '../support/panorama';
import { facesAt } from '../support/video-frames';
import { core, detailMatch, laplacianVariance, patchesAvoiding, type Region } from '../support/sharpness';
import { TWO, faceBox, startDouble } from '../support/remote';
import { EXTENSION_ORIGIN, inExtension, launchFirefox, resetFirefoxSettings, setFirefoxSettings, shot, VIEWPORT } from './browser';
import { expect, test } from './fixtures';
import { screenOf } from './screen';

const url = (origin: string, path: string) => `${origin}/pages/${path}`;

/** Marks of the page's images: all 'clear' once FaceVeil has scanned and covered them. */
const marks = (page: Page) => page.evaluate(() => [...document.images].map((img) => img.getAttribute('data-faceveil')));
const allClear = async (page: Page) => (await marks(page)).every((m) => m === 'clear');

/** Cores of the labelled faces at least 40 px tall that the viewport shows, from each image's data-label and box. */
async function faceCores(page: Page): Promise<Region[]> {
  const images = await page.evaluate(() =>
    [...document.images].map((img) => {
      const r = img.getBoundingClientRect();
      return { file: img.dataset.label!, box: { x: r.x, y: r.y, w: r.width, h: r.height } };
    }),
  );
  const viewport = { x: 0, y: 0, w: VIEWPORT.width, h: VIEWPORT.height };
  return images.flatMap(({ file, box }) => facesPainted(file, box, viewport, 40).map((f) => core(f)));
}

const ratios = (shown: PNG, without: PNG, cores: Region[]) => cores.map((c) => laplacianVariance(shown, c) / laplacianVariance(without, c));
const format = (values: number[]) => values.map((v) => v.toFixed(3)).join(', ');

async function openBaseline(page: Page, address: string): Promise<PNG> {
  await page.goto(address);
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await new Promise((r) => setTimeout(r, 300));
  return shot(page);
}

test('the first page after install: no screenshot shows a face sharp, then only the faces are blurred', async ({ display, baseline, server }) => {
  test.setTimeout(120_000);
  const address = url(server.origin, 'group.html');
  const base = await baseline.newPage();
  const reference = await openBaseline(base, address);
  const cores = await faceCores(base);
  expect(cores.length).toBeGreaterThan(2);
  const firefox = await launchFirefox(display, true);
  try {
    // No waiting for the add-on's background or detector: the page is opened at once, as a user would.
    const page = await firefox.newPage();
    const started = Date.now();
    const loading = page.goto(address);
    let best = 0;
    let shots = 0;
    let covered = 0;
    while (Date.now() - started < 60_000) {
      const png = await shot(page);
      shots++;
      best = Math.max(best, ...cores.map((c) => detailMatch(png, reference, c)));
      if (await allClear(page).catch(() => false)) {
        covered = Date.now() - started;
        break;
      }
    }
    await loading;
    console.log(`Firefox, first page after install: covered ${covered} ms after navigation; ${shots} screenshots, best face-detail match ${best.toFixed(3)}`);
    expect(covered, 'every image scanned and covered').toBeGreaterThan(0);
    expect(best, 'a screenshot showed a face sharp').toBeLessThan(0.5);
    await new Promise((r) => setTimeout(r, 300));
    const faces = ratios(await shot(page), reference, cores);
    console.log(`Firefox, faces on the first page: ${format(faces)}`);
    for (const r of faces) expect(r).toBeLessThan(BLURRED);
  } finally {
    await firefox.close();
    await base.close();
  }
});

test('the site switch shows the faces and covers them again, live', async ({ firefox, baseline, server }) => {
  const address = url(server.origin, 'group.html');
  const base = await baseline.newPage();
  const reference = await openBaseline(base, address);
  const cores = await faceCores(base);
  const page = await firefox.newPage();
  await page.goto(address);
  await page.waitForFunction(() => [...document.images].every((img) => img.getAttribute('data-faceveil') === 'clear'), { timeout: 60_000 });
  const faces = async () => ratios(await shot(page), reference, cores);
  const on = await faces();
  console.log(`Firefox, site on: faces ${format(on)}`);
  for (const r of on) expect(r).toBeLessThan(BLURRED);
  // Away from the faces the photos are as sharp as without FaceVeil.
  const away = patchesAvoiding(reference, cores.map((c) => ({ x: c.x - c.w, y: c.y - c.h, w: c.w * 3, h: c.h * 3 })), 48).slice(0, 40);
  const shown = await shot(page);
  const detail = away.reduce((s, p) => s + laplacianVariance(shown, p), 0) / away.reduce((s, p) => s + laplacianVariance(reference, p), 0);
  console.log(`Firefox, detail away from faces: ${detail.toFixed(2)}`);
  expect(detail).toBeGreaterThan(SHARP);
  try {
    await setFirefoxSettings(firefox, { disabledSites: ['127.0.0.1'] });
    await expect.poll(async () => Math.min(...(await faces())), { timeout: 20_000 }).toBeGreaterThan(SHARP);
    console.log(`Firefox, site off: faces ${format(await faces())}`);
  } finally {
    await resetFirefoxSettings(firefox);
  }
  await expect.poll(async () => Math.max(...(await faces())), { timeout: 30_000 }).toBeLessThan(BLURRED);
  console.log(`Firefox, site on again: faces ${format(await faces())}`);
  await page.close();
  await base.close();
});

test('a panorama in three.js (WebGL2): the faces turned to are blurred, the rest of the view sharp', async ({ firefox, baseline, server }) => {
  test.setTimeout(150_000);
  const PANO = 'synthetic/syn_s_4096x2048_h1-25_0.jpg';
  const FOV = 20;
  const { width, height, faces } = label(PANO);
  // The three largest faces: each fills a good part of the view when turned to.
  const turnedTo = faces.filter((f) => !f.ignore).sort((a, b) => b.h - a.h).slice(0, 3);
  const address = `${url(server.origin, 'pano-three.html')}?img=${encodeURIComponent(PANO)}`;
  const [page, base] = [await firefox.newPage(), await baseline.newPage()];
  for (const p of [page, base]) {
    await p.goto(address);
    await p.waitForFunction(() => (window as unknown as { panoReady?: boolean }).panoReady === true, { timeout: 30_000 });
  }
  const lookAt = (p: Page, u: number, v: number) =>
    p.evaluate((u, v, fov) => (window as unknown as { lookAt(u: number, v: number, f: number): Promise<number> }).lookAt(u, v, fov), u, v, FOV);
  for (const face of turnedTo) {
    const [u, v] = [(face.x + face.w / 2) / width, (face.y + face.h / 2) / height];
    const ppd = await lookAt(base, u, v);
    await lookAt(page, u, v);
    await new Promise((r) => setTimeout(r, 500));
    const reference = await shot(base);
    const centre = centreCore(VIEWPORT, PANO, face, ppd);
    const around = patchesAvoiding(reference, [{ x: centre.x - centre.w * 2, y: centre.y - centre.h * 2, w: centre.w * 5, h: centre.h * 5 }], 48)
      .filter((p) => laplacianVariance(reference, p) > 20);
    const awayFrom = (shown: PNG) => around.reduce((sum, p) => sum + detailMatch(shown, reference, p), 0) / Math.max(1, around.length);
    // Blurred whole until FaceVeil has scanned the texture, then face by face: the rest comes back sharp.
    await expect.poll(async () => awayFrom(await shot(page)), { timeout: 60_000 }).toBeGreaterThan(0.8);
    const shown = await shot(page);
    const match = detailMatch(shown, reference, centre);
    console.log(`Firefox, three.js panorama, face ${Math.round(face.h)} px tall: detail match ${match.toFixed(3)}, away ${awayFrom(shown).toFixed(2)}`);
    expect(match, 'the face turned to is blurred').toBeLessThan(0.35);
  }
  await page.close();
  await base.close();
});

test('a playing video: covered on its faces only, playing and paused', async ({ firefox, baseline, server, display }) => {
  test.setTimeout(120_000);
  // The video is recorded in Chromium (MediaRecorder), as for the Chromium suite.
  const scenes = [{ photo: 'group/faceapi__sample1.jpg', ms: 3_000, x0: 0, x1: 0 }];
  const chromium = await launch({ extension: false });
  const src = await generateVideo(chromium, server, 'firefox.webm', scenes).finally(() => chromium.close());
  const address = `${url(server.origin, 'video.html')}?src=${encodeURIComponent(src)}`;
  const [page, base] = [await firefox.newPage(), await baseline.newPage()];
  for (const p of [page, base]) {
    await p.goto(address);
    await p.waitForFunction(() => (window as unknown as { videoReady?: boolean }).videoReady === true, { timeout: 30_000 });
  }
  const box = await page.evaluate(() => {
    const r = document.getElementById('v')!.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  const cores = facesAt(scenes, 0, box, 40).map((f) => core(f));
  expect(cores.length).toBeGreaterThan(1);
  const mark = () => page.evaluate(() => document.getElementById('v')!.getAttribute('data-faceveil-video'));
  await expect.poll(mark, { timeout: 30_000 }).toBe('faces');
  const reference = await shot(base);
  const check = async (what: string) => {
    // What the window shows (its screenshot would leave the covers out, screen.ts); the page is in front.
    await page.bringToFront();
    const shown = await screenOf(page, display);
    const faces = ratios(shown, reference, cores);
    const away = patchesAvoiding(reference, cores.map((c) => ({ x: c.x - c.w, y: c.y - c.h, w: c.w * 3, h: c.h * 3 })), 32)
      .filter((p) => p.x >= box.x && p.y >= box.y && p.x + p.w <= box.x + box.w && p.y + p.h <= box.y + box.h);
    const detail = away.reduce((sum, p) => sum + laplacianVariance(shown, p), 0) / away.reduce((sum, p) => sum + laplacianVariance(reference, p), 0);
    console.log(`Firefox, video ${what}: faces ${format(faces)}; detail away from faces ${detail.toFixed(2)}`);
    for (const r of faces) expect(r).toBeLessThan(BLURRED);
    expect(detail, 'only the faces are blurred').toBeGreaterThan(SHARP);
  };
  // Playing: a still picture, so any frame matches the reference (the video is blurred whole just before it loops).
  await expect.poll(async () => (await mark()) === 'faces' && (await page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).currentTime < 2))).toBe(true);
  await check('playing');
  const pauseAt = (p: Page) => p.evaluate(() => (window as unknown as { pauseAt(t: number): Promise<void> }).pauseAt(1));
  await Promise.all([pauseAt(page), pauseAt(base)]);
  await expect.poll(mark).toBe('faces');
  await new Promise((r) => setTimeout(r, 500));
  await check('paused');
  await page.close();
  await base.close();
});

test('remote API mode, turned on in the options page: the service answers and its box is what gets blurred', async ({ firefox, baseline, server }) => {
  const double = await startDouble();
  // The service "finds" only the left face; on-device detection would find both.
  double.setOptions({ predictions: [{ probability: 0.9, boundingBox: faceBox(TWO, 0) }] });
  const options = await firefox.newPage();
  try {
    void options.goto(`${EXTENSION_ORIGIN}/options.html`).catch(() => undefined); // see inExtension
    await options.waitForSelector('[data-testid=remote-endpoint]', { timeout: 15_000 });
    for (const [id, value] of [['remote-endpoint', double.url], ['remote-username', 'test'], ['remote-password', 'secret']]) {
      await options.click(`[data-testid=${id}]`, { count: 3 });
      await options.keyboard.press('Backspace');
      await options.type(`[data-testid=${id}]`, value!);
    }
    await options.click('[data-testid=remote-save]');
    await options.waitForFunction(() => document.querySelector('[data-testid=remote-form-message]')?.textContent === 'Saved.');
    // Choosing the service asks for a confirmation, then for the host and (Firefox) the data-collection consent.
    await options.select('[data-testid=remote-source]', 'remote');
    await options.click('[data-testid=remote-consent-confirm]');
    await options.waitForSelector('[data-testid=remote-consent-record]');
    const granted = await inExtension<{ origins: string[]; data_collection: string[] }>(firefox, 'browser.permissions.getAll()');
    expect(granted.origins).toContain(`${new URL(double.url).origin}/*`);
    expect(granted.data_collection).toEqual(['websiteContent']);

    const address = url(server.origin, 'remote-two.html');
    const base = await baseline.newPage();
    const reference = await openBaseline(base, address);
    const cores = await faceCores(base);
    await base.close();
    const page = await firefox.newPage();
    await page.goto(address);
    await page.waitForFunction(() => [...document.images].every((img) => img.getAttribute('data-faceveil') === 'clear'), { timeout: 60_000 });
    const [left, right] = ratios(await shot(page), reference, cores);
    console.log(`Firefox, remote API mode: ${double.stats.requests} request(s) to the service; its face ${left!.toFixed(3)}, the face it left out ${right!.toFixed(3)}`);
    expect(double.stats.requests).toBeGreaterThanOrEqual(1);
    expect(left).toBeLessThan(BLURRED);
    expect(right).toBeGreaterThan(SHARP);
    await page.close();
  } finally {
    await inExtension(firefox, `browser.storage.local.remove(['remoteSettings', 'remoteCredentials', 'remoteStatus'])`);
    await options.close();
    await double.close();
  }
});
