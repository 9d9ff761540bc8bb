// What the popup shows about the remote API: last error and when, pauses after failures, usage counters.
import { storage } from '@wxt-dev/storage';
import { RateLimiter, type Usage } from '../faceblurest/rate-limiter';
import type { ApiError } from '../faceblurest/types';
import { cleanText, parsePhrase, verbatim, type Phrase } from '../phrase';

export interface RemoteStatus {
  lastError: { text: Phrase; code: string | null; at: number } | null;
  lastSuccessAt: number;
  /** Uploads avoided because a result for the same picture was already known. */
  savedByCache: number;
  /**
   * Remote detection skipped (everything detected on-device) while `key` — a digest of endpoint and
   * login — is unchanged and, when `until` > 0, until then. `until` 0 means "until the user changes
   * something": wrong login or an expired plan fails every request the same way.
   */
  pause: { until: number; key: string; reason: Phrase } | null;
}

export const EMPTY_STATUS: Readonly<RemoteStatus> = Object.freeze({ lastError: null, lastSuccessAt: 0, savedByCache: 0, pause: null });

/** After a transient failure (network, timeout, 5xx, 429, garbage) the next images go on-device for a while. */
export const COOLDOWN_MS = 30_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** A stored phrase. Earlier builds stored the English sentence itself, which is kept and shown as it is. */
const storedPhrase = (v: unknown): Phrase | null => (typeof v === 'string' ? verbatim(cleanText(v, 400)) : parsePhrase(v));

export function validateStatus(raw: unknown): RemoteStatus {
  const input = isRecord(raw) ? raw : {};
  const e = input.lastError;
  const p = input.pause;
  const errorText = isRecord(e) ? storedPhrase(e.text ?? e.message) : null;
  const pauseReason = isRecord(p) ? storedPhrase(p.reason) : null;
  return {
    lastError: isRecord(e) && errorText
      ? { text: errorText, code: typeof e.code === 'string' ? cleanText(e.code, 12) : null, at: num(e.at) }
      : null,
    lastSuccessAt: num(input.lastSuccessAt),
    savedByCache: Math.floor(num(input.savedByCache)),
    pause: isRecord(p) && typeof p.key === 'string' && pauseReason ? { until: num(p.until), key: p.key, reason: pauseReason } : null,
  };
}

/** How a failure affects the next images: nothing, a short cooldown, or a pause until settings change. */
export function pausePolicy(error: ApiError): 'none' | 'cooldown' | 'until-change' {
  if (error.kind === 'auth' || error.kind === 'expired' || error.kind === 'billing') return 'until-change';
  // Quota answers (1002/1004) are remembered by the rate limiter itself, which then refuses at once.
  // HTTP 429 is the service's per-minute limit: back off. Local limiter refusals carry no status.
  if (error.kind === 'quota') return error.status === 429 ? 'cooldown' : 'none';
  if (error.text.key === 'faceblurest.cancelled') return 'none';
  return error.retryable ? 'cooldown' : 'none';
}

export function withError(status: RemoteStatus, error: ApiError, key: string, now: number): RemoteStatus {
  const policy = pausePolicy(error);
  const pause = policy === 'none' ? status.pause : { until: policy === 'cooldown' ? now + COOLDOWN_MS : 0, key, reason: error.text };
  return { ...status, lastError: { text: error.text, code: error.code, at: now }, pause };
}

export function withSuccess(status: RemoteStatus, now: number): RemoteStatus {
  return { ...status, lastSuccessAt: now, pause: null };
}

export function isPaused(status: RemoteStatus, key: string, now: number): boolean {
  const p = status.pause;
  return p !== null && p.key === key && (p.until === 0 || p.until > now);
}

/** Digest naming one endpoint + login, so a pause lifts when the user changes any of them (no secret is stored). */
export async function configKey(endpoint: string, username: string, password: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${endpoint}\n${username}\n${password}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Counters with day/month rollover applied, from the usage JSON the background persists. */
export function usageCounters(raw: unknown, now = Date.now()) {
  const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
  return RateLimiter.fromJSON(raw, {}, clock).counters();
}

/** How long ago `at` was, short, in `locale` (the browser's): "now", "5 min. ago", "il y a 5 min", or a date. */
export function formatAgo(at: number, now = Date.now(), locale = 'en'): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (s < 45) return relative.format(0, 'second');
  if (s < 3600) return relative.format(-Math.round(s / 60), 'minute');
  if (s < 86_400) return relative.format(-Math.round(s / 3600), 'hour');
  return new Date(at).toLocaleString(locale);
}

export const statusItem = storage.defineItem<RemoteStatus>('local:remoteStatus', { fallback: EMPTY_STATUS });
export const usageItem = storage.defineItem<Usage | null>('local:remoteUsage', { fallback: null });

// Status writes are read-modify-write from concurrent scans; one chain keeps them from overwriting each other.
let chain: Promise<unknown> = Promise.resolve();
export function updateStatus(change: (s: RemoteStatus) => RemoteStatus): Promise<RemoteStatus> {
  const run = chain.then(async () => {
    const next = change(validateStatus(await statusItem.getValue()));
    await statusItem.setValue(next);
    return next;
  });
  chain = run.catch(() => undefined);
  return run;
}
