// Unit tests for the per-image result cache and content hash (lib/faceblurest/cache.ts).
import { describe, expect, it } from 'vitest';
import { FaceCache, hashBytes } from '../../lib/faceblurest/cache';
import type { Face } from '../../lib/face';

const face = (x: number): Face => ({ box: { x, y: 0.1, w: 0.2, h: 0.3 }, score: 0.9 });

describe('FaceCache', () => {
  it('stores and returns copies; an empty list is a hit', () => {
    const cache = new FaceCache();
    const faces = [face(0.1)];
    cache.set('a', faces);
    faces[0]!.box.x = 0.9;
    const got = cache.get('a')!;
    expect(got).toEqual([face(0.1)]);
    got[0]!.box.x = 0.5;
    expect(cache.get('a')).toEqual([face(0.1)]);
    cache.set('none', []);
    expect(cache.get('none')).toEqual([]);
    expect(cache.get('missing')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new FaceCache({ maxEntries: 2 });
    cache.set('a', [face(0.1)]);
    cache.set('b', [face(0.2)]);
    cache.get('a'); // a is now the most recent
    cache.set('c', [face(0.3)]);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('expires entries after the TTL and drops them', () => {
    let now = 1000;
    const cache = new FaceCache({ ttlMs: 500, now: () => now });
    cache.set('a', [face(0.1)]);
    now = 1499;
    expect(cache.get('a')).toBeDefined();
    now = 1500;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('delete and clear', () => {
    const cache = new FaceCache();
    cache.set('a', []);
    cache.set('b', []);
    expect(cache.delete('a')).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('hashBytes', () => {
  it('is hex SHA-256', async () => {
    expect(await hashBytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await hashBytes(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes only the view, not the whole underlying buffer', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    expect(await hashBytes(buffer.subarray(2, 5))).toBe(await hashBytes(new TextEncoder().encode('abc')));
  });
});
