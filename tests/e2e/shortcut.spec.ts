// The keyboard shortcut (Alt+Shift+F by default) switches blurring on the page's site, live, and says so on the page.
// Chrome handles extension shortcuts in its window, which key presses sent to a headless page never reach: the test
// checks that Chrome gave the command its key, then fires the command's event in the background worker, as the key does.
import { expect, test } from './support/fixtures';
import { compareImage, expectCovered, openBaseline, pageUrl, resetSettings, SHARP, tabIdOf, waitForAllMarked, worker } from './support/helpers';

test.afterEach(async ({ context }) => resetSettings(context));

test('Alt+Shift+F switches blurring off and on for the site, with a short confirmation on the page', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'popup-target.html');
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  await base.waitForLoadState('load');
  const disabledSites = async () =>
    (await (await worker(context)).evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { disabledSites?: string[] } | undefined)?.disabledSites)) ?? [];
  const toast = page.locator('faceveil-toast').getByRole('status');
  const sw = await worker(context);
  const commands = await sw.evaluate(() => chrome.commands.getAll());
  expect(commands.find((c) => c.name === 'toggle-site')?.shortcut, 'Chrome gave the command its key').toBe('Alt+Shift+F');
  const tab = await sw.evaluate((id) => chrome.tabs.get(id), await tabIdOf(context, page));
  const press = () => sw.evaluate((tab) => (chrome.commands.onCommand as unknown as { dispatch(name: string, tab: chrome.tabs.Tab): void }).dispatch('toggle-site', tab), tab);

  await press();
  await expect(toast).toHaveText('FaceVeil: off on 127.0.0.1');
  expect(await disabledSites()).toEqual(['127.0.0.1']);
  await expect(page.locator('faceveil-overlay')).toHaveCount(0);
  for (const id of ['#pair', '#trio']) {
    const c = await compareImage(page.locator(id), base.locator(id));
    for (const r of c.ratios) expect(r.ratio, `${id} face sharp with the site switched off`).toBeGreaterThan(SHARP);
  }
  // The confirmation goes by itself.
  await expect(page.locator('faceveil-toast')).toHaveCount(0, { timeout: 5_000 });

  await press();
  await expect(toast).toHaveText('FaceVeil: blurring faces on 127.0.0.1');
  expect(await disabledSites()).toEqual([]);
  for (const id of ['#pair', '#trio']) await expectCovered(page, base, id);
});
