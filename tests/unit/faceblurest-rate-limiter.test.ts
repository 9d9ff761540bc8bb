// Unit tests for the client-side FaceBlurest queue with a fake clock (lib/faceblurest/rate-limiter.ts).
import { describe, expect, it } from 'vitest';
import { RateLimiter, usageFromJSON, WINDOW_MARGIN_MS, type Clock } from '../../lib/faceblurest/rate-limiter';
import type { ApiResult, Prediction } from '../../lib/faceblurest/types';
import { verbatim } from '../../lib/phrase';

/** Manual clock: timers fire only when the test advances time. */
function fakeClock(start = Date.UTC(2025, 0, 31, 23, 59, 0)) {
  let now = start;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => { timers.push({ at: now + ms, fn, id: nextId }); return nextId++; },
    clearTimeout: (id) => { timers = timers.filter((t) => t.id !== id); },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) { timers = timers.filter((x) => x !== t); t.fn(); }
    await flush();
  };
  return { clock, advance, pending: () => timers.length };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

const p: Prediction = { probability: 0.9, tagId: '', tagName: '', boundingBoxPhoto: '', boundingBox: { left: 0, top: 0, width: 0.1, height: 0.1 } };
const okTask = (faces = 1) => async (): Promise<ApiResult> => ({ ok: true, created: '', predictions: Array(faces).fill(p) });
const errTask = (code: string, retryable = false) => async (): Promise<ApiResult> =>
  ({ ok: false, error: { code, kind: 'quota', text: verbatim('x'), retryable, fallback: true } });

describe('RateLimiter', () => {
  it('holds requests beyond perMinute until the window slides', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter({ perMinute: 2, maxConcurrent: 10 }, clock);
    const done: number[] = [];
    const all = [0, 1, 2, 3].map((i) => limiter.schedule(okTask()).then(() => done.push(i)));
    await flush();
    expect(done).toEqual([0, 1]);
    expect(limiter.counters()).toMatchObject({ queued: 2, requestsToday: 2 });
    await advance(60_000 + WINDOW_MARGIN_MS - 1);
    expect(done).toEqual([0, 1]);
    await advance(1);
    expect(done).toEqual([0, 1, 2, 3]);
    await Promise.all(all);
  });

  it('limits concurrency', async () => {
    const { clock } = fakeClock();
    const limiter = new RateLimiter({ maxConcurrent: 1 }, clock);
    let release!: () => void;
    const first = limiter.schedule(() => new Promise<ApiResult>((r) => { release = () => r({ ok: true, created: '', predictions: [] }); }));
    const second = limiter.schedule(okTask());
    await flush();
    expect(limiter.counters()).toMatchObject({ active: 1, queued: 1 });
    release();
    await Promise.all([first, second]);
    expect(limiter.counters()).toMatchObject({ active: 0, queued: 0, requestsToday: 2 });
  });

  it('refuses beyond perDay without calling the task, until the UTC day rolls over', async () => {
    const { clock, advance } = fakeClock(Date.UTC(2025, 0, 31, 12));
    const limiter = new RateLimiter({ perDay: 2 }, clock);
    await limiter.schedule(okTask());
    await limiter.schedule(okTask());
    let called = false;
    const r = await limiter.schedule(async () => { called = true; return okTask()(); });
    expect(called).toBe(false);
    expect(r).toMatchObject({ ok: false, error: { kind: 'quota', retryable: false, fallback: true } });
    await advance(12 * 3600_000); // 2025-02-01T00:00Z: new day and new month
    expect(limiter.counters()).toMatchObject({ requestsToday: 0, requestsThisMonth: 0 });
    expect((await limiter.schedule(okTask())).ok).toBe(true);
  });

  it('counts predictions per day and month, and stops at the monthly prediction quota', async () => {
    const { clock, advance } = fakeClock(Date.UTC(2025, 2, 10));
    const limiter = new RateLimiter({ predictionsPerMonth: 5 }, clock);
    await limiter.schedule(okTask(3));
    await advance(24 * 3600_000);
    await limiter.schedule(okTask(2));
    expect(limiter.counters()).toMatchObject({ requestsToday: 1, requestsThisMonth: 2, predictionsToday: 2, predictionsThisMonth: 5 });
    expect(await limiter.schedule(okTask())).toMatchObject({ ok: false, error: { kind: 'quota' } });
  });

  it('believes the service: 1002 blocks the rest of the day, a retryable 1004 (HTTP 429) does not block', async () => {
    const { clock, advance } = fakeClock(Date.UTC(2025, 0, 1, 10));
    const limiter = new RateLimiter({}, clock);
    await limiter.schedule(errTask('1004', true));
    expect((await limiter.schedule(okTask())).ok).toBe(true);
    await limiter.schedule(errTask('1002'));
    expect(await limiter.schedule(okTask())).toMatchObject({ ok: false, error: { kind: 'quota' } });
    await advance(14 * 3600_000);
    expect((await limiter.schedule(okTask())).ok).toBe(true);
  });

  it('refuses when the queue is full and cancelAll empties it', async () => {
    const { clock, pending } = fakeClock();
    const limiter = new RateLimiter({ perMinute: 1, maxQueue: 2 }, clock);
    await limiter.schedule(okTask());
    const waiting = [limiter.schedule(okTask()), limiter.schedule(okTask())];
    expect(await limiter.schedule(okTask())).toMatchObject({ ok: false, error: { kind: 'quota', retryable: true } });
    expect(pending()).toBe(1);
    limiter.cancelAll();
    expect(pending()).toBe(0);
    for (const r of await Promise.all(waiting)) expect(r.ok).toBe(false);
  });

  it('turns a throwing task into a network error', async () => {
    const limiter = new RateLimiter({}, fakeClock().clock);
    const r = await limiter.schedule(async () => { throw new Error('boom'); });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('round-trips usage through JSON, including the minute window', async () => {
    const { clock, advance } = fakeClock(Date.UTC(2025, 4, 5, 8));
    const a = new RateLimiter({ perMinute: 1 }, clock);
    await a.schedule(okTask(4));
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    expect(saved).toMatchObject({ day: '2025-05-05', month: '2025-05', requestsToday: 1, predictionsThisMonth: 4 });
    const b = RateLimiter.fromJSON(saved, { perMinute: 1 }, clock);
    expect(b.counters()).toMatchObject({ requestsToday: 1, requestsThisMonth: 1, predictionsToday: 4, predictionsThisMonth: 4 });
    let ran = false;
    const next = b.schedule(async () => { ran = true; return okTask()(); });
    await flush();
    expect(ran).toBe(false); // the restored start still fills this minute
    await advance(60_000 + WINDOW_MARGIN_MS);
    await next;
    expect(ran).toBe(true);
  });

  it('sanitises corrupt stored usage', () => {
    const now = Date.UTC(2025, 0, 1);
    const u = usageFromJSON({ day: 'x', requestsToday: -5, predictionsToday: 'lots', requestsThisMonth: 1e99, recentStarts: [now + 1e9, 'a', now - 1] }, now);
    expect(u).toMatchObject({ day: '2025-01-01', month: '2025-01', requestsToday: 0, predictionsToday: 0, requestsThisMonth: 1e9, recentStarts: [now - 1] });
    expect(usageFromJSON(null, now).requestsToday).toBe(0);
  });
});
