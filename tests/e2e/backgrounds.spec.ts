// Photos shown as CSS backgrounds get what <img> photos get: hidden until scanned (no frame shows a face sharp), then
// only the faces blurred, wherever background-size / -position / -repeat put them; layers, image-set(), ::before,
// a class set later, a shadow root, and a page with a strict Content-Security-Policy.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { BLURRED, contextMenuAction, pageUrl, resetSettings, setSettings, sharpestFace, shoot, watchMenuUpdates } from './support/helpers';
import { awayRatio, boxOf, faceRatios, facesPainted, shotWithout } from './support/painted';
import { core, laplacianVariance, type Region } from './support/sharpness';

/** Where each case paints its picture (from the page's CSS), and the faces that fall inside its element. */
async function cases(page: Page): Promise<{ name: string; selector: string; faces: Region[]; whole?: boolean }[]> {
  const at = (box: Region, x: number, y: number, w: number, h: number): Region => ({ x: box.x + x, y: box.y + y, w, h });
  const inline = await boxOf(page, '#inline');
  const contain = await boxOf(page, '#contain');
  const layers = await boxOf(page, '#layers');
  const imageset = await boxOf(page, '#imageset');
  const tiles = await boxOf(page, '#tiles');
  const before = await boxOf(page, '#before');
  const late = await boxOf(page, '#late');
  const card = await boxOf(page, '#card');
  const coverW = (280 / 661) * 1126;
  const tileFaces = [0, 1].flatMap((i) => [0, 1].flatMap((j) => facesPainted('group/dlib__2008_001322.jpg', at(tiles, i * 210, j * 157.5, 210, 157.5), tiles)));
  const k = Math.max(420 / 1280, 291 / 886);
  return [
    { name: 'inline style, cover, text over it', selector: '#inline', faces: facesPainted('group/faceapi__sample1.jpg', at(inline, 0, 0, 420, 280), inline) },
    { name: 'stylesheet, cross-origin, contain at the bottom', selector: '#contain', faces: facesPainted('group/yolov5__zidane.jpg', at(contain, 0, 280 - 236.25, 420, 236.25), contain) },
    { name: 'gradient over a picture (two layers)', selector: '#layers', faces: facesPainted('group/face_recognition__two_people.jpg', at(layers, (420 - coverW) / 2, 0, coverW, 280), layers) },
    { name: 'image-set()', selector: '#imageset', faces: facesPainted('group/dlib__2008_001322.jpg', at(imageset, 0, 0, 420, 280), imageset) },
    { name: 'repeated tiles', selector: '#tiles', faces: tileFaces },
    { name: '::before (blurred whole)', selector: '#before', faces: facesPainted('group/insightface__t1.jpg', at(before, (420 - 1280 * k) / 2, (291 - 886 * k) / 2, 1280 * k, 886 * k), before), whole: true },
    { name: 'class set later', selector: '#late', faces: facesPainted('group/yolov5__zidane.jpg', at(late, 0, (236 - 236.25) / 2, 420, 236.25), late) },
    { name: 'shadow root', selector: '#card', faces: facesPainted('group/faceapi__sample1.jpg', at(card, 0, 0, 420, 280), card) },
  ];
}

