// A content script (a page that compromised its renderer) can neither read FaceVeil's storage nor forge the remote API's consent.
import { expect, test } from './support/fixtures';
import { waitForAllMarked } from './support/helpers';
import { evaluateInContentScript } from './support/isolated-world';
import { TWO, configureRemote, imagesPage, routePage, startDouble } from './support/remote';

test('storage is closed to content scripts: no password read, no forged consent, no upload', async ({ context, page, server }) => {
  const double = await startDouble();
  try {
    // The user set the remote API up but left it off; the login is stored.
    await configureRemote(context, double, { source: 'local' });
    await page.goto(await routePage([context], server, 'forge.html', imagesPage([{ file: TWO, tag: 'forge' }])));
    await waitForAllMarked(page);

    const read = await evaluateInContentScript<string>(page, `chrome.storage.local.get('remoteCredentials').then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)`);
    expect(read, 'reading the login from a content script').toMatch(/^refused: /);
    const settings = JSON.stringify({ source: 'remote', endpoint: double.url, plan: 'paid', perMinute: 50, timeoutMs: 15_000, consentOrigin: new URL(double.url).origin, consentAt: Date.now() });
    const forged = await evaluateInContentScript<string>(page, `chrome.storage.local.set({ remoteSettings: ${settings} }).then(() => 'written', (e) => 'refused: ' + e.message)`);
    expect(forged, 'forging consent from a content script').toMatch(/^refused: /);
    console.log(`content script: read -> ${read}; write -> ${forged}`);

    // The content script still gets its settings (from the background) and blurs; nothing is uploaded.
    await page.goto(await routePage([context], server, 'after-forge.html', imagesPage([{ file: TWO, tag: 'after-forge' }])));
    await waitForAllMarked(page);
    await expect(page.locator('img')).toHaveAttribute('data-faceveil', 'clear');
    expect(double.stats.requests, 'requests to the remote API').toBe(0);
  } finally {
    await double.close();
  }
});
