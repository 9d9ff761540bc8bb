// A URL that serves another picture the next time gets that picture's faces covered, not the old picture's boxes.
import { expect, test } from './support/fixtures';
import { BLURRED, compareImage, describeRatios, expectFacesBlurred, openBaseline, pageUrl, waitForAllMarked, wholeRatio } from './support/helpers';

test('results are remembered by picture, not by URL: a URL that now serves another picture is scanned again', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'swap.html'));
  await waitForAllMarked(page);
  // First view: the page shows the first picture. The extension's own fetch of the cross-origin URL already gets the
  // second one: a picture the page does not show is never trusted (another shape: the whole image stays blurred).
  await expect(page.locator('#same')).toHaveAttribute('data-faceveil', 'clear');
  await expect(page.locator('#cross')).toHaveAttribute('data-faceveil', 'blurred');

  await page.reload();
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, pageUrl(server, 'swap-base.html'));
  for (const id of ['#same', '#cross']) {
    await expect(page.locator(id)).toHaveAttribute('data-faceveil', 'clear');
    const c = await compareImage(page.locator(id), base.locator(id));
    console.log(describeRatios(`${id} after the URL changed picture`, c.ratios));
    expect(c.ratios.length, `${id}: both faces measured`).toBe(2);
    expectFacesBlurred(c.ratios, id);
    expect(wholeRatio(c), `${id}: the rest of the picture is sharp`).toBeGreaterThan(BLURRED);
  }
  await base.close();
});
