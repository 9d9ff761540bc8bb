// The content-keyed scan cache: coverage by the smallest face looked for, finer results kept, LRU eviction.
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '@/lib/messages';
import { ScanCache } from '@/lib/scan-cache';

const result = (minFacePx: number, faces = 1, side = 100): ScanResult => ({
  ok: true,
  faces: Array.from({ length: faces }, () => ({ box: { x: 0, y: 0, w: 0.1, h: 0.1 }, score: 0.9 })),
  width: side,
  height: side,
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

  it('compares and answers in each page\'s own natural px: one file declared at two sizes (srcset densities)', () => {
    const cache = new ScanCache();
    cache.set('a', result(16)); // faces from 16 of 100 px
    // A page that declares the file at 50 px: 16 of 100 is 8 of 50.
    expect(cache.get('a', 8, { w: 50, h: 50 })).toMatchObject({ minFacePx: 8, width: 50, height: 50 });
    expect(cache.get('a', 7, { w: 50, h: 50 })).toBeUndefined();
    // A page that declares it at 200 px needs faces from 20 of 200 = 10 of 100: not looked for by the 16-px scan.
    expect(cache.get('a', 20, { w: 200, h: 200 })).toBeUndefined();
    expect(cache.get('a', 32, { w: 200, h: 200 })).toMatchObject({ minFacePx: 32, width: 200 });
    // The finer result, whatever the size it was asked in, is the one kept.
    cache.set('a', result(10, 1, 200)); // 5 of 100
    expect(cache.get('a', 10)).toMatchObject({ minFacePx: 10, width: 200 });
    expect(cache.get('a', 5, { w: 100, h: 100 })).toMatchObject({ minFacePx: 5, width: 100 });
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
