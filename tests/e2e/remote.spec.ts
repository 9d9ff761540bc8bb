// Remote API mode against the FaceBlurest double: opt-in, remote boxes blurred, "both" union, cache, nothing sent when off.
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { DATA_DIR } from './support/server';
import { expectFacesBlurred, expectFacesSharp, waitForAllMarked } from './support/helpers';
import {
  TWO, boxRatio, clearRemoteStatus, compareOn, configureRemote, faceBox, forgetRemoteCache, imagesPage, openPopup, remoteStatus, routePage,
  startDouble, type Double,
} from './support/remote';

let double: Double;
test.beforeAll(async () => {
  double = await startDouble();
});
test.afterAll(async () => {
  await double?.close();
});
test.beforeEach(async ({ context }) => {
  double.setOptions({ predictions: [], failures: { mode: 'none' } });
  double.resetLimits();
  await clearRemoteStatus(context);
});

test('no request reaches the double while remote detection is off, or on but never confirmed', async ({ context, page, server, extensionId }) => {
  await configureRemote(context, double, { source: 'local' });
  await page.goto(await routePage([context], server, 'off.html', imagesPage([{ file: TWO, tag: 'off' }])));
  await waitForAllMarked(page);
  expect(double.stats.requests, 'requests while off').toBe(0);

  // Settings written around the UI (no recorded consent for this host): still nothing is uploaded.
  await configureRemote(context, double, { source: 'remote', consent: false });
  await page.goto(await routePage([context], server, 'unconfirmed.html', imagesPage([{ file: TWO, tag: 'unconfirmed' }])));
  await waitForAllMarked(page);
  expect(double.stats.requests, 'requests while unconfirmed').toBe(0);
  const popup = await openPopup(context, extensionId, page);
  await expect(popup.getByTestId('remote-last-error')).toContainText('were not confirmed');
  await popup.close();
});

test('options page: opt in with a confirmation, test the login, and the server’s boxes get blurred', async ({ context, page, server, baseline, extensionId }) => {
  await configureRemote(context, double, { source: 'local', username: '', password: '', endpoint: 'https://gatiosoft.ro/faceblurest.aspx' });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('remote-endpoint').fill(double.url);
  await options.getByTestId('remote-username').fill('test');
  await options.getByTestId('remote-password').fill('wrong');
  await options.getByTestId('remote-save').click();
  await expect(options.getByTestId('remote-form-message')).toHaveText('Saved.');

  await options.getByTestId('remote-test').click();
  await expect(options.getByTestId('remote-test-result')).toHaveAttribute('data-ok', 'false');
  await expect(options.getByTestId('remote-test-result')).toContainText('Error 1007');
  await options.getByTestId('remote-password').fill('secret');
  await options.getByTestId('remote-save').click();
  await options.getByTestId('remote-test').click();
  await expect(options.getByTestId('remote-test-result')).toHaveAttribute('data-ok', 'true');
  await expect(options.getByTestId('remote-test-result')).toContainText('Connected to 127.0.0.1');

  // Turning it on says where images go and waits for the user's yes.
  await options.getByTestId('remote-source').selectOption('remote');
  const host = new URL(double.url).host;
  await expect(options.getByTestId('remote-consent')).toContainText(`uploaded to ${host}`);
  await options.getByTestId('remote-consent-cancel').click();
  await expect(options.getByTestId('remote-source')).toHaveValue('local');
  await options.getByTestId('remote-source').selectOption('remote');
  await options.getByTestId('remote-consent-confirm').click();
  await expect(options.getByTestId('remote-consent-record')).toContainText(host);
  await options.close();

  // The service "finds" only the left face; on-device detection would find both. Only the left one is blurred.
  double.setOptions({ predictions: [{ probability: 0.9, boundingBox: faceBox(TWO, 0) }] });
  const before = double.stats.requests;
  const url = await routePage([context, baseline], server, 'remote-boxes.html', imagesPage([{ file: TWO, tag: 'boxes' }]));
  await page.goto(url);
  const { ratios } = await compareOn(page, baseline, url);
  console.log('remote boxes:', ratios.map((r) => `face@${r.face.face.x}: ${r.ratio.toFixed(3)}`).join(', '));
  expect(double.stats.requests - before, 'uploads for one new picture').toBe(1);
  expect(double.stats.lastHeaders?.authorization, 'Basic login sent to the endpoint').toBe(`Basic ${Buffer.from('test:secret').toString('base64')}`);
  const left = ratios.filter((r) => r.face.face.x < 500);
  const right = ratios.filter((r) => r.face.face.x >= 500);
  expectFacesBlurred(left, 'face the server returned');
  expectFacesSharp(right, 'face the server did not return');
});

test('source "both": the union of the server’s box and the on-device faces is blurred', async ({ context, page, server, baseline, extensionId }) => {
  await forgetRemoteCache(context, extensionId); // the same photo was uploaded by the previous test
  await configureRemote(context, double, { source: 'both' });
  // The server "finds" a face on Obama's watch, where no detector on this device would look.
  const watch = { left: 0.165, top: 0.78, width: 0.08, height: 0.13 };
  double.setOptions({ predictions: [{ probability: 0.9, boundingBox: watch }] });
  const url = await routePage([context, baseline], server, 'both.html', imagesPage([{ file: TWO, tag: 'both' }]));
  const before = double.stats.requests;
  await page.goto(url);
  const c = await compareOn(page, baseline, url);
  const watchRatio = boxRatio(c, watch);
  console.log(`both: faces ${c.ratios.map((r) => r.ratio.toFixed(3)).join(', ')}; server-only box ${watchRatio.toFixed(3)}`);
  expect(double.stats.requests - before).toBe(1);
  expect(c.ratios).toHaveLength(2);
  expectFacesBlurred(c.ratios, 'faces found on-device');
  expect(watchRatio, 'box only the server returned').toBeLessThan(0.35);
});

