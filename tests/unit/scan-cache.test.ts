// The content-keyed scan cache: coverage by the smallest face looked for, finer results kept, LRU eviction.
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '@/lib/messages';
import { ScanCache } from '@/lib/scan-cache';

const result = (minFacePx: number, faces = 1): ScanResult => ({
  ok: true,
  faces: Array.from({ length: faces }, () => ({ box: { x: 0, y: 0, w: 0.1, h: 0.1 }, score: 0.9 })),
  width: 100,
  height: 100,
  ms: 50,
  minFacePx,
  cached: false,
});

describe('ScanCache', () => {
  it('answers views that need faces no smaller than the scan looked for, marked as cached', () => {
    const cache = new ScanCache();
    cache.set('a', result(16));
    expect(cache.get('a', 32)).toMatchObject({ cached: true, ms: 0, minFacePx: 16 });
    expect(cache.get('a', 8)).toBeUndefined();
    expect(cache.get('b', 32)).toBeUndefined();
  });

  it('keeps the finer of two results for one picture, and never remembers failures', () => {
    const cache = new ScanCache();
    cache.set('a', result(8, 3));
    cache.set('a', result(32, 1));
    expect(cache.get('a', 8)).toMatchObject({ minFacePx: 8 });
    cache.set('f', { ok: false, reason: 'broken' });
    expect(cache.get('f', 100)).toBeUndefined();
  });

  it('forgets the least recently used picture first', () => {
    const cache = new ScanCache(2);
    cache.set('a', result(10));
    cache.set('b', result(10));
    cache.get('a', 10);
    cache.set('c', result(10));
    expect(cache.get('a', 10)).toBeDefined();
    expect(cache.get('b', 10)).toBeUndefined();
  });
});
