// FaceVeil runs on the machine: nothing it does (page, service worker, offscreen detector, popup) reaches another host.
import { expect, test } from './support/fixtures';
import { launch, extensionId } from './support/browser';
import { contextMenuAction, pageUrl, waitForAllMarked } from './support/helpers';
import { openPopup } from './support/popup';
import { startRecordingProxy } from './support/proxy';

/**
 * Chromium's own services, which this Chromium build calls with the same flags and no extension at all
 * (updater, Google account cookies, network time). Everything else, including the Google logging endpoint
 * that the bundled MediaPipe code would post to, counts as a leak.
 */
const CHROMIUM_OWN = ['update.googleapis.com', 'accounts.google.com', 'clients2.google.com'];

test('no request leaves 127.0.0.1 while pages are scanned and blurred', async ({ server }) => {
  const proxy = await startRecordingProxy();
  const context = await launch({ extension: true, args: [proxy.flag] });
  const seenByPlaywright: string[] = [];
  context.on('request', (r) => seenByPlaywright.push(`${r.serviceWorker() ? 'worker' : 'page'} ${r.url()}`));
  const firstServed = server.requests.length;
  try {
    const page = await context.newPage();
    for (const name of ['group.html', 'cross-origin.html', 'shadow.html', 'responsive.html']) {
      await page.goto(pageUrl(server, name));
      await waitForAllMarked(page);
    }
    await contextMenuAction(context, page, 'blur-whole', await page.locator('img').first().evaluate((i: HTMLImageElement) => i.currentSrc));
    const popup = await openPopup(context, await extensionId(context), page);
    await popup.getByTestId('blur-strength').fill('8');
    await page.waitForTimeout(1500);

    // The trap works: a page request to another host does reach the proxy (and goes no further).
    await page.evaluate(() => fetch('http://faceveil-canary.invalid/ping').catch(() => undefined));
    await expect.poll(() => proxy.seen.some((s) => s.includes('faceveil-canary.invalid'))).toBe(true);
    const host = (s: string) => /^CONNECT ([^:]+)/.exec(s)?.[1] ?? new URL(s.split(' ')[1]!).hostname;
    const chromium = proxy.seen.filter((s) => CHROMIUM_OWN.includes(host(s)));
    const leaks = proxy.seen.filter((s) => host(s) !== 'faceveil-canary.invalid' && !CHROMIUM_OWN.includes(host(s)));
    console.log(
      `requests: ${seenByPlaywright.length} seen by Playwright, ${server.requests.length - firstServed} served by the fixture server, ` +
        `${chromium.length} by Chromium itself (${[...new Set(chromium.map(host))].join(', ')}), ${leaks.length} others`,
    );
    expect(leaks, 'requests to other hosts').toEqual([]);

    const foreign = seenByPlaywright.filter((s) => {
      const url = new URL(s.split(' ')[1]!);
      return url.hostname !== '127.0.0.1' && !['chrome-extension:', 'data:', 'blob:'].includes(url.protocol) && url.hostname !== 'faceveil-canary.invalid';
    });
    expect(foreign, 'page and worker requests to other hosts').toEqual([]);

    // Playwright does not see the offscreen document's traffic; the server does: the detector fetched the cross-origin image itself.
    const crossImage = `${server.crossOrigin}/data/group/insightface__t1.jpg`;
    expect(server.requests.slice(firstServed).filter((r) => r === crossImage).length, 'page load + detector fetch').toBeGreaterThanOrEqual(2);

    const origins = [server.origin, server.crossOrigin];
    const unexpected = server.requests.slice(firstServed).filter((r) => {
      const url = new URL(r);
      return !origins.includes(url.origin) || !/^\/(pages|data)\/|^\/favicon\.ico$/.test(url.pathname);
    });
    expect(unexpected, 'unexpected paths at the fixture server').toEqual([]);
  } finally {
    await context.close();
    await proxy.close();
  }
});
