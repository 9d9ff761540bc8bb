// Faults the e2e suite and the probe inject: the extension's service worker stopped as Chrome stops an idle one, and
// FaceVeil's content script started a second time in a tab.
import { expect, type BrowserContext } from '@playwright/test';
import { worker } from './helpers';

/** Stops the extension's service worker (DevTools protocol, from one of its pages), as Chrome does when it is idle. */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const cdp = await context.newCDPSession(page);
    const versions: { versionId: string; runningStatus: string; scriptURL: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => versions.push(...event.versions));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versions.some((v) => v.runningStatus === 'running')).toBe(true);
    const running = versions.filter((v) => v.runningStatus === 'running' && v.scriptURL.includes(extensionId));
    for (const v of running) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    await expect.poll(() => versions.filter((v) => v.runningStatus === 'stopped').length).toBeGreaterThan(0);
  } finally {
    await page.close();
  }
}

/** Injects FaceVeil's content script into the tab at `url` again, as the background does for tabs open at install. */
export async function startAgain(context: BrowserContext, url: string): Promise<void> {
  await (await worker(context)).evaluate(async (href) => {
    const [tab] = await chrome.tabs.query({ url: href });
    const files = chrome.runtime.getManifest().content_scripts![0]!.js!;
    await chrome.scripting.executeScript({ target: { tabId: tab!.id!, allFrames: true }, files });
  }, url);
}
