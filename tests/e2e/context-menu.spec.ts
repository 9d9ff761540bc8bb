// Right-click actions. Playwright cannot click Chrome's native menu: the test right-clicks the image (the page sees the
// real contextmenu event) and then does what the background's menu handler does, sending the tab the contextAction message.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  BLURRED, SHARP, compareImage, contextMenuAction, expectCovered, expectFacesSharp, marks, openBaseline, pageUrl, resetSettings, setSettings,
  waitForAllMarked, wholeRatio, type ContextAction,
} from './support/helpers';

test.afterEach(async ({ context }) => resetSettings(context));

async function rightClickAndChoose(page: Page, selector: string, action: ContextAction): Promise<void> {
  const img = page.locator(selector);
  await img.click({ button: 'right' });
  const srcUrl = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
  const answer = await contextMenuAction(page.context(), page, action, srcUrl);
  expect(answer, `${action} on ${selector} handled by the page`).toEqual({ res: true });
}

test('"Blur faces in this image" works on a site where automatic blurring is off', async ({ page, context, baseline, server }) => {
  await setSettings(context, { disabledSites: ['127.0.0.1'] });
  const url = pageUrl(server, 'context-menu.html');
  await page.goto(url);
  await page.waitForLoadState('load');
  const base = await openBaseline(baseline, url);
  expect(await marks(page), 'nothing is scanned on a switched-off site').toEqual([null, null, null]);
  expectFacesSharp((await compareImage(page.locator('#second'), base.locator('#second'))).ratios, 'before the menu');

  await rightClickAndChoose(page, '#second', 'blur-faces');
  await expectCovered(page, base, '#second');
  // Only the clicked copy: the same picture next to it and the other image stay as they were.
  for (const id of ['#first', '#other']) expectFacesSharp((await compareImage(page.locator(id), base.locator(id))).ratios, `${id} untouched`);
  expect(await marks(page)).toEqual([null, 'clear', null]);
  await base.close();
});

test('"Blur the whole image" blurs all of it', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'context-menu.html');
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  const before = await compareImage(page.locator('#other'), base.locator('#other'));
  await rightClickAndChoose(page, '#other', 'blur-whole');
  await expect(page.locator('#other')).toHaveAttribute('data-faceveil', 'blurred');
  const after = await compareImage(page.locator('#other'), base.locator('#other'));
  console.log(`blur whole image: whole-image sharpness ratio ${wholeRatio(before).toFixed(3)} → ${wholeRatio(after).toFixed(3)}`);
  expect(wholeRatio(before), 'before: only faces are blurred').toBeGreaterThan(0.5);
  expect(wholeRatio(after)).toBeLessThan(BLURRED);
  await base.close();
});

test('"Remove blur from this image" shows its faces sharp again, and only in that copy', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'context-menu.html');
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  await expectCovered(page, base, '#first');
  await rightClickAndChoose(page, '#first', 'unblur');
  await expect.poll(async () => Math.min(...(await compareImage(page.locator('#first'), base.locator('#first'))).ratios.map((r) => r.ratio))).toBeGreaterThan(SHARP);
  await expectCovered(page, base, '#second');
  await expectCovered(page, base, '#other');
  await base.close();
});
