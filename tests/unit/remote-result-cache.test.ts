// Unit tests for the persisted per-content-hash cache of remote results (lib/remote/result-cache.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultCache, type Snapshot, type SnapshotStore } from '@/lib/remote/result-cache';

const DAY = 24 * 60 * 60 * 1000;
const face = (x: number) => ({ box: { x, y: 0.1, w: 0.2, h: 0.3 }, score: 0.9 });

function memoryStore(initial: unknown = null) {
  let saved: unknown = initial;
  const store: SnapshotStore & { saves: number } = {
    saves: 0,
    load: async () => saved,
    save: async (s: Snapshot) => {
      store.saves++;
      saved = JSON.parse(JSON.stringify(s));
    },
  };
  return { store, snapshot: () => saved as Snapshot };
}

afterEach(() => vi.useRealTimers());

describe('ResultCache', () => {
  it('answers by hash with faces and size, and copies so callers cannot corrupt it', async () => {
    const cache = new ResultCache(memoryStore().store);
    expect(await cache.get('h')).toBeUndefined();
    await cache.set('h', { faces: [face(0.1)], width: 640, height: 480 });
    const hit = await cache.get('h');
    expect(hit).toEqual({ faces: [face(0.1)], width: 640, height: 480 });
    hit!.faces[0]!.box.x = 99;
    expect((await cache.get('h'))!.faces[0]!.box.x).toBe(0.1);
    await cache.set('none', { faces: [], width: 1, height: 1 });
    expect(await cache.get('none')).toEqual({ faces: [], width: 1, height: 1 }); // "no faces" is a result too
  });

  it('writes one snapshot per burst and restores it in a new instance (a restarted worker)', async () => {
    vi.useFakeTimers();
    const { store, snapshot } = memoryStore();
    const a = new ResultCache(store, { saveDelayMs: 100 });
    await a.set('h1', { faces: [face(0.1)], width: 10, height: 20 });
    await a.set('h2', { faces: [], width: 30, height: 40 });
    expect(store.saves).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.saves).toBe(1);
    expect(snapshot().rows.map((r) => r[0])).toEqual(['h1', 'h2']);
    const b = new ResultCache(store);
    expect(await b.get('h1')).toEqual({ faces: [face(0.1)], width: 10, height: 20 });
    expect(await b.get('h2')).toEqual({ faces: [], width: 30, height: 40 });
  });

  it('keeps entries’ age across restarts and drops expired, future-dated or malformed rows', async () => {
    let now = 100 * DAY;
    const rows = [
      ['old', [[0.1, 0.1, 0.2, 0.2, 0.9]], 1, 1, now - 31 * DAY],
      ['aging', [[0.1, 0.1, 0.2, 0.2, 0.9]], 1, 1, now - 29 * DAY],
      ['future', [], 1, 1, now + DAY],
      ['bad-face', [[0.1, 'x', 0.2, 0.2, 0.9]], 1, 1, now],
      ['bad-size', [], 'x', 1, now],
      'junk',
    ];
    const cache = new ResultCache(memoryStore({ v: 1, rows }).store, { now: () => now });
    expect(await cache.get('old')).toBeUndefined();
    expect(await cache.get('future')).toBeUndefined();
    expect(await cache.get('bad-face')).toBeUndefined();
    expect(await cache.get('bad-size')).toBeUndefined();
    expect(await cache.get('aging')).toBeDefined();
    now += 2 * DAY; // 31 days after it was first stored, not after the restart
    expect(await cache.get('aging')).toBeUndefined();
  });

  it('survives an unreadable snapshot, evicts the least recently used, and clears', async () => {
    const cache = new ResultCache({ load: async () => { throw new Error('corrupt'); }, save: async () => undefined }, { maxEntries: 2 });
    await cache.set('a', { faces: [], width: 1, height: 1 });
    await cache.set('b', { faces: [], width: 1, height: 1 });
    await cache.get('a');
    await cache.set('c', { faces: [], width: 1, height: 1 });
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBeDefined();
    expect(cache.size).toBe(2);
    expect(await cache.clear()).toBe(2);
    expect(await cache.get('a')).toBeUndefined();
  });
});
