// Every class of remote failure is shown in the popup, and the page is still protected by on-device detection.
import { expect, test } from './support/fixtures';
import { marks } from './support/helpers';
import {
  DOUBLE_DEFAULTS, TWO, clearRemoteStatus, configureRemote, expectLocalProtection, imagesPage, openPopup, routePage, startDouble,
  type Double, type RemoteConfig,
} from './support/remote';

interface Case {
  name: string;
  /** Options for the double in this case. */
  double?: Record<string, unknown>;
  config?: RemoteConfig;
  /** Text the popup's last-error line must contain. */
  shows: string | RegExp;
  /** Whether the request reached the double (false for a dead endpoint). */
  reached?: boolean;
  /** Text of the popup's pause line, for failures that pause remote detection. */
  paused?: string;
}

const code = (cd: string) => ({ failures: { mode: 'error-code', code: cd } });

// 1002 comes last: the limiter then refuses further requests for the rest of the (UTC) day, as it should.
const CASES: Case[] = [
  { name: 'wrong password (1007)', config: { password: 'not-the-password' }, shows: /Error 1007: .*Check the username and password/, paused: 'until the settings change' },
  { name: '1001 no Basic authorization', double: code('1001'), shows: 'Error 1001' },
  { name: '1001 as HTTP 401 (REST-style statuses)', double: { ...code('1001'), errorStatus: 'mapped' }, shows: 'Error 1001' },
  { name: '1003 trial expired', double: code('1003'), shows: /Error 1003: .*trial has expired/ },
  { name: '1005 package expired', double: code('1005'), shows: /Error 1005: .*package has expired/ },
  { name: '1006 no invoice', double: code('1006'), shows: /Error 1006: .*no invoice/ },
  { name: '1008 account lookup', double: code('1008'), shows: 'Error 1008' },
  { name: '1009 trial database error', double: code('1009'), shows: 'Error 1009' },
  { name: '1010 invoice reader', double: code('1010'), shows: 'Error 1010' },
  { name: '1011 invoice lookup', double: code('1011'), shows: 'Error 1011' },
  { name: '1012 database error with detail', double: code('1012'), shows: /Error 1012: .*Details: Database error: simulated failure/ },
  { name: '1013 request too long', double: code('1013'), shows: /Error 1013: .*5 MB/ },
  { name: '1014 invalid request', double: code('1014'), shows: 'Error 1014' },
  { name: '2001 invalid after the API', double: code('2001'), shows: /Error 2001: FaceBlurest could not process this image/ },
  { name: '1015 undocumented', double: code('1015'), shows: 'FaceBlurest reported error 1015' },
  { name: '1016 undocumented', double: code('1016'), shows: 'FaceBlurest reported error 1016' },
  { name: 'HTTP 500 with an HTML page', double: { failures: { mode: '500' } }, shows: 'HTTP 500' },
  { name: 'a 200 answer that is not JSON', double: { failures: { mode: 'non-json' } }, shows: 'the answer is not JSON' },
  {
    name: 'a hostile answer (box far outside the image)',
    double: { predictions: [{ probability: 0.9, boundingBox: { left: 1e9, top: -5, width: 1e9, height: 2 } }] },
    shows: 'starts outside the image',
  },
  { name: 'timeout', double: { failures: { mode: 'timeout' } }, config: { timeoutMs: 2000 }, shows: 'did not answer within 2 seconds', paused: 'Remote detection resumes' },
  { name: 'network error (nothing listens)', config: { endpoint: 'http://127.0.0.1:9/faceblurest.aspx' }, shows: 'could not reach FaceBlurest', reached: false },
  // The service's 1004 with HTTP 429 is its per-minute limit: a short pause, not a month-long block.
  { name: 'HTTP 429 per-minute limit', double: { perMinute: 0 }, shows: 'Error 1004', paused: 'Remote detection resumes' },
  { name: '1002 trial requests for today used up', double: code('1002'), shows: /Error 1002: .*50 requests for today/ },
];

let double: Double;
test.beforeAll(async () => {
  double = await startDouble();
});
test.afterAll(async () => {
  await double?.close();
});

for (const [i, c] of CASES.entries()) {
  test(`${c.name}: shown in the popup, faces still blurred on-device`, async ({ context, page, server, baseline, extensionId }) => {
    double.setOptions({ ...DOUBLE_DEFAULTS, predictions: [{ probability: 0.9, boundingBox: { left: 0.4, top: 0.4, width: 0.1, height: 0.1 } }], ...c.double });
    double.resetLimits();
    await clearRemoteStatus(context);
    await configureRemote(context, double, { source: 'remote', ...c.config });
    const before = double.stats.requests;
    const url = await routePage([context, baseline], server, `error-${i}.html`, imagesPage([{ file: TWO, tag: `error-${i}` }]));
    const started = Date.now();
    await page.goto(url);
    if (c.name === 'timeout') {
      // Hidden until an answer: here the on-device one, after the 2 s remote time limit.
      await expect.poll(async () => (await marks(page))[0], { timeout: 30_000 }).not.toBeNull();
      expect(Date.now() - started, 'image stayed hidden while the remote API was awaited').toBeGreaterThan(1800);
    }
    await expectLocalProtection(page, baseline, url, c.name);
    expect(double.stats.requests - before, 'requests that reached the double').toBe(c.reached === false ? 0 : 1);

    const popup = await openPopup(context, extensionId, page);
    const line = popup.getByTestId('remote-last-error');
    await expect(line).toContainText(c.shows);
    await expect(line).toContainText('on-device detection instead');
    if (c.paused) await expect(popup.getByTestId('remote-paused')).toContainText(c.paused);
    console.log(`${c.name}: ${(await line.textContent())?.slice(0, 160)}`);
    await popup.close();
  });
}

test('after 1002 the limiter refuses at once: no further request, and the popup says why', async ({ context, page, server, baseline, extensionId }) => {
  double.setOptions({ ...DOUBLE_DEFAULTS });
  await clearRemoteStatus(context);
  const before = double.stats.requests;
  const url = await routePage([context, baseline], server, 'after-1002.html', imagesPage([{ file: TWO, tag: 'after-1002' }]));
  await page.goto(url);
  await expectLocalProtection(page, baseline, url, 'after 1002');
  expect(double.stats.requests - before).toBe(0);
  const popup = await openPopup(context, extensionId, page);
  await expect(popup.getByTestId('remote-last-error')).toContainText("today's FaceBlurest requests are used up");
  await popup.close();
});
