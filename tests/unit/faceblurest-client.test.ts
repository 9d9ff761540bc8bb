// Unit tests for the FaceBlurest client with a fake fetch (lib/faceblurest/client.ts).
import { describe, expect, it } from 'vitest';
import { callFaceBlurest, type FetchInit, type FetchLike, type ResponseLike } from '../../lib/faceblurest/client';
import { buildRequest, maxBase64Length } from '../../lib/faceblurest/request';
import { english } from './support/english';

const req = buildRequest({ endpoint: 'https://faceblurest.test/api', username: 'u', password: 'p', input: { base64: 'iVBORw0KGgo=' } });
const SUCCESS = JSON.stringify({
  created: '2020-05-02T12:28:09.989Z',
  predictions: [{ probability: 0.61, tagId: '6b333d95-e461-4155-890c-9921158f7d17', tagName: 'Human Face',
    boundingBox: { left: 0.24, top: 0.26, width: 0.13, height: 0.28 }, boundingBoxPhoto: '' }],
  final_photo: 'iVBORw0KGgo=',
});

/** A fake fetch answering with a fixed status/body, recording what it was called with. */
function fake(status: number, text: string) {
  const calls: Array<{ url: string; init: FetchInit }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return { status, text: async () => text };
  };
  return { fetch, calls };
}

describe('callFaceBlurest', () => {
  it('returns validated predictions on success and sends the built request', async () => {
    const { fetch, calls } = fake(200, SUCCESS);
    const r = await callFaceBlurest(req, { fetch });
    expect(r).toMatchObject({ ok: true, created: '2020-05-02T12:28:09.989Z', predictions: [{ probability: 0.61 }] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://faceblurest.test/api');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: req.init.body, redirect: 'error', credentials: 'omit' });
    expect(calls[0]!.init.headers.Authorization).toMatch(/^Basic /);
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('maps an error array', async () => {
    const r = await callFaceBlurest(req, fake(200, '[{"cd":"1003","description":"Trial expired"}]'));
    expect(r).toMatchObject({ ok: false, error: { code: '1003', kind: 'expired', fallback: true } });
  });

  it('maps HTTP 500 with an HTML body', async () => {
    const r = await callFaceBlurest(req, fake(500, '<html>Runtime Error</html>'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'service', retryable: true, status: 500 } });
  });

  it('maps a non-JSON 200 answer', async () => {
    const r = await callFaceBlurest(req, fake(200, 'Server busy'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });

  it('times out a fetch that never settles, aborting its signal', async () => {
    let seen: AbortSignal | undefined;
    const fetch: FetchLike = (_url, init) => {
      seen = init.signal;
      return new Promise<ResponseLike>(() => undefined); // ignores the signal on purpose
    };
    const r = await callFaceBlurest(req, { fetch, timeoutMs: 20 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', retryable: true, fallback: true } });
    expect(seen?.aborted).toBe(true);
  });

  it('times out while the body is being read', async () => {
    const fetch: FetchLike = async () => ({ status: 200, text: () => new Promise<string>(() => undefined) });
    const r = await callFaceBlurest(req, { fetch, timeoutMs: 20 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('maps a network error (fetch rejects)', async () => {
    const fetch: FetchLike = async () => { throw new TypeError('fetch failed'); };
    const r = await callFaceBlurest(req, { fetch });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
    expect(!r.ok && english(r.error.text)).toContain('(fetch failed)');
  });

  it('maps a body that fails mid-read', async () => {
    const fetch: FetchLike = async () => ({ status: 200, text: async () => { throw new Error('socket hang up'); } });
    expect(await callFaceBlurest(req, { fetch })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('reports caller cancellation', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = () => new Promise<ResponseLike>(() => undefined);
    const pending = callFaceBlurest(req, { fetch, signal: controller.signal, timeoutMs: 10_000 });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'network' } });
    const already = await callFaceBlurest(req, { fetch, signal: AbortSignal.abort() });
    expect(already).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('stops reading a streamed body past the cap', async () => {
    let cancelled = false;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(chunk), // endless
      cancel: () => { cancelled = true; },
    });
    const fetch: FetchLike = async () => ({ status: 200, text: async () => '', body });
    const r = await callFaceBlurest(req, { fetch });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect(cancelled).toBe(true);
  });

  it('reads a streamed body with multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode(SUCCESS.replace('Human Face', 'Human Facé'));
    const body = new ReadableStream<Uint8Array>({
      start: (c) => { for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7)); c.close(); },
    });
    const r = await callFaceBlurest(req, { fetch: async () => ({ status: 200, text: async () => '', body }) });
    expect(r.ok && r.predictions[0]!.tagName).toBe('Human Facé');
  });

  it('refuses without sending: plain-http endpoint, oversized body', async () => {
    const { fetch, calls } = fake(200, SUCCESS);
    const http = { ...req, url: 'http://faceblurest.test/api' };
    expect(await callFaceBlurest(http, { fetch })).toMatchObject({ ok: false, error: { kind: 'bad-request', retryable: false } });
    const big = buildRequest({ endpoint: req.url, username: 'u', password: 'p', input: { base64: 'A'.repeat(maxBase64Length() + 4) } });
    expect(await callFaceBlurest(big, { fetch })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(calls).toHaveLength(0);
  });
});
