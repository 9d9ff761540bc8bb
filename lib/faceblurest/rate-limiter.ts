// Client-side queue keeping FaceBlurest calls inside the service's rate limits and counting usage.
import { phrase } from '../phrase';
import { localQuotaError, networkError } from './errors';
import type { ApiError, ApiResult } from './types';

/** Injected time source so tests can drive the minute window and day/month rollover. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Limits {
  perMinute?: number;
  perDay?: number;
  predictionsPerMonth?: number;
  /** Requests in flight at once; keeps a page full of images from uploading them all together. */
  maxConcurrent?: number;
  /** Beyond this many waiting images, new ones are refused at once (and detected locally). */
  maxQueue?: number;
}

/** Published limits: trial 50 requests/day; paid 50 requests/minute and 10,000 predictions/month. */
export const TRIAL_LIMITS: Limits = { perDay: 50, perMinute: 50 };
export const PAID_LIMITS: Limits = { perMinute: 50, predictionsPerMonth: 10_000 };

/**
 * Persistable usage. Days and months roll over in UTC: the service's own reset time is unpublished and
 * UTC at least does not jump with the user's travels or daylight-saving changes. `blockedDay`/`blockedMonth`
 * record that the service itself said the budget is spent (1002 / 1004), whatever our counters say.
 */
export interface Usage {
  day: string;
  month: string;
  requestsToday: number;
  requestsThisMonth: number;
  predictionsToday: number;
  predictionsThisMonth: number;
  recentStarts: number[];
  blockedDay: string;
  blockedMonth: string;
}

const MINUTE = 60_000;
/**
 * The limiter counts a request when it starts, the service when it arrives, a network trip later. Waiting
 * this much longer for a slot keeps the two sliding windows from disagreeing at the edge (which the
 * service answers with HTTP 429). Measured in the e2e test: without it the 3rd of 2-per-minute got a 429.
 */
export const WINDOW_MARGIN_MS = 1_500;
const dayKey = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 1e9) : 0);
const key = (v: unknown, re: RegExp) => (typeof v === 'string' && re.test(v) ? v : '');

/** Sanitises stored usage (storage is data we wrote, but may be corrupt or from an older version). */
export function usageFromJSON(data: unknown, now: number): Usage {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const starts = Array.isArray(d.recentStarts) ? d.recentStarts : [];
  return {
    day: key(d.day, /^\d{4}-\d{2}-\d{2}$/) || dayKey(now),
    month: key(d.month, /^\d{4}-\d{2}$/) || monthKey(now),
    requestsToday: count(d.requestsToday),
    requestsThisMonth: count(d.requestsThisMonth),
    predictionsToday: count(d.predictionsToday),
    predictionsThisMonth: count(d.predictionsThisMonth),
    // Starts "in the future" (clock moved back) would block for longer than a minute: drop them.
    recentStarts: starts.filter((t): t is number => typeof t === 'number' && t > now - MINUTE - WINDOW_MARGIN_MS && t <= now).slice(-1000),
    blockedDay: key(d.blockedDay, /^\d{4}-\d{2}-\d{2}$/),
    blockedMonth: key(d.blockedMonth, /^\d{4}-\d{2}$/),
  };
}

interface Job {
  task: () => Promise<ApiResult>;
  resolve: (r: ApiResult) => void;
}

const fail = (error: ApiError): ApiResult => ({ ok: false, error });

export class RateLimiter {
  private readonly queue: Job[] = [];
  private usage: Usage;
  private active = 0;
  private timer: unknown = null;

  constructor(
    private readonly limits: Limits,
    private readonly clock: Clock = systemClock,
    usage?: unknown,
  ) {
    this.usage = usageFromJSON(usage, clock.now());
  }

  static fromJSON(data: unknown, limits: Limits, clock: Clock = systemClock): RateLimiter {
    return new RateLimiter(limits, clock, data);
  }

  toJSON(): Usage {
    this.roll();
    return { ...this.usage, recentStarts: [...this.usage.recentStarts] };
  }

