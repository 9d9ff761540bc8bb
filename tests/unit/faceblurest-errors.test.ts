// Unit tests for mapping FaceBlurest failures to user-facing errors (lib/faceblurest/errors.ts).
import { describe, expect, it } from 'vitest';
import {
  cancelledError, errorFromCode, errorFromHttpStatus, invalidResponseError, networkError, timeoutError,
} from '../../lib/faceblurest/errors';
import type { ApiError, ErrorKind } from '../../lib/faceblurest/types';
import { phrase } from '../../lib/phrase';
import { english } from './support/english';

const says = (e: ApiError) => english(e.text);

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
    expect(says(e)).toMatch(new RegExp(`^Error ${code}: [A-Z][^$]*\\.( \\(Details: detail text\\))?$`));
  });

  it('words a code as the e2e tests and the README quote it', () => {
    expect(says(errorFromCode('1007'))).toBe('Error 1007: FaceBlurest could not find your account. Check the username and password in FaceVeil settings.');
    expect(says(errorFromCode('2001', 'not an image'))).toBe('Error 2001: FaceBlurest could not process this image. (Details: not an image)');
  });

  it('shows the service detail for codes that carry one', () => {
    expect(says(errorFromCode('1014', 'field photo_url missing'))).toContain('field photo_url missing');
    expect(says(errorFromCode('2001', 'not an image'))).toContain('not an image');
    expect(says(errorFromCode('1012', 'timeout in SQL'))).toContain('timeout in SQL');
  });

  it.each(['1015', '1016', '3000', 'abc'])('unknown code %s → generic service error with code and description', (code) => {
    const e = errorFromCode(code, 'Something odd');
    expect(e).toMatchObject({ code, kind: 'service', fallback: true });
    expect(says(e)).toBe(`FaceBlurest reported error ${code}: "Something odd". If it keeps happening, contact FaceBlurest support.`);
  });

  it('says so when an unknown code has no description', () => {
    expect(says(errorFromCode('1015'))).toContain('1015 without a description');
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
    expect(says(e)).toMatch(/^[A-Z][^$]*\.$/);
    expect(says(e)).toContain(`HTTP ${status === 302 || status === 0 ? 'status ' : ''}${status}`);
  });
});

describe('transport errors', () => {
  it('timeout, network, cancel and invalid-response are retryable fallbacks', () => {
    expect(timeoutError(15_000)).toMatchObject({ kind: 'timeout', retryable: true, fallback: true });
    expect(says(timeoutError(15_000))).toContain('within 15 seconds.');
    expect(says(timeoutError(1_000))).toContain('within 1 second.');
    expect(networkError(new TypeError('fetch failed'))).toMatchObject({ kind: 'network', retryable: true });
    expect(says(networkError(new TypeError('fetch failed')))).toContain('FaceBlurest (fetch failed).');
    expect(says(networkError('weird'))).toBe('FaceVeil could not reach FaceBlurest. Check your internet connection and the endpoint URL.');
    expect(cancelledError()).toMatchObject({ kind: 'network' });
    const invalid = invalidResponseError(phrase('faceblurest.answer.notJson'));
    expect(invalid).toMatchObject({ kind: 'invalid-response', code: null });
    expect(says(invalid)).toBe('FaceBlurest sent an answer FaceVeil cannot use (the answer is not JSON). If this keeps happening, check the endpoint URL.');
  });
});

describe('per-minute limit', () => {
  it('1004 with HTTP 429 is a retryable slow-down, not the monthly quota', () => {
    const minute = errorFromCode('1004', 'too many', 429);
    expect(minute).toMatchObject({ kind: 'quota', retryable: true });
    expect(says(minute)).toBe('Error 1004: FaceBlurest got too many requests this minute; FaceVeil is slowing down.');
    expect(errorFromCode('1004', 'quota', 200)).toMatchObject({ retryable: false });
  });
});
