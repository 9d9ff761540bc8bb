// No face is ever shown sharp while an image loads or is scanned, and a failed or slow scan follows the user's policy.
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import {
  BLURRED, SHARP, compareImage, expectCovered, faceCoresOnPage, loaded, openBaseline, pageUrl, resetSettings, setSettings, sharpestFace, shoot, wholeRatio,
} from './support/helpers';

test.afterEach(async ({ context }) => resetSettings(context));

test('a slowly arriving image is never painted sharp, from the first frame on', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'delayed.html');
  const base = await baseline.newPage();
  const baseRecording = await recordFrames(base);
  await base.goto(url);
  await loaded(base.locator('#slow'));
  await base.waitForTimeout(300);
  const reference = await shoot(base);
  const baseFrames = await baseRecording.stop();

  const recording = await recordFrames(page);
  const started = Date.now();
  await page.goto(url);
  await expect(page.locator('#slow')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  const covered = Date.now() - started;
  await page.waitForTimeout(300);
  const frames = await recording.stop();

  const cores = await faceCoresOnPage(page.locator('#slow'));
  expect(cores.length).toBeGreaterThan(0);
  const withExt = sharpestFace(frames, reference, cores);
  const without = sharpestFace(baseFrames, reference, cores);
  console.log(`delayed image (1.5 s): covered ${covered} ms after navigation; ${frames.length} frames, best face-detail match ${withExt.toFixed(3)} (without FaceVeil: ${baseFrames.length} frames, ${without.toFixed(3)})`);
  expect(frames.length, 'frames recorded while loading').toBeGreaterThan(2);
  expect(without, 'the recording without FaceVeil shows the faces sharp').toBeGreaterThan(0.9);
  expect(withExt, 'a frame showed a face sharp').toBeLessThan(0.5);
  await expectCovered(page, base, '#slow');
  await base.close();
});

test('a scan that fails keeps the image blurred by default, and shows it with "reveal"', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'scan-fails.html');
  const base = await openBaseline(baseline, url);
  const img = page.locator('#guarded');
  await page.goto(url);
  await expect(img).toHaveAttribute('data-faceveil', 'blurred', { timeout: 30_000 });
  const kept = await compareImage(img, base.locator('#guarded'));
  console.log(`scan failed, keep-blurred: whole-image sharpness ratio ${wholeRatio(kept).toFixed(4)}`);
  expect(wholeRatio(kept)).toBeLessThan(BLURRED);
  expect(server.requests.filter((r) => r.includes('hotlink=1')).length, 'page load + refused detector fetch').toBeGreaterThanOrEqual(2);

  await setSettings(context, { onTimeout: 'reveal' });
  await page.reload();
  await expect(img).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  const revealed = await compareImage(img, base.locator('#guarded'));
  console.log(`scan failed, reveal: whole-image sharpness ratio ${wholeRatio(revealed).toFixed(4)}`);
  expect(wholeRatio(revealed)).toBeGreaterThan(SHARP);
  await base.close();
});

test('a scan slower than the time limit: keep-blurred blurs the whole image until the faces are covered', async ({ page, context, baseline, server }) => {
  await setSettings(context, { scanTimeoutMs: 1000 });
  const url = `${pageUrl(server, 'scan-slow.html')}?run=keep`;
  const base = await openBaseline(baseline, url);
  const img = page.locator('#late');
  const started = Date.now();
  await page.goto(url);
  await expect(img).toHaveAttribute('data-faceveil', 'blurred', { timeout: 5_000 });
  const waiting = await compareImage(img, base.locator('#late'));
  console.log(`time limit hit after ${Date.now() - started} ms; whole-image sharpness ratio ${wholeRatio(waiting).toFixed(4)}`);
  expect(wholeRatio(waiting)).toBeLessThan(BLURRED);
  await expectCovered(page, base, '#late');
  console.log(`faces covered after ${Date.now() - started} ms`);
  await base.close();
});

test('a scan slower than the time limit: reveal shows the image, then covers the faces when the scan ends', async ({ page, context, baseline, server }) => {
  await setSettings(context, { scanTimeoutMs: 1000, onTimeout: 'reveal' });
  const url = `${pageUrl(server, 'scan-slow.html')}?run=reveal`;
  const base = await openBaseline(baseline, url);
  const img = page.locator('#late');
  await page.goto(url);
  await expect(img).toHaveAttribute('data-faceveil', 'clear', { timeout: 5_000 });
  const shown = await compareImage(img, base.locator('#late'));
  console.log(`revealed before the scan ended: whole-image sharpness ratio ${wholeRatio(shown).toFixed(4)}`);
  expect(wholeRatio(shown)).toBeGreaterThan(SHARP);
  await expect.poll(async () => Math.max(...(await compareImage(img, base.locator('#late'))).ratios.map((r) => r.ratio)), { timeout: 30_000 }).toBeLessThan(BLURRED);
  await expectCovered(page, base, '#late');
  await base.close();
});
