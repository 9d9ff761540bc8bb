// Covers stay on their images when the page re-renders, prunes, moves or slots them; a page that keeps removing a
// cover gets the whole image blurred instead. Judged by pixels against the same page (same actions) without FaceVeil.
import { expect, test } from './support/fixtures';
import { BLURRED, compareImage, describeRatios, expectFacesBlurred, openBaseline, pageUrl, waitForAllMarked, wholeRatio } from './support/helpers';

const play = (scene: string) => (window as unknown as { scenes: Record<string, () => void> }).scenes[scene]!();

test('a cover follows its image through re-renders, a lightbox and a named slot; a page that prunes it blurs the image whole', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'separate.html');
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  await base.waitForLoadState('load');
  for (const scene of ['rerender', 'prune', 'lightbox'] as const) {
    await page.evaluate(play, scene);
    await base.evaluate(play, scene);
  }
  await page.waitForTimeout(300);

  for (const id of ['#a', '#c', '#d']) {
    const c = await compareImage(page.locator(id), base.locator(id));
    console.log(describeRatios(id, c.ratios));
    expectFacesBlurred(c.ratios, id);
  }
  // The pruning page removed the cover every time it came back: the image is blurred whole, never shown sharp.
  await expect(page.locator('#b')).toHaveAttribute('data-faceveil', 'blurred');
  const pruned = await compareImage(page.locator('#b'), base.locator('#b'));
  console.log(`#b (pruned): whole-image sharpness ratio ${wholeRatio(pruned).toFixed(4)}`);
  expect(wholeRatio(pruned)).toBeLessThan(BLURRED);
  await base.close();
});
