// A 4096x2048 equirectangular panorama with small faces (H/40, 51 px) shown at full size: every labelled face ends up covered.
import { expect, test } from './support/fixtures';
import { compareImage, describeRatios, expectFacesBlurred, openBaseline, pageUrl, setSettings } from './support/helpers';

test('every small face in a 360° panorama is covered, seam and tiles included', async ({ page, context, baseline, server }) => {
  // Default detector and scale; only the time limit is raised, so a busy machine cannot turn this into a timeout test.
  await setSettings(context, { scanTimeoutMs: 120_000 });
  const started = Date.now();
  await page.goto(pageUrl(server, 'panorama.html'));
  const pano = page.locator('#pano');
  await expect(pano).toHaveAttribute('data-faceveil', 'clear', { timeout: 120_000 });
  console.log(`panorama 4096x2048: scanned and covered ${Date.now() - started} ms after navigation`);
  const base = await openBaseline(baseline, pageUrl(server, 'panorama.html'));
  const c = await compareImage(pano, base.locator('#pano'), 30);
  console.log(describeRatios('panorama', c.ratios));
  expect(c.ratios.length, 'every counted face of the panorama is measured').toBe(c.faces.filter((f) => f.visible).length);
  expectFacesBlurred(c.ratios, 'panorama');
  await base.close();
});
