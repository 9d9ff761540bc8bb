// The very first page a fresh profile opens after install is already blurred: no face flashes while the detector starts.
import { expect, test } from './support/fixtures';
import { launch } from './support/browser';
import { recordFrames } from './support/frames';
import { compareImage, describeRatios, expectFacesBlurred, faceCoresOnPage, marks, openBaseline, pageUrl, sharpestFace, shoot, waitForAllClear } from './support/helpers';

test('the first page after install is blurred from its first frame', async ({ baseline, server }) => {
  const url = pageUrl(server, 'group.html');
  const base = await openBaseline(baseline, url);
  await base.waitForLoadState('load');
  const reference = await shoot(base);

  const context = await launch({ extension: true });
  try {
    // No waiting for the service worker or the detector: navigate at once, as a user would.
    const page = context.pages()[0] ?? (await context.newPage());
    const recording = await recordFrames(page);
    const started = Date.now();
    await page.goto(url);
    const { timedOut } = await waitForAllClear(page);
    const covered = Date.now() - started;
    await page.waitForTimeout(300);
    const frames = await recording.stop();
    console.log(
      `first page after install: all ${(await marks(page)).length} images scanned and covered ${covered} ms after navigation started; ` +
        `${frames.length} frames recorded${timedOut ? '; an image hit the scan time limit first (shown blurred meanwhile)' : ''}`,
    );

    // Faces in the first viewport, in every frame painted while loading.
    const viewport = page.viewportSize()!;
    const cores = [];
    for (const img of await page.locator('img').all()) {
      cores.push(...(await faceCoresOnPage(img)).filter((r) => r.y >= 0 && r.y + r.h <= viewport.height));
    }
    expect(cores.length).toBeGreaterThan(2);
    const best = sharpestFace(frames, reference, cores);
    console.log(`  best face-detail match in any frame: ${best.toFixed(3)}`);
    expect(best, 'a frame showed a face sharp').toBeLessThan(0.5);

    for (const [i, img] of (await page.locator('img').all()).slice(0, 3).entries()) {
      const c = await compareImage(img, base.locator('img').nth(i));
      console.log(describeRatios(`  image ${i + 1}`, c.ratios));
      expectFacesBlurred(c.ratios, `image ${i + 1}`);
    }
  } finally {
    await context.close();
    await base.close();
  }
});
