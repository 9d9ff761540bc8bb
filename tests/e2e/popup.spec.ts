// The popup: the tab's face count, the site switch (live, no reload), threshold, shape, strength, hide-until-scanned, persistence.
import type { BrowserContext, Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import { expect, test } from './support/fixtures';
import {
  BLURRED, SHARP, compareImage, expectCovered, openBaseline, pageUrl, resetSettings, shoot, waitForAllMarked, wholeRatio,
} from './support/helpers';
import { bigFaces, facesOn } from './support/labels';
import { openPopup, popupCount, setSlider } from './support/popup';
import { changedAreas, core, meanAbsDiff, type Region } from './support/sharpness';

test.afterEach(async ({ context }) => resetSettings(context));

/** Separate blurred areas on screen: FaceVeil's page against the same page without it. */
async function blurredAreas(target: Page, base: Page): Promise<number> {
  await target.bringToFront();
  const areas = changedAreas(await shoot(target), await shoot(base), { minCells: 16 });
  return areas.length;
}

async function openTarget(page: Page, baseline: BrowserContext, url: string): Promise<Page> {
  await page.goto(url);
  await waitForAllMarked(page);
  const base = await openBaseline(baseline, url);
  await base.waitForLoadState('load');
  return base;
}

test('shows how many faces are blurred in the tab, as many as are covered on screen', async ({ page, context, baseline, server, extensionId }) => {
  const base = await openTarget(page, baseline, pageUrl(server, 'popup-target.html'));
  const areas = await blurredAreas(page, base);
  const popup = await openPopup(context, extensionId, page);
  await expect.poll(() => popupCount(popup)).toBe(areas);
  console.log(`popup count ${await popupCount(popup)}, blurred areas on screen ${areas}`);
  expect(areas).toBeGreaterThanOrEqual(4);
});

test('the site switch turns blurring off and on again in the open tab, without a reload', async ({ page, context, baseline, server, extensionId }) => {
  const base = await openTarget(page, baseline, pageUrl(server, 'popup-target.html'));
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const popup = await openPopup(context, extensionId, page);
  const site = popup.getByTestId('site-switch');
  await expect(site).toBeChecked();
  const before = await popupCount(popup);

  await site.click();
  await expect(site).not.toBeChecked();
  await expect(page.locator('faceveil-overlay')).toHaveCount(0);
  for (const id of ['#pair', '#trio']) {
    const c = await compareImage(page.locator(id), base.locator(id));
    for (const r of c.ratios) expect(r.ratio, `${id} face sharp with the site switched off`).toBeGreaterThan(SHARP);
  }
  await expect.poll(() => popupCount(popup)).toBe(0);

  await popup.bringToFront();
  await site.click();
  await expect(site).toBeChecked();
  for (const id of ['#pair', '#trio']) await expectCovered(page, base, id);
  await expect.poll(() => popupCount(popup)).toBe(before);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test('raising the threshold to its maximum uncovers the less certain faces', async ({ page, context, baseline, server, extensionId }) => {
  const base = await openTarget(page, baseline, pageUrl(server, 'threshold.html'));
  const popup = await openPopup(context, extensionId, page);
  await expect.poll(() => popupCount(popup)).toBeGreaterThan(0);
  const before = await popupCount(popup);
  await setSlider(popup, 'threshold', 0.95);
  await expect.poll(() => popupCount(popup)).toBeLessThan(before);
  const after = await popupCount(popup);
  expect(await blurredAreas(page, base)).toBe(after);
  console.log(`threshold default → 95%: faces blurred ${before} → ${after}`);
});

test('the detector setting switches engines live: the open page is scanned again with the one chosen', async ({ page, context, baseline, server, extensionId }) => {
  await openTarget(page, baseline, pageUrl(server, 'crowd.html'));
  const popup = await openPopup(context, extensionId, page);
  await expect.poll(() => popupCount(popup)).toBeGreaterThanOrEqual(10);
  const yunet = await popupCount(popup);
  await popup.getByText('Advanced').click();
  await popup.getByTestId('detector').selectOption('blazeface');
  await expect.poll(() => popupCount(popup), { timeout: 30_000 }).toBeLessThan(yunet);
  const blazeface = await popupCount(popup);
  await popup.getByTestId('detector').selectOption('yunet+blazeface');
  await expect.poll(() => popupCount(popup), { timeout: 30_000 }).toBeGreaterThanOrEqual(yunet);
  const both = await popupCount(popup);
  console.log(`faces blurred in the crowd: YuNet ${yunet}, BlazeFace ${blazeface}, both ${both}`);
});

/** Mean difference between two screenshots of the same image in small patches at a face box's corners and in its core. */
function cornerAndCore(a: PNG, b: PNG, box: Region) {
  const s = { w: box.w * 0.2, h: box.h * 0.2 };
  const corners = [
    [box.x, box.y], [box.x + box.w, box.y], [box.x, box.y + box.h], [box.x + box.w, box.y + box.h],
  ].map(([x, y]) => meanAbsDiff(a, b, { x: x! - s.w / 2, y: y! - s.h / 2, ...s }));
  return { corner: Math.max(...corners), core: meanAbsDiff(a, b, core(box, 0.4)) };
}

test('shape and strength change the blurred pixels', async ({ page, context, baseline, server, extensionId }) => {
  const base = await openTarget(page, baseline, pageUrl(server, 'popup-target.html'));
  const img = page.locator('#pair');
  const faces = bigFaces((await facesOn(img)).faces);
  const popup = await openPopup(context, extensionId, page);
  const ellipse = (await compareImage(img, base.locator('#pair'))).ext;

  await popup.getByTestId('shape').selectOption('rect');
  const cornersNow = async () => {
    const now = (await compareImage(img, base.locator('#pair'))).ext;
    return Math.max(...faces.map((f) => cornerAndCore(ellipse, now, f.box).corner));
  };
  await expect.poll(cornersNow).toBeGreaterThan(5);
  const rect = (await compareImage(img, base.locator('#pair'))).ext;
  for (const f of faces) {
    const d = cornerAndCore(ellipse, rect, f.box);
    console.log(`ellipse → rectangle: corner diff ${d.corner.toFixed(1)}, core diff ${d.core.toFixed(2)}`);
    expect(d.corner, 'a face box corner changes').toBeGreaterThan(5);
    expect(d.core, 'the face core stays blurred the same way').toBeLessThan(2);
  }

  await setSlider(popup, 'blur-strength', 3);
  await expect.poll(async () => meanAbsDiff(rect, (await compareImage(img, base.locator('#pair'))).ext, core(faces[0]!.box))).toBeGreaterThan(1);
  const light = await compareImage(img, base.locator('#pair'));
  await setSlider(popup, 'blur-strength', 10);
  await expect.poll(async () => meanAbsDiff(light.ext, (await compareImage(img, base.locator('#pair'))).ext, core(faces[0]!.box))).toBeGreaterThan(1);
  const heavy = await compareImage(img, base.locator('#pair'));
  for (const [i, r] of light.ratios.entries()) {
    console.log(`strength 3 → 10: sharpness ratio ${r.ratio.toFixed(4)} → ${heavy.ratios[i]!.ratio.toFixed(4)}, face diff ${meanAbsDiff(light.ext, heavy.ext, core(r.face.box)).toFixed(1)}`);
    expect(r.ratio, 'the lightest blur still hides the face').toBeLessThan(BLURRED);
  }
});

test('with hide-until-scanned off, images show before their scan ends', async ({ page, context, baseline, server, extensionId }) => {
  const slow = (run: string) => `${pageUrl(server, 'scan-slow.html')}?run=${run}`;
  const base = await openBaseline(baseline, slow('on'));
  const late = page.locator('#late');
  const onScreenWhileScanning = async (run: string) => {
    await page.goto(slow(run));
    await expect(late).toHaveJSProperty('complete', true);
    const c = await compareImage(late, base.locator('#late'));
    expect(await late.getAttribute('data-faceveil'), 'still scanning').toBeNull();
    return wholeRatio(c);
  };
  const hidden = await onScreenWhileScanning('on');
  const popup = await openPopup(context, extensionId, page);
  await popup.getByTestId('hide-until-scanned').click();
  await expect(popup.getByTestId('hide-until-scanned')).not.toBeChecked();
  const shown = await onScreenWhileScanning('off');
  console.log(`while scanning: image sharpness ratio ${hidden.toFixed(3)} with hide-until-scanned on, ${shown.toFixed(3)} with it off`);
  expect(hidden).toBeLessThan(0.05);
  expect(shown).toBeGreaterThan(SHARP);
  await expectCovered(page, base, '#late');
});

test('settings persist: a reopened popup shows the changed values', async ({ page, context, server, extensionId }) => {
  await page.goto(pageUrl(server, 'popup-target.html'));
  let popup = await openPopup(context, extensionId, page);
  await setSlider(popup, 'threshold', 0.7);
  await setSlider(popup, 'blur-strength', 9);
  await popup.getByTestId('shape').selectOption('rect');
  await popup.getByTestId('on-timeout').selectOption('reveal');
  await popup.getByTestId('hide-until-scanned').click();
  await popup.getByTestId('site-switch').click();
  await popup.getByText('Advanced').click();
  await popup.getByTestId('detector').selectOption('yunet+blazeface');
  await setSlider(popup, 'min-screen-face', 12);
  await popup.close();
  popup = await openPopup(context, extensionId, page);
  await popup.getByText('Advanced').click();
  await expect(popup.getByTestId('detector')).toHaveValue('yunet+blazeface');
  await expect(popup.getByTestId('min-screen-face')).toHaveValue('12');
  await expect(popup.getByTestId('threshold')).toHaveValue('0.7');
  await expect(popup.getByTestId('blur-strength')).toHaveValue('9');
  await expect(popup.getByTestId('shape')).toHaveValue('rect');
  await expect(popup.getByTestId('on-timeout')).toHaveValue('reveal');
  await expect(popup.getByTestId('hide-until-scanned')).not.toBeChecked();
  await expect(popup.getByTestId('site-switch')).not.toBeChecked();
});
