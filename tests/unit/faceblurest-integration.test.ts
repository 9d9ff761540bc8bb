// Integration: the real client and global fetch against the FaceBlurest test double on a free port.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callFaceBlurest, type FetchLike } from '../../lib/faceblurest/client';
import { MAX_REQUEST_BYTES, buildRequest, maxBase64Length } from '../../lib/faceblurest/request';
import { parseResponse, toFaces } from '../../lib/faceblurest/validate';

/** The double is plain JS (no type declarations); this is the part of its API the tests use. */
interface Double {
  url: string;
  stats: { requests: number; byInput: { base64: number; url: number }; succeeded: number; predictionsBilled: number; errors: Record<string, number> };
  setOptions(partial: Record<string, unknown>): void;
  resetLimits(): void;
  close(): Promise<void>;
}
const DEFAULTS = { perMinute: 50, trial: false, perDay: undefined, failures: { mode: 'none' }, errorStatus: '200', latencyMs: 0 };

// Smallest input the double accepts as an image: the PNG signature (+1 byte, so the base64 has no padding
// and can be extended to any size for the limit test).
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString('base64');
const fetch = globalThis.fetch as unknown as FetchLike;
let double: Double;
let photoServer: http.Server;
let photoUrl: string;

const call = (input: { base64: string } | { photoUrl: string }, password = 'secret', timeoutMs?: number) =>
  callFaceBlurest(buildRequest({ endpoint: double.url, username: 'test', password, input }), { fetch, timeoutMs });

beforeAll(async () => {
  const path = new URL('../faceblurest-double/server.mjs', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ path)) as { startFaceBlurestDouble(o: object): Promise<Double> };
  double = await mod.startFaceBlurestDouble({ port: 0, users: { test: 'secret' } });
  photoServer = http.createServer((_req, res) => res.end(Buffer.from(PNG, 'base64')));
  await new Promise<void>((r) => photoServer.listen(0, '127.0.0.1', r));
  photoUrl = `http://127.0.0.1:${(photoServer.address() as { port: number }).port}/photo.png`;
});
afterAll(async () => {
  await double?.close();
  await new Promise((r) => photoServer?.close(r));
});
beforeEach(() => {
  double.setOptions(DEFAULTS);
  double.resetLimits();
});

describe('FaceBlurest double + client', () => {
  it('returns faces above 0.20 for a base64 photo (and bills the weak one too)', async () => {
    const before = double.stats.predictionsBilled;
    const r = await call({ base64: PNG });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.predictions.every((p) => p.tagName === 'Human Face')).toBe(true);
      expect(toFaces(r.predictions)).toEqual([
        { box: { x: 0.2416, y: 0.2653, w: 0.1373, h: 0.2831 }, score: 0.92 },
        { box: { x: 0.6, y: 0.3, w: 0.12, h: 0.25 }, score: 0.61 },
      ]);
    }
    expect(double.stats.predictionsBilled - before).toBe(3);
  });

  it('fetches photo_url itself', async () => {
    const before = double.stats.byInput.url;
    expect((await call({ photoUrl })).ok).toBe(true);
    expect(double.stats.byInput.url).toBe(before + 1);
  });

  it('auth failures: wrong password → 1007, missing header → 1001, in 200 and mapped-status modes', async () => {
    expect(await call({ base64: PNG }, 'wrong')).toMatchObject({ ok: false, error: { code: '1007', kind: 'auth', status: 200 } });
    const res = await globalThis.fetch(double.url, { method: 'POST', body: '{}' });
    expect(parseResponse(res.status, await res.text())).toMatchObject({ ok: false, error: { code: '1001', kind: 'auth' } });
    double.setOptions({ errorStatus: 'mapped' });
    expect(await call({ base64: PNG }, 'wrong')).toMatchObject({ ok: false, error: { code: '1007', kind: 'auth', status: 401 } });
  });

  it('invalid input: both inputs "NO" → 1014, not an image → 2001', async () => {
    expect(await call({ base64: 'NO' })).toMatchObject({ ok: false, error: { code: '1014', kind: 'bad-request' } });
    expect(await call({ base64: Buffer.from('hello').toString('base64') })).toMatchObject({ ok: false, error: { code: '2001' } });
  });

  it('size: the largest payload the client allows passes, one block more is refused locally, 5 MB gets 1013', async () => {
    const big = PNG + 'A'.repeat(maxBase64Length() - PNG.length);
    expect((await call({ base64: big })).ok).toBe(true);
    const before = double.stats.requests;
    expect(await call({ base64: big + 'AAAA' })).toMatchObject({ ok: false, error: { kind: 'too-large', code: null } });
    expect(double.stats.requests).toBe(before); // never sent
    const over = buildRequest({ endpoint: double.url, username: 'test', password: 'secret', input: { base64: PNG + 'A'.repeat(MAX_REQUEST_BYTES) } });
    const res = await globalThis.fetch(over.url, over.init); // bypass the client's check
    expect(parseResponse(res.status, await res.text())).toMatchObject({ ok: false, error: { code: '1013', kind: 'too-large' } });
  });

  it('per-minute limit → retryable quota (HTTP 429); trial daily limit → 1002', async () => {
    double.setOptions({ perMinute: 2 });
    expect((await call({ base64: PNG })).ok).toBe(true);
    expect((await call({ base64: PNG })).ok).toBe(true);
    expect(await call({ base64: PNG })).toMatchObject({ ok: false, error: { code: '1004', kind: 'quota', retryable: true, status: 429 } });
    double.resetLimits();
    double.setOptions({ perMinute: 50, trial: true, perDay: 1 });
    expect((await call({ base64: PNG })).ok).toBe(true);
    expect(await call({ base64: PNG })).toMatchObject({ ok: false, error: { code: '1002', kind: 'quota', retryable: false } });
  });

  it('failure modes: 500, non-JSON, error code, timeout', async () => {
    double.setOptions({ failures: { mode: '500' } });
    expect(await call({ base64: PNG })).toMatchObject({ ok: false, error: { kind: 'service', status: 500, fallback: true } });
    double.setOptions({ failures: { mode: 'non-json' } });
    expect(await call({ base64: PNG })).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    double.setOptions({ failures: { mode: 'error-code', code: '1016' } });
    expect(await call({ base64: PNG })).toMatchObject({ ok: false, error: { code: '1016', kind: 'service' } });
    double.setOptions({ failures: { mode: 'timeout' } });
    expect(await call({ base64: PNG }, 'secret', 200)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('network error when nothing listens', async () => {
    const r = await callFaceBlurest(buildRequest({ endpoint: 'http://127.0.0.1:1/x', username: 'a', password: 'b', input: { base64: PNG } }), { fetch });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
  });
});
