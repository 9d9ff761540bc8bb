// Unit tests for remote status, pauses after errors and usage counters (lib/remote/status.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { errorFromCode, errorFromHttpStatus, localQuotaError, networkError, timeoutError, cancelledError } from '@/lib/faceblurest/errors';
import { parseResponse } from '@/lib/faceblurest/validate';
import {
  COOLDOWN_MS, EMPTY_STATUS, configKey, formatAgo, isPaused, pausePolicy, statusItem, updateStatus, usageCounters, validateStatus,
  withError, withSuccess,
} from '@/lib/remote/status';
import type { ApiError } from '@/lib/faceblurest/types';
import { phrase, verbatim } from '@/lib/phrase';

const errorOf = (status: number, body: string): ApiError => {
  const r = parseResponse(status, body);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('pausePolicy', () => {
  it('pauses until the settings change for login and plan problems', () => {
    for (const cd of ['1001', '1003', '1005', '1006', '1007', '1008', '1010', '1011']) expect(pausePolicy(errorFromCode(cd)), cd).toBe('until-change');
    expect(pausePolicy(errorFromHttpStatus(401))).toBe('until-change');
  });
  it('cools down after transient failures', () => {
    for (const e of [errorFromCode('1009'), errorFromCode('1012'), errorFromHttpStatus(500), networkError(new Error('x')), timeoutError(2000)]) {
      expect(pausePolicy(e), e.text.key).toBe('cooldown');
    }
    expect(pausePolicy(errorOf(200, 'not json'))).toBe('cooldown');
    expect(pausePolicy(errorOf(429, '[{"cd":"1004","description":"per minute"}]'))).toBe('cooldown');
  });
  it('does not pause for one bad image, quotas the limiter remembers, or cancellations', () => {
    for (const cd of ['1002', '1004', '1013', '1014', '2001', '1015']) expect(pausePolicy(errorFromCode(cd)), cd).toBe('none');
    expect(pausePolicy(localQuotaError(phrase('faceblurest.monthUsed'), false))).toBe('none');
    expect(pausePolicy(cancelledError())).toBe('none');
  });
});

describe('status transitions', () => {
  it('records the error, its time, and a pause keyed to the configuration', () => {
    const s = withError(EMPTY_STATUS, errorFromCode('1007'), 'k1', 1000);
    expect(s.lastError).toMatchObject({ code: '1007', at: 1000 });
    expect(s.lastError!.text).toEqual(errorFromCode('1007').text);
    expect(isPaused(s, 'k1', 10 ** 12)).toBe(true);
    expect(isPaused(s, 'k2', 1000)).toBe(false); // new login or endpoint: try again
    const c = withError(EMPTY_STATUS, errorFromHttpStatus(503), 'k1', 1000);
    expect(isPaused(c, 'k1', 1000 + COOLDOWN_MS - 1)).toBe(true);
    expect(isPaused(c, 'k1', 1000 + COOLDOWN_MS)).toBe(false);
    expect(withError(c, errorFromCode('2001'), 'k1', 2000).pause).toEqual(c.pause);
  });
  it('a success lifts the pause and keeps the last error for the record', () => {
    const s = withSuccess(withError(EMPTY_STATUS, timeoutError(1000), 'k', 1), 5);
    expect(s).toMatchObject({ pause: null, lastSuccessAt: 5, lastError: { at: 1 } });
  });
  it('validates whatever storage holds', () => {
    expect(validateStatus('junk')).toEqual(EMPTY_STATUS);
    const reason = { key: 'faceblurest.notSent', subs: [{ key: 'faceblurest.noPermission', subs: ['a\u0000b'] }] };
    const s = validateStatus({ lastError: { text: reason, code: 7, at: -1 }, savedByCache: 2.7, pause: { key: 'k', reason, until: 'x' } });
    const clean = phrase('faceblurest.notSent', [phrase('faceblurest.noPermission', ['a b'])]);
    expect(s).toEqual({ lastError: { text: clean, code: null, at: 0 }, lastSuccessAt: 0, savedByCache: 2, pause: { until: 0, key: 'k', reason: clean } });
    expect(validateStatus({ lastError: { text: { key: 'x', subs: [{}] }, at: 1 } }).lastError).toBeNull();
  });
  it('keeps an English sentence stored by an earlier build, as it is', () => {
    const s = validateStatus({ lastError: { message: 'Error 1007: FaceBlurest could not find your account.', code: '1007', at: 5 } });
    expect(s.lastError).toEqual({ text: verbatim('Error 1007: FaceBlurest could not find your account.'), code: '1007', at: 5 });
  });
});

describe('helpers', () => {
  it('configKey is a short digest that changes with any part and holds no secret', async () => {
    const a = await configKey('https://x/api', 'u', 'secret');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toContain('secret');
    expect(await configKey('https://x/api', 'u', 'secret2')).not.toBe(a);
    expect(await configKey('https://x/api', 'u', 'secret')).toBe(a);
  });
  it('usageCounters applies day/month rollover to stored usage', () => {
    const now = Date.UTC(2025, 5, 2, 12);
    const stored = { day: '2025-06-01', month: '2025-06', requestsToday: 7, requestsThisMonth: 40, predictionsToday: 9, predictionsThisMonth: 60 };
    expect(usageCounters(stored, now)).toMatchObject({ requestsToday: 0, requestsThisMonth: 40, predictionsToday: 0, predictionsThisMonth: 60 });
    expect(usageCounters(null, now)).toMatchObject({ requestsToday: 0, requestsThisMonth: 0 });
  });
  it('formatAgo stays short, in the language asked for', () => {
    expect(formatAgo(1000, 1000)).toBe('now');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min. ago');
    expect(formatAgo(0, 3 * 3_600_000)).toBe('3 hr. ago');
    expect(formatAgo(0, 5 * 60_000, 'fr')).toBe('il y a 5\u00a0min'); // French keeps the number with its unit
    expect(formatAgo(0, 3 * 3_600_000, 'de')).toBe('vor 3 Std.');
  });
});

describe('updateStatus', () => {
  beforeEach(() => fakeBrowser.reset());
  it('serialises concurrent read-modify-writes so no update is lost', async () => {
    await Promise.all(Array.from({ length: 20 }, () => updateStatus((s) => ({ ...s, savedByCache: s.savedByCache + 1 }))));
    expect(validateStatus(await statusItem.getValue()).savedByCache).toBe(20);
  });
});
