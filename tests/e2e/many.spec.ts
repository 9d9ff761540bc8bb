// A page with hundreds of photos: every one is scanned as the reader gets to it, none is left to the time limit.
import { expect, test } from './support/fixtures';
import { marks, pageUrl } from './support/helpers';

test('200 photos: each screen is covered as it is scrolled to, and no image runs into the time limit', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${pageUrl(server, 'many.html')}?n=200&run=${Date.now()}`);
  await page.evaluate(() => {
    // Counts every time an image is marked blurred (a failed scan, or the time limit), from now on.
    const w = window as unknown as { blurred: number };
    w.blurred = 0;
    new MutationObserver((records) => {
      for (const r of records) if ((r.target as Element).getAttribute('data-faceveil') === 'blurred') w.blurred++;
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-faceveil'] });
  });
  const screens: number[] = [];
  for (;;) {
    const onScreen = () =>
      page.evaluate(() =>
        [...document.images].filter((i) => {
          const r = i.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        }).every((i) => i.getAttribute('data-faceveil') === 'clear'),
      );
    const started = Date.now();
    await expect.poll(onScreen, { timeout: 20_000 }).toBe(true);
    screens.push(Date.now() - started);
    const more = await page.evaluate(() => {
      if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) return false;
      scrollBy(0, innerHeight);
      return true;
    });
    if (!more) break;
  }
  const all = await marks(page);
  console.log(`200 photos, ${screens.length} screens: covered ${screens.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s after reaching each`);
  expect(all.filter((m) => m === 'clear')).toHaveLength(200);
  expect(await page.evaluate(() => (window as unknown as { blurred: number }).blurred), 'images marked blurred on the way').toBe(0);
});
