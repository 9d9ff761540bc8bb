// A 4096x2048 equirectangular panorama with small faces (H/60, 34 px): every labelled face ends up covered.
import { expect, test } from './support/fixtures';
import { compareImage, describeRatios, expectFacesBlurred, openBaseline, pageUrl, setSettings } from './support/helpers';

test('every small face in a 360° panorama is covered (search depth: thorough)', async ({ page, context, baseline, server }) => {
  // Faces of 1/60 of the height are below what the default depth looks for (see README, "How detection works").
  await setSettings(context, { searchDepth: 'thorough', scanTimeoutMs: 120_000 });
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