test('the cache avoids repeat uploads: same picture under two URLs, on two pages, and reloaded', async ({ context, page, server, extensionId }) => {
  await forgetRemoteCache(context, extensionId);
  await configureRemote(context, double, { source: 'remote' });
  double.setOptions({ predictions: [{ probability: 0.9, boundingBox: faceBox(TWO, 0) }] });
  const before = double.stats.requests;
  const savedBefore = (await remoteStatus(context)).savedByCache;
  const a = await routePage([context], server, 'cache-a.html', imagesPage([{ file: TWO, tag: 'cache-1' }]));
  const b = await routePage([context], server, 'cache-b.html', imagesPage([{ file: TWO, tag: 'cache-2' }, { file: TWO, tag: 'cache-3', width: 600 }]));
  const views = [a, b, a, b];
  for (const url of views) {
    await page.goto(url);
    await waitForAllMarked(page);
  }
  const uploads = double.stats.requests - before;
  await expect.poll(async () => (await remoteStatus(context)).savedByCache - savedBefore).toBe(5);
  const saved = (await remoteStatus(context)).savedByCache - savedBefore;
  console.log(`cache: ${views.length} page views, 6 image scans of one picture under 3 URLs -> ${uploads} upload(s), ${saved} requests saved`);
  expect(uploads).toBe(1);
});

test('formats the service may not read, and pictures over 5 MB, are re-encoded as JPEG under the limit; boxes still fit', async ({ context, page, server, baseline }) => {
  await configureRemote(context, double, { source: 'remote' });
  const received: { head: string; bytes: number }[] = [];
  double.setOptions({
    predictions: (info: { bytes: Buffer }) => {
      received.push({ head: info.bytes.subarray(0, 3).toString('hex'), bytes: info.bytes.length });
      return [{ probability: 0.9, boundingBox: faceBox(TWO, 0) }];
    },
  });
  // The same photo as WebP, and as a 3x-upscaled PNG of several MB, made by the browser itself.
  const maker = await baseline.newPage();
  await maker.goto(`${server.origin}/pages/group.html`);
  const [webp, png] = await maker.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const encode = (scale: number, type: string) => {
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.naturalWidth * scale, img.naturalHeight * scale];
      c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
      return c.toDataURL(type, 0.9);
    };
    return [encode(1, 'image/webp'), encode(3, 'image/png')];
  }, `/data/${TWO}`);
  await maker.close();
  const pngBytes = Math.floor((png.length - png.indexOf(',') - 1) * 0.75);
  expect(pngBytes, 'the PNG alone is over the 5 MB request limit').toBeGreaterThan(5_000_000);
  const html = `<!doctype html><meta charset="utf-8">${[webp, png].map((src) => `<img data-label="${TWO}" src="${src}" width="800" style="display:block;margin:8px 0">`).join('')}`;
  const url = await routePage([context, baseline], server, 'formats.html', html);
  await page.goto(url);
  for (const n of [0, 1]) {
    const { ratios } = await compareOn(page, baseline, url, n);
    expectFacesBlurred(ratios.filter((r) => r.face.face.x < 500), `image ${n}: face the server returned`);
    expectFacesSharp(ratios.filter((r) => r.face.face.x >= 500), `image ${n}: face the server did not return`);
  }
  console.log(`re-encoded: WebP ${webp.length} chars, PNG ${(pngBytes / 1e6).toFixed(1)} MB -> sent ${received.map((r) => `${r.head} ${(r.bytes / 1e6).toFixed(2)} MB`).join(', ')}`);
  expect(received).toHaveLength(2);
  for (const r of received) {
    expect(r.head, 'sent as JPEG').toBe('ffd8ff');
    expect(r.bytes).toBeLessThan(3_750_000);
  }
});

test('Face Blur app: "Compare with the remote API" uploads the photo once and sets both answers side by side', async ({ context, extensionId }) => {
  await configureRemote(context, double, { source: 'local' });
  await forgetRemoteCache(context, extensionId);
  const before = double.stats.requests;
  const app = await context.newPage();
  const blur = async () => {
    await app.goto(`chrome-extension://${extensionId}/app.html`);
    await app.getByTestId('file-input').setInputFiles(join(DATA_DIR, TWO));
    await app.getByTestId('blur-button').click();
    await expect(app.getByTestId('response-json')).toBeVisible({ timeout: 60_000 });
  };
  // Remote off: no button, nothing sent.
  await blur();
  await expect(app.getByTestId('remote-compare')).toHaveCount(0);
  expect(double.stats.requests - before).toBe(0);

  await configureRemote(context, double, { source: 'remote' });
  double.setOptions({ predictions: [{ probability: 0.9, boundingBox: faceBox(TWO, 0) }] });
  await blur();
  await expect(app.getByTestId('remote-compare')).toContainText(`uploads the photo to ${new URL(double.url).host}`);
  await app.getByTestId('remote-compare-button').click();
  const summary = app.getByTestId('remote-compare-summary');
  await expect(summary).toHaveText(`Faces on this device: 2 · ${new URL(double.url).host}: 1 · found by both: 1`, { timeout: 30_000 });
  expect(double.stats.requests - before, 'one upload').toBe(1);
  const json = JSON.parse((await app.getByTestId('remote-json').textContent())!) as { predictions: { tagName: string }[] };
  expect(json.predictions.map((p) => p.tagName)).toEqual(['Human Face']);
  await app.close();
});
