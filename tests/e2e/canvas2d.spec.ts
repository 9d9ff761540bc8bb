// Photos a page draws into a 2D <canvas> are covered like images: hidden until scanned, then covers on the faces only
// (the page's text over the photo stays), scanned again when the page draws another photo (not when it draws the same
// one again, as a game does every frame); a canvas holding another site's pixels is blurred whole; a canvas with no
// photo is left alone.
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { BLURRED, contextMenuAction, pageUrl, shoot, watchMenuUpdates } from './support/helpers';
import { awayRatio, boxOf, faceRatios, facesPainted, shotWithout } from './support/painted';
import { core, detailMatch, laplacianVariance } from './support/sharpness';

const SAMPLE = 'group/faceapi__sample1.jpg';
const ZIDANE = 'group/yolov5__zidane.jpg';

test('photos drawn into 2D canvases: faces covered, drawn again and covered again, never shown sharp', async ({ page, baseline, server }) => {
  const url = (redraw: string) => pageUrl(server, `canvas2d.html?redraw=${redraw}`);
  // What the page looks like without FaceVeil, with its first photo and with its second.
  const first = await shotWithout(baseline, url('0'), 800);
  const second = await shotWithout(baseline, url('1'), 800);

  const recording = await recordFrames(page);
  await page.goto(url('later'));
  const mark = (id: string) => page.locator(id).getAttribute('data-faceveil');
  await expect.poll(() => mark('#drawn'), { timeout: 30_000 }).toBe('clear');
  await expect.poll(() => mark('#hidpi'), { timeout: 30_000 }).toBe('clear');
  await expect.poll(() => mark('#tainted'), { timeout: 30_000 }).toBe('blurred');
  await expect.poll(() => mark('#game'), { timeout: 30_000, message: 'a canvas redrawn every frame with the same photo settles' }).toBe('clear');
  await page.waitForTimeout(300);
  const before = await shoot(page);

  const drawn = await boxOf(page, '#drawn');
  const hidpi = await boxOf(page, '#hidpi');
  const tainted = await boxOf(page, '#tainted');
  const chart = await boxOf(page, '#chart');
  const sampleFaces = facesPainted(SAMPLE, drawn, drawn);
  const dlibFaces = facesPainted('group/dlib__2008_001322.jpg', hidpi, hidpi);
  const zidaneFaces = facesPainted(ZIDANE, { ...drawn, y: drawn.y + 21.875, h: 236.25 }, drawn);
  const report = (name: string, ratios: number[], away?: number) => {
    console.log(`${name}: faces ${ratios.map((r) => r.toFixed(3)).join(', ')}${away === undefined ? '' : `; away from faces ${away.toFixed(2)}`}`);
    expect(ratios.length, name).toBeGreaterThan(0);
    for (const r of ratios) expect(r, `${name}: a face is sharp`).toBeLessThan(BLURRED);
    if (away !== undefined) expect(away, `${name}: the rest is as sharp as without FaceVeil`).toBeGreaterThan(0.8);
  };
  report('first photo, text drawn over it', faceRatios(before, first, sampleFaces), awayRatio(before, first, drawn, sampleFaces));
  report('canvas drawn at twice its CSS size', faceRatios(before, first, dlibFaces), awayRatio(before, first, hidpi, dlibFaces));
  const whole = laplacianVariance(before, tainted) / laplacianVariance(first, tainted);
  console.log(`canvas with another site's pixels: whole-canvas sharpness ratio ${whole.toFixed(3)}`);
  expect(whole).toBeLessThan(BLURRED);
  const game = await boxOf(page, '#game');
  report('the same photo drawn every frame under a moving sprite', faceRatios(before, first, facesPainted('group/face_recognition__two_people.jpg', game, game)));
  const chartRatio = laplacianVariance(before, chart) / laplacianVariance(first, chart);
  console.log(`canvas without a photo: sharpness ratio ${chartRatio.toFixed(3)}, mark ${await mark('#chart')}`);
  expect(chartRatio).toBeGreaterThan(0.95);
  expect(await page.locator('#chart').getAttribute('data-faceveil-photo')).toBeNull();

  // The page draws another photo: covered again.
  await page.evaluate(() => (window as unknown as { drawSecond(): void }).drawSecond());
  await expect.poll(() => page.locator('#drawn').getAttribute('data-faceveil-photo'), { timeout: 10_000 }).not.toBe('1');
  await expect.poll(() => mark('#drawn'), { timeout: 30_000 }).toBe('clear');
  await page.waitForTimeout(300);
  const after = await shoot(page);
  report('second photo drawn over the first', faceRatios(after, second, zidaneFaces), awayRatio(after, second, drawn, zidaneFaces));

  const frames = await recording.stop();
  let best = 0;
  for (const { png } of frames) {
    if (png.width !== first.width || png.height !== first.height) continue;
    for (const f of [...sampleFaces, ...dlibFaces]) best = Math.max(best, detailMatch(png, first, core(f)));
    for (const f of zidaneFaces) best = Math.max(best, detailMatch(png, second, core(f)));
  }
  console.log(`${frames.length} frames from navigation; best face-detail match ${best.toFixed(3)} (sharp ≈ 1)`);
  expect(frames.length).toBeGreaterThan(2);
  expect(best, 'a frame showed a canvas face sharp').toBeLessThan(0.5);
});

test('right-click on a canvas: the canvas items show while the pointer is over it; blur whole, then remove blur', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'canvas2d.html?redraw=0');
  const without = await shotWithout(baseline, url, 800);
  const updates = await watchMenuUpdates(context);
  await page.goto(url);
  await expect.poll(() => page.locator('#drawn').getAttribute('data-faceveil'), { timeout: 30_000 }).toBe('clear');
  const box = await boxOf(page, '#drawn');
  await page.mouse.move(box.x + 200, box.y + 150);
  await expect.poll(() => updates(), { message: 'canvas items shown' }).toContainEqual(['blur-whole:surface', { visible: true, title: 'Blur the whole canvas' }]);
  await page.mouse.click(box.x + 200, box.y + 150, { button: 'right' });
  await page.keyboard.press('Escape');

  expect(await contextMenuAction(context, page, 'blur-whole', '')).toEqual({ res: true });
  await expect(page.locator('#drawn')).toHaveAttribute('data-faceveil', 'blurred');
  await page.waitForTimeout(200);
  const whole = laplacianVariance(await shoot(page), box) / laplacianVariance(without, box);
  console.log(`"Blur the whole canvas": sharpness ratio ${whole.toFixed(3)}`);
  expect(whole).toBeLessThan(BLURRED);

  expect(await contextMenuAction(context, page, 'unblur', '')).toEqual({ res: true });
  await expect(page.locator('#drawn')).toHaveAttribute('data-faceveil', 'clear');
  await page.waitForTimeout(200);
  const faces = faceRatios(await shoot(page), without, facesPainted(SAMPLE, box, box));
  console.log(`"Remove blur from this canvas": faces ${faces.map((r) => r.toFixed(3)).join(', ')}`);
  for (const r of faces) expect(r).toBeGreaterThan(0.8);

  // Away from any canvas, the items hide again.
  await page.mouse.move(5, (await boxOf(page, '#chart')).y + 300);
  await expect.poll(() => updates()).toContainEqual(['blur-whole:surface', { visible: false }]);
});
