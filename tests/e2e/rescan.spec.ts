// A thumbnail is scanned at the scale it is shown; enlarged in place, it is scanned again before any newly visible face can show sharp.
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { compareImage, describeRatios, expectFacesBlurred, faceCoresOnPage, openBaseline, pageUrl, sharpestFace, shoot } from './support/helpers';

/** The faces of this photo are 24-38 px at full size: the test looks at all of them. */
const MIN_FACE_PX = 24;

test('a thumbnail enlarged in place is rescanned before a face can show sharp', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'enlarge.html');
  const base = await openBaseline(baseline, url);
  await base.evaluate(() => (window as unknown as { enlarge(): void }).enlarge());
  await base.waitForTimeout(200);
  const reference = await shoot(base);

  await page.goto(url);
  const photo = page.locator('#photo');
  await expect(photo).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  // Every mark the image carries from now on, in order.
  await page.evaluate(() => {
    const img = document.getElementById('photo')!;
    const seen: (string | null)[] = ((window as unknown as { marks: (string | null)[] }).marks = []);
    new MutationObserver(() => seen.push(img.getAttribute('data-faceveil'))).observe(img, { attributes: true, attributeFilter: ['data-faceveil'] });
  });

  const recording = await recordFrames(page);
  const started = Date.now();
  await page.evaluate(() => (window as unknown as { enlarge(): void }).enlarge());
  await expect.poll(() => page.evaluate(() => (window as unknown as { marks: string[] }).marks.at(-1)), { timeout: 30_000 }).toBe('clear');
  const covered = Date.now() - started;
  await page.waitForTimeout(300);
  const frames = await recording.stop();
  const marks = await page.evaluate(() => (window as unknown as { marks: string[] }).marks);

  const cores = await faceCoresOnPage(photo, MIN_FACE_PX);
  expect(cores.length, 'faces large enough to check after enlarging').toBeGreaterThanOrEqual(10);
  const best = sharpestFace(frames, reference, cores);
  console.log(`enlarged 200 -> 1024 px: marks ${marks.join(' -> ')}; covered again ${covered} ms later; ${frames.length} frames, best face-detail match ${best.toFixed(3)}`);
  expect(marks[0], 'blurred whole while the finer scan runs').toBe('blurred');
  expect(best, 'a frame showed a face sharp').toBeLessThan(0.5);

  const c = await compareImage(photo, base.locator('#photo'), MIN_FACE_PX);
  console.log(describeRatios('after the rescan', c.ratios));
  expectFacesBlurred(c.ratios, 'enlarged photo');
  await base.close();
});
