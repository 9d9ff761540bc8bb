// A photo moved by element.animate() (which fires no event): its cover finds the motion within a tenth of a second
// and then follows it frame by frame, at most a frame behind (well inside the margin a cover keeps around a face).
import { expect, test } from './support/fixtures';
import { pageUrl } from './support/helpers';

test('the cover follows an image moved with element.animate()', async ({ page, server }) => {
  await page.goto(pageUrl(server, 'animate.html'));
  await expect(page.locator('#moving')).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });
  const lags = await page.evaluate(() => (window as unknown as { move(): Promise<{ at: number; px: number }[]> }).move());
  const first = lags.filter((l) => l.at <= 150);
  const after = lags.filter((l) => l.at > 150);
  const max = (ls: { px: number }[]) => Math.max(0, ...ls.map((l) => l.px));
  const worst = after.reduce((a, b) => (b.px > a.px ? b : a), { at: 0, px: 0 });
  console.log(`element.animate, 400 px in 1.5 s: ${lags.length} frames; cover off by at most ${max(first).toFixed(0)} px in the first 150 ms, ${max(after).toFixed(1)} px after (worst at ${worst.at.toFixed(0)} ms); ${after.filter((l) => l.px > 0.5).length} frames off by more than 0.5 px`);
  expect(after.length).toBeGreaterThan(10);
  // 400 px in 1.5 s is 4.5 px a frame at 60 frames a second.
  expect(max(after), 'cover off its image once the motion is found').toBeLessThanOrEqual(6);
});
