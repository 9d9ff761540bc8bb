// Unit tests for rate-limited sending with persisted usage (lib/remote/service.ts).
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '@/lib/faceblurest/client';
import type { Clock, Usage } from '@/lib/faceblurest/rate-limiter';
import { WINDOW_MARGIN_MS } from '@/lib/faceblurest/rate-limiter';
import { RemoteService } from '@/lib/remote/service';
import { english } from './support/english';

const OK = JSON.stringify({ created: '2025-01-01T00:00:00Z', predictions: [{ probability: 0.9, boundingBox: { left: 0.1, top: 0.1, width: 0.2, height: 0.2 } }], final_photo: '' });
const CONFIG = { endpoint: 'https://api.example.com/fb', username: 'u', password: 'p', limits: { perMinute: 1 }, timeoutMs: 5000 };

function fakeClock(start = Date.UTC(2025, 0, 10, 12)) {
  let now = start;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = { now: () => now, setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }), clearTimeout: () => undefined };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) { timers = timers.filter((x) => x !== t); t.fn(); }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { clock, advance };
}

function setup(stored: unknown = null) {
  const sent: { url: string; auth: string; body: string }[] = [];
  const saved: Usage[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, auth: init.headers.Authorization ?? '', body: init.body });
    return { status: 200, text: async () => OK };
  };
  const { clock, advance } = fakeClock();
  const service = new RemoteService({ fetch, clock, loadUsage: async () => stored, saveUsage: async (u) => void saved.push(u) });
  return { service, sent, saved, advance };
}

describe('RemoteService', () => {
  it('builds the contract request and persists usage at start and at the end', async () => {
    const { service, sent, saved } = setup();
    const r = await service.call(CONFIG, { base64: 'AAAA' });
    await service.settled();
    expect(r.ok).toBe(true);
    expect(sent).toEqual([{ url: CONFIG.endpoint, auth: `Basic ${btoa('u:p')}`, body: '{"base64_Photo_String":"AAAA","photo_url":"NO"}' }]);
    expect(saved).toHaveLength(2);
    expect(saved[0]).toMatchObject({ requestsToday: 1, predictionsToday: 0 });
    expect(saved[1]).toMatchObject({ requestsToday: 1, predictionsToday: 1 });
  });

  it('continues from stored usage (a restarted worker keeps counting and keeps the minute window)', async () => {
    const first = setup();
    await first.service.call(CONFIG, { base64: 'AAAA' });
    await first.service.settled();
    const second = setup(first.saved.at(-1));
    const pending = second.service.call(CONFIG, { base64: 'AAAA' });
    await new Promise((r) => setTimeout(r, 0));
    expect(second.sent, 'the stored start still fills the 1-per-minute window').toHaveLength(0);
    await second.advance(60_000 + WINDOW_MARGIN_MS);
    await pending;
    await second.service.settled();
    expect(second.saved.at(-1)).toMatchObject({ requestsToday: 2, predictionsToday: 2 });
  });

  it('waits a margin past the minute so the service’s own window has moved on too', async () => {
    const { service, sent, advance } = setup();
    await service.call(CONFIG, { base64: 'AAAA' });
    const second = service.call(CONFIG, { base64: 'AAAA' });
    await new Promise((r) => setTimeout(r, 0)); // queued behind the window's timer
    await advance(60_000);
    expect(sent).toHaveLength(1);
    await advance(WINDOW_MARGIN_MS);
    await second;
    expect(sent).toHaveLength(2);
  });

  it('refuses (without sending) an http endpoint that is not this machine', async () => {
    const { service, sent } = setup();
    const r = await service.call({ ...CONFIG, endpoint: 'http://api.example.com/fb' }, { base64: 'AAAA' });
    expect(r.ok).toBe(false);
    expect(sent).toHaveLength(0);
  });

  it('hands queued requests back when the limits change or remote detection is turned off', async () => {
    const { service, sent } = setup();
    await service.call(CONFIG, { base64: 'AAAA' });
    const queued = service.call(CONFIG, { base64: 'AAAA' });
    await new Promise((r) => setTimeout(r, 0));
    service.cancelQueued();
    const r = await queued;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(english(r.error.text)).toBe('FaceVeil did not send the image to FaceBlurest: the remote API was turned off.');
    expect(sent).toHaveLength(1);
  });
});
