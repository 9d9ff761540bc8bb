import { describe, expect, it, vi } from 'vitest';
import { guardFetch, isPackagedUrl } from '@/lib/network-guard';

const ORIGIN = 'chrome-extension://abc';

describe('network guard', () => {
  it('lets packaged files, data: and blob: through and nothing else', () => {
    expect(isPackagedUrl(`${ORIGIN}/mediapipe/x.wasm`, ORIGIN)).toBe(true);
    expect(isPackagedUrl('/models/m.tflite', ORIGIN)).toBe(true);
    expect(isPackagedUrl('data:image/png;base64,AA', ORIGIN)).toBe(true);
    expect(isPackagedUrl('blob:chrome-extension://abc/123', ORIGIN)).toBe(true);
    expect(isPackagedUrl('https://odml.pa.googleapis.com/v1/log', ORIGIN)).toBe(false);
    expect(isPackagedUrl('http://127.0.0.1/a.jpg', ORIGIN)).toBe(false);
  });
  it('blocks bundled code while handing the real fetch to the caller', async () => {
    const real = vi.fn(async () => new Response('ok'));
    const scope = { fetch: real as unknown as typeof fetch };
    const unguarded = guardFetch(scope, ORIGIN);
    await expect(scope.fetch('https://odml.pa.googleapis.com/v1/log', { method: 'POST' })).rejects.toThrow(/blocks/);
    await scope.fetch(`${ORIGIN}/mediapipe/x.wasm`);
    await unguarded('http://127.0.0.1/a.jpg');
    expect(real.mock.calls.map((c) => String((c as unknown[])[0]))).toEqual([`${ORIGIN}/mediapipe/x.wasm`, 'http://127.0.0.1/a.jpg']);
  });
});
