// Client-side limits against the double: per-minute spacing, usage in the popup, cache kept across restarts, monthly quota.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './support/browser';
import { expect, test } from './support/fixtures';
import { waitForAllMarked, worker } from './support/helpers';
import {
  DOUBLE_DEFAULTS, TWO, clearRemoteStatus, configureRemote, expectLocalProtection, forgetRemoteCache, imagesPage, openPopup, remoteStatus, routePage,
  startDouble, type Double,
} from './support/remote';

let double: Double;
test.beforeAll(async () => {
  double = await startDouble();
});
test.afterAll(async () => {
  await double?.close();
});

const BOX = { probability: 0.9, boundingBox: { left: 0.4, top: 0.2, width: 0.1, height: 0.15 } };

test('requests are spaced to the per-minute limit: the double never answers a rate-limit error', async ({ context, page, server, extensionId }) => {
  test.setTimeout(150_000);
  double.setOptions({ ...DOUBLE_DEFAULTS, perMinute: 2, predictions: [BOX] });
  await configureRemote(context, double, { source: 'remote', perMinute: 2 });
  // Three different pictures, so three uploads; the third must wait for the first to leave the minute window.
  const files = [TWO, 'group/yolov5__zidane.jpg', 'group/opencvdoc__messi5.jpg'];
  const url = await routePage([context], server, 'limits.html', imagesPage(files.map((file) => ({ file, tag: 'limits', width: 400 }))));
  const arrivals: number[] = [];
  const watch = setInterval(() => {
    while (arrivals.length < double.stats.requests) arrivals.push(Date.now());
  }, 20);
  try {
    await page.goto(url);
    // Polls read `arrivals`, not the double's count: a request seen by the poll before the watcher stamped it had no time.
    await expect.poll(() => arrivals.length, { timeout: 20_000 }).toBe(2);
    await page.waitForTimeout(10_000);
    expect(double.stats.requests, 'third request held back inside the minute').toBe(2);
    await expect.poll(() => arrivals.length, { timeout: 75_000, intervals: [250] }).toBe(3);
  } finally {
    clearInterval(watch);
  }
  const gap = (arrivals[2]! - arrivals[0]!) / 1000;
  console.log(`rate limit 2/min: arrivals at +0 s, +${((arrivals[1]! - arrivals[0]!) / 1000).toFixed(1)} s, +${gap.toFixed(1)} s`);
  expect(gap).toBeGreaterThan(59);
  expect(double.stats.errors, 'rate-limit (or any) errors from the double').toEqual({});
  // The late image is still answered by the server (then shown with its box), not left hidden.
  await expect.poll(async () => page.locator('img').nth(2).getAttribute('data-faceveil'), { timeout: 20_000 }).toBe('clear');

  const popup = await openPopup(context, extensionId, page);
  await expect(popup.getByTestId('remote-requests-today')).toHaveText('3');
  await expect(popup.getByTestId('remote-predictions-today')).toHaveText('3');
  await popup.close();
});

test('cached results and usage survive a browser restart (a new service worker): no repeat upload', async ({ server }) => {
  double.setOptions({ ...DOUBLE_DEFAULTS, predictions: [BOX] });
  const profile = mkdtempSync(join(tmpdir(), 'faceveil-remote-restart-'));
  const run = async (tag: string) => {
    const context = await launch({ extension: true, profile });
    try {
      if (tag === 'first') await configureRemote(context, double, { source: 'remote' });
      const page = await context.newPage();
      await page.goto(await routePage([context], server, `restart-${tag}.html`, imagesPage([{ file: 'group/dlib__2008_001322.jpg', tag }])));
      await waitForAllMarked(page);
      await expect.poll(async () => (await remoteStatus(context)).lastSuccessAt ?? 0).toBeGreaterThan(0);
      // The cache is written a moment after a result (one write per burst of images): let it land before quitting.
      const rows = () => worker(context).then((w) => w.evaluate(async () => ((await chrome.storage.local.get('remoteCache')).remoteCache as { rows?: unknown[] } | undefined)?.rows?.length ?? 0));
      await expect.poll(rows).toBeGreaterThan(0);
      const status = await remoteStatus(context);
      const usage = await (await worker(context)).evaluate(async () => (await chrome.storage.local.get('remoteUsage')).remoteUsage as { requestsToday: number });
      return { saved: status.savedByCache, requestsToday: usage.requestsToday };
    } finally {
      await context.close();
    }
  };
  try {
    const before = double.stats.requests;
    const first = await run('first');
    const afterFirst = double.stats.requests;
    const second = await run('second');
    console.log(`restart: ${afterFirst - before} upload before, ${double.stats.requests - afterFirst} after; saved ${second.saved}; requests today ${first.requestsToday} -> ${second.requestsToday}`);
    expect(afterFirst - before).toBe(1);
    expect(double.stats.requests - afterFirst, 'uploads after the restart').toBe(0);
    expect(second.saved).toBe(first.saved + 1);
    expect(second.requestsToday, 'usage counters kept').toBe(first.requestsToday);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('1004 monthly quota: shown in the popup, faces blurred on-device, and no more requests this month', async ({ context, page, server, baseline, extensionId }) => {
  double.setOptions({ ...DOUBLE_DEFAULTS, failures: { mode: 'error-code', code: '1004' } });
  await clearRemoteStatus(context);
  // The first test uploaded the two-person photo (and cached the double's made-up box): start without that answer.
  await forgetRemoteCache(context, extensionId);
  await configureRemote(context, double, { source: 'remote' });
  const before = double.stats.requests;
  for (const tag of ['quota-1', 'quota-2']) {
    const url = await routePage([context, baseline], server, `${tag}.html`, imagesPage([{ file: 'group/faceapi__sample4.jpg', tag }]));
    await page.goto(url);
    await waitForAllMarked(page);
    if (tag === 'quota-1') {
      const popup = await openPopup(context, extensionId, page);
      await expect(popup.getByTestId('remote-last-error')).toContainText(/Error 1004: Your FaceBlurest quota is used up/);
      await popup.close();
    }
  }
  expect(double.stats.requests - before, 'only the request that learned about the quota').toBe(1);
  const url = await routePage([context, baseline], server, 'quota-3.html', imagesPage([{ file: TWO, tag: 'quota-3' }]));
  await page.goto(url);
  await expectLocalProtection(page, baseline, url, 'monthly quota used up');
  const popup = await openPopup(context, extensionId, page);
  await expect(popup.getByTestId('remote-last-error')).toContainText("this month's FaceBlurest quota is used up");
  await popup.close();
});
