// Unit/integration tests for one image through the remote API, against the FaceBlurest test double (lib/remote/remote-scan.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '@/lib/faceblurest/client';
import type { Decoder } from '@/lib/remote/encode';
import { RemoteScanner, TEST_IMAGE_BASE64, type SourceImage } from '@/lib/remote/remote-scan';
import { ResultCache } from '@/lib/remote/result-cache';
import { RemoteService } from '@/lib/remote/service';
import { english } from './support/english';

interface Double {
  url: string;
  stats: { requests: number; byInput: { base64: number; url: number }; errors: Record<string, number> };
  setOptions(partial: Record<string, unknown>): void;
  close(): Promise<void>;
}
let double: Double;
beforeAll(async () => {
  const path = new URL('../faceblurest-double/server.mjs', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ path)) as { startFaceBlurestDouble(o: object): Promise<Double> };
  double = await mod.startFaceBlurestDouble({ port: 0, users: { test: 'secret' } });
});
afterAll(() => double?.close());

const PNG = Buffer.from(TEST_IMAGE_BASE64, 'base64');
/** A distinct picture per tag: the double only checks the signature, the hash sees every byte. */
const picture = (tag: string): SourceImage => ({ bytes: new Uint8Array(Buffer.concat([PNG, Buffer.from(tag)])), type: 'image/png' });
const decode: Decoder = async () => ({ width: 64, height: 48, encode: async () => new Uint8Array(PNG), close: () => undefined });

let scanner: RemoteScanner;
let service: RemoteService;
let images: Map<string, SourceImage>;
const send = (password = 'secret') => (input: Parameters<RemoteService['call']>[1]) =>
  service.call({ endpoint: double.url, username: 'test', password, limits: { perMinute: 50 }, timeoutMs: 5000 }, input);
const scan = (src: string, password?: string) => scanner.scan({ src }, send(password));

beforeEach(() => {
  double.setOptions({ failures: { mode: 'none' }, predictions: [
    { probability: 0.92, boundingBox: { left: 0.25, top: 0.25, width: 0.1, height: 0.2 } },
    { probability: 0.15, boundingBox: { left: 0.05, top: 0.7, width: 0.05, height: 0.08 } },
  ] });
  images = new Map();
  service = new RemoteService({ fetch: globalThis.fetch as unknown as FetchLike, loadUsage: async () => null, saveUsage: async () => undefined });
  scanner = new RemoteScanner({
    readImage: async ({ src }) => {
      const image = images.get(src);
      if (!image) throw new Error('HTTP 404');
      return image;
    },
    decode,
    cache: new ResultCache({ load: async () => null, save: async () => undefined }),
  });
});

describe('RemoteScanner', () => {
  it('returns the service’s faces above 0.20 with the image size, and caches them by content', async () => {
    images.set('https://a.example/1.png', picture('one'));
    images.set('https://b.example/copy.png', picture('one'));
    const before = double.stats.requests;
    const first = await scan('https://a.example/1.png');
    expect(first).toMatchObject({ ok: true, cached: false, width: 64, height: 48 });
    if (first.ok) expect(first.faces).toEqual([{ box: { x: 0.25, y: 0.25, w: 0.1, h: 0.2 }, score: 0.92 }]);
    const again = await scan('https://b.example/copy.png'); // same bytes, another URL
    expect(again).toMatchObject({ ok: true, cached: true });
    expect(double.stats.requests - before).toBe(1);
  });

  it('uploads a picture asked for by several frames at once only once', async () => {
    for (const n of [1, 2, 3]) images.set(`https://x.example/${n}.png`, picture('shared'));
    const before = double.stats.requests;
    const results = await Promise.all([1, 2, 3].map((n) => scan(`https://x.example/${n}.png`)));
    // Which frame's request uploads depends on which hash finishes first; exactly one does.
    expect(results.map((r) => r.ok && r.cached).sort()).toEqual([false, true, true]);
    expect(double.stats.requests - before).toBe(1);
  });

  it('sends public URLs as photo_url, and the pixels when the service cannot fetch the URL (2001)', async () => {
    images.set('https://cdn.example.com/p.png', { ...picture('url'), url: 'https://cdn.example.com/p.png' });
    const { base64, url } = double.stats.byInput;
    const r = await scan('https://cdn.example.com/p.png');
    expect(r).toMatchObject({ ok: true, how: 'original' });
    expect(double.stats.byInput.url - url, 'tried the URL first').toBe(1);
    expect(double.stats.byInput.base64 - base64, 'then sent the pixels').toBe(1);
  });

  it('reports failures without caching them, so the next view asks again', async () => {
    images.set('https://a.example/f.png', picture('fails'));
    const wrong = await scan('https://a.example/f.png', 'wrong');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('1007');
    expect((await scan('https://a.example/f.png')).ok).toBe(true);
  });

  it('maps server failures and unreadable images to errors, never throws', async () => {
    images.set('https://a.example/500.png', picture('500'));
    double.setOptions({ failures: { mode: '500' } });
    const r = await scan('https://a.example/500.png');
    expect(r.ok || r.error.status).toBe(500);
    const before = double.stats.requests;
    const missing = await scan('https://a.example/missing.png');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(english(missing.error.text)).toBe('FaceVeil did not send the image: the image could not be read (HTTP 404).');
    expect(double.stats.requests).toBe(before);
  });
});
