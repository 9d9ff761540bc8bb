// Unit tests for building requests and the endpoint/URL/size rules (lib/faceblurest/request.ts).
import { describe, expect, it } from 'vitest';
import {
  HEADER_ALLOWANCE_BYTES, MAX_REQUEST_BYTES, buildRequest, canSendUrl, checkEndpoint, fitsSizeLimit, maxBase64Length,
  maxImageBytes, requestSize,
} from '../../lib/faceblurest/request';
import { english } from './support/english';

const endpoint = 'https://gatiosoft.ro/faceblurest.aspx';

describe('buildRequest', () => {
  it('POSTs JSON with Basic auth and "NO" for the unused input (base64)', () => {
    const r = buildRequest({ endpoint, username: 'alice', password: 'p:ss', input: { base64: 'QUJD' } });
    expect(r.url).toBe(endpoint);
    expect(r.init.method).toBe('POST');
    expect(r.init.headers).toEqual({
      Authorization: `Basic ${Buffer.from('alice:p:ss').toString('base64')}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
    expect(JSON.parse(r.init.body)).toEqual({ base64_Photo_String: 'QUJD', photo_url: 'NO' });
  });

  it('sends photo_url with base64 "NO"', () => {
    const r = buildRequest({ endpoint, username: 'a', password: 'b', input: { photoUrl: 'https://example.com/a.jpg' } });
    expect(JSON.parse(r.init.body)).toEqual({ base64_Photo_String: 'NO', photo_url: 'https://example.com/a.jpg' });
  });

  it('strips a data: URL prefix and encodes non-ASCII credentials as UTF-8', () => {
    const r = buildRequest({ endpoint, username: 'zoë', password: 'пароль', input: { base64: 'data:image/jpeg;base64,QUJD' } });
    expect(JSON.parse(r.init.body).base64_Photo_String).toBe('QUJD');
    const encoded = r.init.headers.Authorization!.slice('Basic '.length);
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('zoë:пароль');
  });
});

describe('checkEndpoint', () => {
  it.each(['https://gatiosoft.ro/faceblurest.aspx', 'http://localhost:8787/x', 'http://127.0.0.1:1/', 'http://[::1]:8080/', 'http://api.localhost/'])(
    'accepts %s', (url) => expect(checkEndpoint(url)).toEqual({ ok: true }),
  );
  it.each(['http://gatiosoft.ro/faceblurest.aspx', 'http://192.168.1.5/', 'ftp://example.com/', 'file:///etc/passwd', 'not a url', '',
    'https://user:pw@example.com/', `https://example.com/${'a'.repeat(3000)}`])(
    'refuses %s with a reason', (url) => {
      const r = checkEndpoint(url);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(english(r.reason)).toMatch(/^The endpoint [^$]+\.$/);
    },
  );
});

describe('canSendUrl', () => {
  it.each(['https://example.com/a.jpg', 'http://images.example.org/x.png?y=1', 'https://8.8.8.8/a.jpg', 'https://[2001:db8::1]/a.jpg'])(
    'allows public %s', (url) => expect(canSendUrl(url)).toBe(true),
  );
  it.each([
    'http://localhost/a.jpg', 'http://localhost./a.jpg', 'http://127.0.0.1/a.jpg', 'http://127.1/a.jpg', 'http://2130706433/a.jpg',
    'http://0x7f000001/a.jpg', 'http://10.0.0.1/a.jpg', 'http://172.16.5.4/a.jpg', 'http://192.168.0.10/a.jpg',
    'http://169.254.169.254/latest/meta-data', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/a.jpg',
    'http://[fd00::1]/', 'http://[fe80::1]/', 'http://[::ffff:192.168.0.1]/', 'http://[::ffff:127.0.0.1]/',
    'http://router/a.jpg', 'http://printer.local/a.jpg', 'file:///home/me/a.jpg', 'blob:https://example.com/uuid',
    'data:image/png;base64,AAAA', 'chrome-extension://abc/a.png', 'moz-extension://abc/a.png', 'ftp://example.com/a.jpg',
    'https://user:pass@example.com/a.jpg', 'https://user@example.com/a.jpg', 'nonsense', '',
  ])('refuses %s', (url) => expect(canSendUrl(url)).toBe(false));
});

describe('size', () => {
  it('counts UTF-8 bytes', () => {
    expect(requestSize('abc')).toBe(3);
    expect(requestSize('é')).toBe(2);
  });

  it('the largest allowed base64 keeps the whole request under 5 MB, one more block does not', () => {
    const max = maxBase64Length();
    expect(max % 4).toBe(0);
    expect(maxImageBytes()).toBe((max / 4) * 3);
    const build = (len: number) => buildRequest({ endpoint, username: 'u', password: 'p', input: { base64: 'A'.repeat(len) } });
    const fits = build(max);
    expect(requestSize(fits.init.body) + HEADER_ALLOWANCE_BYTES).toBeLessThan(MAX_REQUEST_BYTES);
    expect(fitsSizeLimit(fits)).toBe(true);
    expect(fitsSizeLimit(build(max + 4))).toBe(false);
  });

  it('reserves more room when the caller expects bigger headers', () => {
    expect(maxBase64Length(10_000)).toBeLessThan(maxBase64Length());
    expect(maxBase64Length(MAX_REQUEST_BYTES * 2)).toBe(0);
  });
});