test('photos shown as CSS backgrounds: hidden until scanned, then only their faces blurred', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds.html');
  const without = await shotWithout(baseline, url, 1_500); // the late class, and the pictures decoded

  const recording = await recordFrames(page);
  await page.goto(url);
  const mark = (selector: string) => page.locator(selector).getAttribute('data-faceveil-bg');
  for (const selector of ['#inline', '#contain', '#layers', '#imageset', '#tiles', '#late', '#card #inner']) {
    await expect.poll(() => mark(selector), { timeout: 30_000, message: `${selector} scanned` }).toMatch(/\bbox\b/);
  }
  await expect.poll(() => mark('#before'), { timeout: 30_000 }).toMatch(/\bbefore-blurred\b/);
  await page.waitForTimeout(500);
  const frames = await recording.stop();
  const ext = await shoot(page);

  const all = await cases(page);
  for (const { name, selector, faces, whole } of all) {
    const ratios = faceRatios(ext, without, faces);
    const away = awayRatio(ext, without, await boxOf(page, selector), faces);
    console.log(`${name}: faces ${ratios.map((r) => r.toFixed(3)).join(', ')}; away from faces ${away.toFixed(2)}`);
    expect(ratios.length, `${name}: faces to check`).toBeGreaterThan(0);
    for (const r of ratios) expect(r, `${name}: a face is sharp`).toBeLessThan(BLURRED);
    if (!whole) expect(away, `${name}: the rest of the picture is as sharp as without FaceVeil`).toBeGreaterThan(0.8);
  }
  const cores = all.flatMap((c) => c.faces.filter((f) => f.w >= 30).map((f) => core(f)));
  const best = sharpestFace(frames, without, cores);
  console.log(`${frames.length} frames from navigation; best face-detail match ${best.toFixed(3)} (sharp ≈ 1)`);
  expect(frames.length).toBeGreaterThan(2);
  expect(best, 'a frame showed a background face sharp').toBeLessThan(0.5);
});

test('a background photo on a page with a strict Content-Security-Policy is covered', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds-csp.html?csp=1');
  const without = await shotWithout(baseline, url, 800);
  await page.goto(url);
  await expect.poll(() => page.locator('#strict').getAttribute('data-faceveil-bg'), { timeout: 30_000 }).toMatch(/\bbox\b/);
  await page.waitForTimeout(300);
  const ext = await shoot(page);
  const box = await boxOf(page, '#strict');
  const faces = facesPainted('group/faceapi__sample1.jpg', box, box);
  const ratios = faceRatios(ext, without, faces);
  console.log(`strict CSP: faces ${ratios.map((r) => r.toFixed(3)).join(', ')}`);
  expect(ratios.length).toBeGreaterThan(0);
  for (const r of ratios) expect(r).toBeLessThan(BLURRED);
});

test('a background photo in a container scaled by half: covers land on its faces', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds-scaled.html');
  const without = await shotWithout(baseline, url, 800);
  await page.goto(url);
  await expect.poll(() => page.locator('#scaled').getAttribute('data-faceveil-bg'), { timeout: 30_000 }).toMatch(/\bbox\b/);
  await page.waitForTimeout(300);
  const ext = await shoot(page);
  const box = await boxOf(page, '#wrap');
  const faces = facesPainted('group/faceapi__sample1.jpg', box, box);
  const ratios = faceRatios(ext, without, faces);
  const away = awayRatio(ext, without, box, faces);
  // (Away from the faces the scaled picture shows about half the fine detail it shows without FaceVeil, with or
  // without covers on it, as an <img> there does: see the README's known limitations. Not a cover out of place.)
  console.log(`scaled container: faces ${ratios.map((r) => r.toFixed(3)).join(', ')}; away from faces ${away.toFixed(2)}`);
  expect(ratios.length).toBeGreaterThan(0);
  for (const r of ratios) expect(r).toBeLessThan(BLURRED);
});

test('right-click on a background: "Blur the whole background" and "Remove blur from this background"', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds.html');
  const without = await shotWithout(baseline, url, 1_500);
  const updates = await watchMenuUpdates(context);
  await page.goto(url);
  const mark = () => page.locator('#contain').getAttribute('data-faceveil-bg');
  await expect.poll(mark, { timeout: 30_000 }).toMatch(/\bbox\b/);
  const box = await boxOf(page, '#contain');
  await page.mouse.move(box.x + 100, box.y + 150);
  await expect.poll(() => updates()).toContainEqual(['blur-whole:surface', { visible: true, title: 'Blur the whole background' }]);
  await page.mouse.click(box.x + 100, box.y + 150, { button: 'right' });

  expect(await contextMenuAction(context, page, 'blur-whole', '')).toEqual({ res: true });
  await expect.poll(mark).toMatch(/\bblurred\b/);
  await page.waitForTimeout(200);
  const whole = laplacianVariance(await shoot(page), box) / laplacianVariance(without, box);
  console.log(`"Blur the whole background": sharpness ratio ${whole.toFixed(3)}`);
  expect(whole).toBeLessThan(BLURRED);

  expect(await contextMenuAction(context, page, 'unblur', '')).toEqual({ res: true });
  await expect.poll(mark).not.toMatch(/\bblurred\b/);
  await page.waitForTimeout(200);
  const faces = faceRatios(await shoot(page), without, facesPainted('group/yolov5__zidane.jpg', { ...box, y: box.y + 280 - 236.25, h: 236.25 }, box));
  console.log(`"Remove blur from this background": faces ${faces.map((r) => r.toFixed(3)).join(', ')}`);
  expect(faces.length).toBeGreaterThan(0);
  for (const r of faces) expect(r).toBeGreaterThan(0.8);
});

