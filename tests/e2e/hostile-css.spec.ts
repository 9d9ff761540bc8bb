// Hide-until-scanned holds against page CSS (!important in a layer, inline !important, a more specific !important)
// and against a page writing FaceVeil's own marks: no frame shows a face before its scan covers it.
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { expectCovered, faceCoresOnPage, loaded, openBaseline, pageUrl, sharpestFace, shoot } from './support/helpers';

const IMAGES = ['#layer', '#inline', '#specific', '#forged'];

test('no page rule or forged mark shows an image before its scan', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'hostile-css.html');
  const base = await openBaseline(baseline, url);
  for (const id of IMAGES) await loaded(base.locator(id));
  await base.evaluate(() => scrollTo(0, 0));
  const reference = await shoot(base);

  const recording = await recordFrames(page);
  await page.goto(url);
  for (const id of IMAGES) await expect(page.locator(id)).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForTimeout(300);
  const frames = await recording.stop();

  const cores = [];
  for (const id of IMAGES) cores.push(...(await faceCoresOnPage(page.locator(id))).filter((r) => r.y >= 0 && r.y + r.h <= 900));
  expect(cores.length).toBeGreaterThan(3);
  const best = sharpestFace(frames, reference, cores);
  console.log(`hostile CSS and forged marks: ${frames.length} frames, best face-detail match ${best.toFixed(3)}`);
  expect(best, 'a frame showed a face sharp').toBeLessThan(0.5);
  for (const id of IMAGES) await expectCovered(page, base, id);
  await base.close();
});
