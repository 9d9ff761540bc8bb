// Huge and broken pictures: a 24-megapixel photo never stalls the page's main thread, and a cross-origin JPEG cut short,
// which Chrome still shows, is scanned and covered rather than left blurred.
import { expect, test } from './support/fixtures';
import { generatePicture } from './support/generate';
import { expectCovered, openBaseline, pageUrl, shoot } from './support/helpers';
import { clip, core, laplacianVariance } from './support/sharpness';
import { longTasks, PAGE_PROBE } from '../../scripts/lib/page-timing';

test('a 24-megapixel photo is scanned without a long task on the page, and its faces covered', async ({ page, baseline, server }) => {
  const made = await generatePicture(baseline, server, { file: 'group/face_recognition__two_people.jpg', width: 6000, height: 4000, cols: 3, type: 'image/jpeg', quality: 0.9 });
  server.put('photo-24mp.jpg', made.bytes, 'image/jpeg');
  const html = `<!doctype html><style>body{margin:0} img{display:block;width:1200px}</style><img id="big" src="/gen/photo-24mp.jpg" alt="">`;
  server.put('photo-24mp.html', Buffer.from(html), 'text/html');
  await page.addInitScript(PAGE_PROBE);
  await page.goto(`${server.origin}/gen/photo-24mp.html`);
  await expect(page.locator('#big')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  await page.waitForTimeout(300);
  const tasks = await longTasks(page);
  console.log(`24 MP photo (${(made.bytes.length / 1e6).toFixed(1)} MB): ${tasks.count} long tasks on the page (longest ${tasks.longestMs.toFixed(0)} ms)`);
  // Without FaceVeil this page has none: any long task here is FaceVeil's (reading it on the main thread took 113 ms).
  expect(tasks.longestMs, 'longest task on the page').toBeLessThanOrEqual(50);

  // The faces of the copies on screen, at the size the page shows them (1200 px for 6000).
  const base = await baseline.newPage();
  await base.goto(`${server.origin}/gen/photo-24mp.html`);
  await expect.poll(() => base.locator('#big').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const [ext, without] = [await shoot(page), await shoot(base)];
  const k = 1200 / 6000;
  const ratios = made.faces
    .map((f) => clip(ext, core({ x: f.x * k, y: f.y * k, w: f.w * k, h: f.h * k })))
    .filter((r) => r !== null)
    .map((r) => laplacianVariance(ext, r!) / laplacianVariance(without, r!));
  console.log(`faces on screen: ${ratios.map((r) => r.toFixed(3)).join(', ')}`);
  expect(ratios.length).toBeGreaterThanOrEqual(6);
  for (const r of ratios) expect(r).toBeLessThan(0.35);
  await base.close();
});

test('a cross-origin JPEG cut short, which the page still shows, is scanned and its faces covered', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'truncated.html');
  await page.goto(url);
  await expect(page.locator('#cut')).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });
  const base = await openBaseline(baseline, url);
  await expectCovered(page, base, '#cut');
  await base.close();
});