test('right-click on a background while the site is switched off: "Blur faces in this background", then "Remove blur"', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds.html');
  const without = await shotWithout(baseline, url, 1_500);
  await setSettings(context, { disabledSites: ['127.0.0.1'] });
  try {
    const updates = await watchMenuUpdates(context);
    await page.goto(url);
    await page.waitForTimeout(1_500);
    const box = await boxOf(page, '#contain');
    const faces = facesPainted('group/yolov5__zidane.jpg', { ...box, y: box.y + 280 - 236.25, h: 236.25 }, box);
    // Nothing is looked at while the site is off: the photo shows as it is.
    const off = faceRatios(await shoot(page), without, faces);
    expect(off.every((r) => r > 0.8), `faces sharp while off: ${off.join(', ')}`).toBe(true);
    await page.mouse.move(box.x + 100, box.y + 150);
    await expect.poll(() => updates()).toContainEqual(['blur-faces:surface', { visible: true, title: 'Blur faces in this background' }]);
    await page.mouse.click(box.x + 100, box.y + 150, { button: 'right' });

    expect(await contextMenuAction(context, page, 'blur-faces', '')).toEqual({ res: true });
    await expect.poll(async () => Math.max(...faceRatios(await shoot(page), without, faces)), { timeout: 30_000 }).toBeLessThan(BLURRED);
    const shown = await shoot(page);
    const blurred = faceRatios(shown, without, faces);
    const away = awayRatio(shown, without, box, faces);
    console.log(`site off, "Blur faces in this background": faces ${blurred.map((r) => r.toFixed(3)).join(', ')}; away from faces ${away.toFixed(2)}`);
    expect(away).toBeGreaterThan(0.8);

    expect(await contextMenuAction(context, page, 'unblur', '')).toEqual({ res: true });
    await expect.poll(async () => Math.min(...faceRatios(await shoot(page), without, faces))).toBeGreaterThan(0.8);
  } finally {
    await resetSettings(context);
  }
});

test('a photo a :hover rule brings is covered before it paints', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'backgrounds.html');
  const base = await baseline.newPage();
  await base.goto(url);
  await base.waitForTimeout(1_500);
  const box = await boxOf(base, '#hover');
  await base.mouse.move(box.x + 200, box.y + 100);
  await base.waitForTimeout(500);
  const without = await shoot(base);
  await base.close();

  await page.goto(url);
  await expect.poll(() => page.locator('#inline').getAttribute('data-faceveil-bg'), { timeout: 30_000 }).toMatch(/\bbox\b/);
  const recording = await recordFrames(page);
  await page.mouse.move(box.x + 200, box.y + 100);
  await expect.poll(() => page.locator('#hover').getAttribute('data-faceveil-bg'), { timeout: 30_000 }).toMatch(/\bbox\b/);
  await page.waitForTimeout(300);
  const frames = await recording.stop();
  const faces = facesPainted('group/yolov5__zidane.jpg', { ...box, y: box.y + (236 - 236.25) / 2, h: 236.25 }, box);
  const ratios = faceRatios(await shoot(page), without, faces);
  const best = sharpestFace(frames, without, faces.map((f) => core(f)));
  console.log(`hovered: faces ${ratios.map((r) => r.toFixed(3)).join(', ')}; ${frames.length} frames since the pointer came, best face-detail match ${best.toFixed(3)}`);
  expect(ratios.length).toBeGreaterThan(0);
  for (const r of ratios) expect(r).toBeLessThan(BLURRED);
  expect(best, 'a frame showed the hovered photo sharp').toBeLessThan(0.5);
});
