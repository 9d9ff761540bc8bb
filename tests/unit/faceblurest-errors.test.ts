// Unit tests for mapping FaceBlurest failures to user-facing errors (lib/faceblurest/errors.ts).
import { describe, expect, it } from 'vitest';
import {
  cancelledError, cleanText, errorFromCode, errorFromHttpStatus, invalidResponseError, networkError, timeoutError,
} from '../../lib/faceblurest/errors';
import type { ErrorKind } from '../../lib/faceblurest/types';

const EXPECTED: Array<[string, ErrorKind, boolean]> = [
  ['1001', 'auth', false],
  ['1002', 'quota', false],
  ['1003', 'expired', false],
  ['1004', 'quota', false],
  ['1005', 'expired', false],
  ['1006', 'billing', false],
  ['1007', 'auth', false],
  ['1008', 'auth', false],
  ['1009', 'service', true],
  ['1010', 'billing', false],
  ['1011', 'billing', false],
  ['1012', 'service', true],
  ['1013', 'too-large', false],
  ['1014', 'bad-request', false],
  ['2001', 'bad-request', false],
];

describe('errorFromCode', () => {
  it.each(EXPECTED)('code %s → %s', (code, kind, retryable) => {
    const e = errorFromCode(code, 'detail text', 200);
    expect(e).toMatchObject({ code, kind, retryable, fallback: true, status: 200 });
    expect(e.message).toMatch(/^[A-Z].*\.$/); // a sentence
    expect(e.message.startsWith(`Error ${code}: `)).toBe(true);
    expect(e.message).toContain('on-device detection');
  });

  it('shows the service detail for codes that carry one', () => {
    expect(errorFromCode('1014', 'field photo_url missing').message).toContain('field photo_url missing');
    expect(errorFromCode('2001', 'not an image').message).toContain('not an image');
    expect(errorFromCode('1012', 'timeout in SQL').message).toContain('timeout in SQL');
  });

  it.each(['1015', '1016', '3000', 'abc'])('unknown code %s → generic service error with code and description', (code) => {
    const e = errorFromCode(code, 'Something odd');
    expect(e).toMatchObject({ code, kind: 'service', fallback: true });
    expect(e.message).toContain(code);
    expect(e.message).toContain('Something odd');
  });

  it('says so when an unknown code has no description', () => {
    expect(errorFromCode('1015').message).toContain('1015 without a description');
  });
});

describe('errorFromHttpStatus', () => {
  const cases: Array<[number, ErrorKind, boolean]> = [
    [500, 'service', true], [502, 'service', true], [503, 'service', true],
    [401, 'auth', false], [403, 'auth', false], [402, 'billing', false], [408, 'timeout', true],
    [413, 'too-large', false], [429, 'quota', true], [404, 'bad-request', false], [400, 'bad-request', false],
    [418, 'bad-request', false], [302, 'unknown', false], [0, 'unknown', false],
  ];
  it.each(cases)('HTTP %i → %s', (status, kind, retryable) => {
    const e = errorFromHttpStatus(status);
    expect(e).toMatchObject({ code: null, kind, retryable, fallback: true, status });
    expect(e.message).toMatch(/\.$/);
  });
});

describe('transport errors', () => {
  it('timeout, network, cancel and invalid-response are retryable fallbacks', () => {
    expect(timeoutError(15_000)).toMatchObject({ kind: 'timeout', retryable: true, fallback: true });
    expect(timeoutError(15_000).message).toContain('15 seconds');
    expect(networkError(new TypeError('fetch failed'))).toMatchObject({ kind: 'network', retryable: true });
    expect(networkError(new TypeError('fetch failed')).message).toContain('fetch failed');
    expect(networkError('weird').message).not.toContain('weird');
    expect(cancelledError()).toMatchObject({ kind: 'network' });
    expect(invalidResponseError('the answer is not JSON')).toMatchObject({ kind: 'invalid-response', code: null });
  });
});

describe('cleanText', () => {
  it('strips control and bidi characters, collapses whitespace, bounds length', () => {
    expect(cleanText('a\u0000b\n\tc\u202Ed')).toBe('a b c d');
    expect(cleanText('x'.repeat(1000), 10)).toHaveLength(10);
    expect(cleanText(42)).toBe('');
  });
});

describe('per-minute limit', () => {
  it('1004 with HTTP 429 is a retryable slow-down, not the monthly quota', () => {
    const minute = errorFromCode('1004', 'too many', 429);
    expect(minute).toMatchObject({ kind: 'quota', retryable: true });
    expect(minute.message).toMatch(/this minute/);
    expect(errorFromCode('1004', 'quota', 200)).toMatchObject({ retryable: false });
  });
});
