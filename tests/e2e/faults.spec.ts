// Faults heal and nothing stays stuck: rewritten documents, downloads that never end, a stopped service worker or
// offscreen document mid-scan, and images that leave before their turn.
import type { BrowserContext, Page } from '@playwright/test';
import { installExtension, launch } from './support/browser';
import { stopServiceWorker } from './support/faults';
import { expect, test } from './support/fixtures';
import { expectCovered, marks, openBaseline, pageUrl, resetSettings, setSettings, waitForAllMarked, worker } from './support/helpers';

test.afterEach(async ({ context }) => resetSettings(context));

test('document.open()/write() after load: the written images, in the page and in an about:blank frame, are covered', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'docwrite.html');
  await page.goto(url);
  await expect(page.locator('#a')).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('#b')).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });
  const base = await openBaseline(baseline, url);
  await expect(base.locator('#a')).toBeVisible();
  await expectCovered(page, base, '#a');
  await base.close();
});

test('an image whose download never ends gets a decision within the time limit, by the failure policy', async ({ page, context, server }) => {
  await setSettings(context, { scanTimeoutMs: 2_000 });
  const started = Date.now();
  await page.goto(pageUrl(server, 'stalled.html'), { waitUntil: 'commit' });
  await expect(page.locator('#stalled')).toHaveAttribute('data-faceveil', 'blurred', { timeout: 10_000 });
  console.log(`stalled download: blurred whole ${Date.now() - started} ms after navigation (limit 2 s)`);
  await expect(page.locator('#fine')).toHaveAttribute('data-faceveil', 'clear');

  await setSettings(context, { scanTimeoutMs: 2_000, onTimeout: 'reveal' });
  await page.goto(pageUrl(server, 'stalled.html'), { waitUntil: 'commit' });
  await expect(page.locator('#stalled')).toHaveAttribute('data-faceveil', 'clear', { timeout: 10_000 });
});

async function coveredAfterFault(page: Page, baseline: BrowserContext, url: string, fault: () => Promise<void>, what: string) {
  await page.goto(url);
  await page.waitForTimeout(500); // both scans are in flight: the extension's fetch is held back 1.5 s
  expect(await marks(page), 'still scanning when the fault hits').toEqual([null, null]);
  const faulted = Date.now();
  await fault();
  await waitForAllMarked(page, 15_000);
  const decided = Date.now() - faulted;
  console.log(`${what}: every image decided ${decided} ms after the fault; marks ${(await marks(page)).join(', ')}`);
  const base = await openBaseline(baseline, url);
  for (const id of ['#one', '#two']) await expectCovered(page, base, id);
  await base.close();
}

test('the service worker stopped mid-scan: the lost scans are asked again and the faces covered', async ({ page, context, baseline, server, extensionId }) => {
  await setSettings(context, { scanTimeoutMs: 30_000 }); // recovery, not the time limit, must decide
  await coveredAfterFault(page, baseline, `${pageUrl(server, 'in-flight.html')}?run=sw-${Date.now()}`, () => stopServiceWorker(context, extensionId), 'service worker stopped');
});

test('the offscreen document closed mid-scan: it is created again and the faces covered', async ({ page, context, baseline, server }) => {
  await setSettings(context, { scanTimeoutMs: 30_000 });
  const close = async () => void (await (await worker(context)).evaluate(() => chrome.offscreen.closeDocument()));
  await coveredAfterFault(page, baseline, `${pageUrl(server, 'in-flight.html')}?run=offscreen-${Date.now()}`, close, 'offscreen document closed');
});

test('images that leave the page before their turn are not scanned: the work stops with the churn', async ({ page, server }) => {
  await page.goto(`${pageUrl(server, 'churn.html')}?ms=3000`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { churnEndedAt?: number }).churnEndedAt ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  const ended = await page.evaluate(() => (window as unknown as { churnEndedAt: number }).churnEndedAt);
  await page.waitForTimeout(3_000);
  const added = await page.evaluate(() => (window as unknown as { added(): number }).added());
  const scans = server.fetches.filter((f) => f.url.includes('churn='));
  const late = scans.filter((f) => f.at > ended + 100);
  console.log(`churn: ${added} images added and removed in 3 s; the extension fetched ${scans.length} of them, ${late.length} after the churn ended`);
  // At most the scans already under way when the churn stopped (two per frame) may still finish.
  expect(late.length).toBeLessThanOrEqual(2);
  expect(scans.length, "scans started for images that were already gone").toBeLessThan(added / 2);
});

test('one image whose server is slow does not hold up the others', async ({ page, context, baseline, server }) => {
  await setSettings(context, { scanTimeoutMs: 30_000 });
  const started = Date.now();
  await page.goto(pageUrl(server, 'slow-and-fast.html'));
  await expect(page.locator('#fast')).toHaveAttribute('data-faceveil', 'clear', { timeout: 10_000 });
  const fast = Date.now() - started;
  expect(await page.locator('#slow').getAttribute('data-faceveil'), 'the slow one is still waiting').toBeNull();
  console.log(`fast image covered ${fast} ms after navigation while the slow one still downloads`);
  const base = await openBaseline(baseline, pageUrl(server, 'slow-and-fast.html'));
  await expectCovered(page, base, '#fast');
  await base.close();
});

test('tabs open before FaceVeil is installed (or updated) are covered once it is', async ({ baseline, server }) => {
  const url = pageUrl(server, 'group.html');
  const context = await launch({ extension: 'later' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const img = page.locator('img').first();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await img.getAttribute('data-faceveil'), 'no FaceVeil yet').toBeNull();
    await installExtension(context);
    await expect(img).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });
    const base = await openBaseline(baseline, url);
    await expectCovered(page, base, 'img >> nth=0');
    await base.close();
  } finally {
    await context.close();
  }
});