  counters() {
    this.roll();
    const { requestsToday, requestsThisMonth, predictionsToday, predictionsThisMonth } = this.usage;
    return { requestsToday, requestsThisMonth, predictionsToday, predictionsThisMonth, queued: this.queue.length, active: this.active };
  }

  /** Runs `task` when the limits allow; resolves to a local 'quota' error when the budget is spent. */
  schedule(task: () => Promise<ApiResult>): Promise<ApiResult> {
    return new Promise((resolve) => {
      this.roll();
      const refusal = this.budgetRefusal();
      if (refusal) return resolve(fail(refusal));
      if (this.queue.length >= (this.limits.maxQueue ?? 200)) {
        return resolve(fail(localQuotaError(phrase('faceblurest.queueFull'), true)));
      }
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  /** Refuses everything still waiting (e.g. the user turned the remote API off). */
  cancelAll(reason = phrase('faceblurest.turnedOff')): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const job of this.queue.splice(0)) job.resolve(fail(localQuotaError(reason, true)));
  }

  private roll(): void {
    const now = this.clock.now();
    const u = this.usage;
    if (u.day !== dayKey(now)) Object.assign(u, { day: dayKey(now), requestsToday: 0, predictionsToday: 0 });
    if (u.month !== monthKey(now)) Object.assign(u, { month: monthKey(now), requestsThisMonth: 0, predictionsThisMonth: 0 });
    u.recentStarts = u.recentStarts.filter((t) => t > now - MINUTE - WINDOW_MARGIN_MS);
  }

  private budgetRefusal(): ApiError | null {
    const { perDay, predictionsPerMonth } = this.limits;
    const u = this.usage;
    if (u.blockedDay === u.day || (perDay !== undefined && u.requestsToday >= perDay)) {
      return localQuotaError(perDay ? phrase('faceblurest.dayUsed', [perDay]) : phrase('faceblurest.dayUsedBare'), false);
    }
    if (u.blockedMonth === u.month || (predictionsPerMonth !== undefined && u.predictionsThisMonth >= predictionsPerMonth)) {
      return localQuotaError(phrase('faceblurest.monthUsed'), false);
    }
    return null;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < (this.limits.maxConcurrent ?? 2)) {
      this.roll();
      const refusal = this.budgetRefusal();
      if (refusal) {
        for (const job of this.queue.splice(0)) job.resolve(fail(refusal));
        return;
      }
      const { perMinute } = this.limits;
      const starts = this.usage.recentStarts;
      if (perMinute !== undefined && starts.length >= perMinute) {
        // Sliding window: wait until the oldest start of the last minute leaves it.
        const wait = (starts[starts.length - perMinute] ?? 0) + MINUTE + WINDOW_MARGIN_MS - this.clock.now();
        if (this.timer === null) {
          this.timer = this.clock.setTimeout(() => {
            this.timer = null;
            this.pump();
          }, Math.max(1, wait));
        }
        return;
      }
      this.start(this.queue.shift() as Job);
    }
  }

  private start(job: Job): void {
    const u = this.usage;
    u.recentStarts.push(this.clock.now());
    u.requestsToday += 1;
    u.requestsThisMonth += 1;
    this.active += 1;
    Promise.resolve()
      .then(job.task)
      .catch((e: unknown) => fail(networkError(e)))
      .then((result) => {
        this.active -= 1;
        this.record(result);
        job.resolve(result);
        this.pump();
      });
  }

  /** Bills returned predictions (the service also bills ones at or below 0.20 it does not return: an undercount). */
  private record(result: ApiResult): void {
    this.roll();
    const u = this.usage;
    if (result.ok) {
      u.predictionsToday += result.predictions.length;
      u.predictionsThisMonth += result.predictions.length;
    } else if (result.error.code === '1002') {
      u.blockedDay = u.day;
    } else if (result.error.code === '1004' && !result.error.retryable) {
      u.blockedMonth = u.month;
    }
  }
}
