// Overlays stay on the faces when the page moves (also photos placed out of the flow, and a photo shown fullscreen),
// never take a click, and FaceVeil never changes the page's layout.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { BLURRED, compareInPlace, describeRatios, faceCoresOnPage, loaded, openBaseline, pageUrl, sharpestFace, shoot, waitForAllMarked } from './support/helpers';
import { facesOn } from './support/labels';
import type { Region } from './support/sharpness';

/** Worst (highest) face sharpness ratio of #photo, both pages showing it at the same place. */
async function worstFace(page: Page, base: Page, step: string): Promise<number> {
  const c = await compareInPlace(page.locator('#photo'), base.locator('#photo'));
  expect(c.ratios.length, `${step}: faces to check`).toBeGreaterThan(0);
  console.log(describeRatios(`#photo after ${step}`, c.ratios));
  return Math.max(...c.ratios.map((r) => r.ratio));
}

test('overlays stay on the faces through scrolling, viewport resizing and layout shifts', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'follow.html');
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  await waitForAllMarked(page);
  expect(await worstFace(page, base, 'load')).toBeLessThan(BLURRED);

  const steps: [string, (p: Page) => Promise<unknown>][] = [
    ['scrolling 150 px', (p) => p.evaluate(() => window.scrollBy(0, 150))],
    ['resizing the viewport to 1000x760', (p) => p.setViewportSize({ width: 1000, height: 760 })],
    ['a block inserted above', (p) => p.evaluate(() => document.getElementById('above')!.append(Object.assign(document.createElement('div'), { style: 'height:110px;background:#ddd' })))],
    ['the image moved by its own margin', (p) => p.locator('#photo').evaluate((img) => (img.style.marginLeft = '90px'))],
  ];
  for (const [step, change] of steps) {
    await change(base);
    await change(page);
    // The first check runs right after the change; a later one means the overlay lagged behind (logged, not failed).
    const started = Date.now();
    let checks = 0;
    await expect.poll(() => (checks++, worstFace(page, base, step)), { timeout: 8_000, intervals: [100] }).toBeLessThan(BLURRED);
    console.log(`  after ${step}: faces covered at check ${checks} (${Date.now() - started} ms including measuring)`);
  }
  await base.close();
});

test('photos placed out of the flow (absolute, fixed) keep their covers when the content above them grows', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'positioned.html');
  const base = await openBaseline(baseline, url);
  await page.goto(url);
  await waitForAllMarked(page);
  const grow = (p: Page) => p.evaluate(() => (document.getElementById('above')!.style.height = '340px'));
  await grow(base);
  for (const id of ['#absolute', '#fixed']) await loaded(base.locator(id));
  const reference = await shoot(base);
  const cores: Region[] = [];
  for (const id of ['#absolute', '#fixed']) cores.push(...(await faceCoresOnPage(base.locator(id))));
  expect(cores.length).toBeGreaterThanOrEqual(3);
  // Every frame from the change on, before any periodic re-check (1 s) could put a cover back.
  const recording = await recordFrames(page);
  await grow(page);
  await page.waitForTimeout(700);
  const frames = await recording.stop();
  const best = sharpestFace(frames, reference, cores);
  console.log(`out-of-flow photos after the content above grew by 300 px: ${frames.length} frames, best face-detail match ${best.toFixed(3)}`);
  expect(frames.length).toBeGreaterThan(0);
  expect(best, 'a face was bared').toBeLessThan(0.5);
  await base.close();
});

test('a photo shown fullscreen by itself keeps its covers, from the first frame on, and after it leaves', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'popup-target.html');
  const base = await openBaseline(baseline, url);
  await page.goto(url);
  await waitForAllMarked(page);
  // Fullscreen needs a click (a user gesture): the photo goes fullscreen when clicked.
  const arm = (p: Page) => p.evaluate(() => document.getElementById('trio')!.addEventListener('click', (e) => (e.target as Element).requestFullscreen()));
  await Promise.all([arm(base), arm(page)]);
  await base.locator('#trio').click();
  await base.waitForFunction(() => document.fullscreenElement?.id === 'trio');
  await base.waitForTimeout(1_500); // the way into fullscreen is animated
  await loaded(base.locator('#trio'));
  const reference = await shoot(base);
  const cores = await faceCoresOnPage(base.locator('#trio'));
  expect(cores.length).toBeGreaterThanOrEqual(3);
  const recording = await recordFrames(page);
  await page.locator('#trio').click();
  await page.waitForFunction(() => document.fullscreenElement?.id === 'trio');
  await page.waitForTimeout(1_500);
  const frames = await recording.stop();
  const best = sharpestFace(frames, reference, cores);
  console.log(`a photo going fullscreen: ${frames.length} frames, best face-detail match ${best.toFixed(3)}`);
  expect(frames.length).toBeGreaterThan(0);
  expect(best, 'a face was bared').toBeLessThan(0.5);
  const c = await compareInPlace(page.locator('#trio'), base.locator('#trio'));
  console.log(describeRatios('#trio fullscreen', c.ratios));
  expect(c.ratios.length).toBeGreaterThanOrEqual(3);
  for (const r of c.ratios) expect(r.ratio).toBeLessThan(BLURRED);
  // Back in the page, the covers are beside it again.
  for (const p of [base, page]) await p.evaluate(() => document.exitFullscreen());
  await page.waitForTimeout(1_000);
  const back = await compareInPlace(page.locator('#trio'), base.locator('#trio'));
  console.log(describeRatios('#trio after fullscreen', back.ratios));
  for (const r of back.ratios) expect(r.ratio).toBeLessThan(BLURRED);
  await base.close();
});

test('overlays never catch the pointer: the image gets hit-tests and clicks on faces', async ({ page, server }) => {
  await page.goto(pageUrl(server, 'follow.html'));
  await waitForAllMarked(page);
  const { geometry, faces } = await facesOn(page.locator('#photo'));
  expect(faces.length).toBeGreaterThan(0);
  for (const f of faces) {
    const x = geometry.rect.x + f.box.x + f.box.w / 2;
    const y = geometry.rect.y + f.box.y + f.box.h / 2;
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.id, [x, y])).toBe('photo');
    await page.mouse.click(x, y);
  }
  expect(await page.evaluate(() => (window as unknown as { photoClicks: number }).photoClicks)).toBe(faces.length);
});

/** Every element's box and the document's size, leaving out FaceVeil's own overlay elements. */
function layoutOf(page: Page) {
  return page.evaluate(() => ({
    size: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    boxes: [...document.body.querySelectorAll('*:not(faceveil-overlay)')].map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${r.x},${r.y} ${r.width}x${r.height}`;
    }),
  }));
}

async function expectSameLayout(page: Page, baseline: BrowserContext, url: string): Promise<void> {
  await page.goto(url);
  await waitForAllMarked(page);
  expect(await page.locator('faceveil-overlay').count(), 'overlays present').toBeGreaterThan(0);
  const base = await openBaseline(baseline, url);
  await base.waitForLoadState('load');
  expect(await layoutOf(page)).toEqual(await layoutOf(base));
  await base.close();
}

test('the page lays out exactly as without FaceVeil', async ({ page, baseline, server }) => {
  await expectSameLayout(page, baseline, pageUrl(server, 'group.html'));
});
