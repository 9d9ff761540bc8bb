// Sends FaceBlurest requests through one rate limiter whose usage counters survive service-worker restarts.
import { callFaceBlurest, type FetchLike } from '../faceblurest/client';
import { RateLimiter, systemClock, type Clock, type Limits, type Usage } from '../faceblurest/rate-limiter';
import { buildRequest } from '../faceblurest/request';
import type { ApiResult, RequestInput } from '../faceblurest/types';
import { phrase, type Phrase } from '../phrase';

export interface CallConfig {
  endpoint: string;
  username: string;
  password: string;
  limits: Limits;
  timeoutMs: number;
}

export interface ServiceDeps {
  fetch: FetchLike;
  loadUsage(): Promise<unknown>;
  saveUsage(usage: Usage): Promise<void>;
  clock?: Clock;
}

export class RemoteService {
  private limiter?: RateLimiter;
  private limitsKey = '';
  private loaded?: Promise<unknown>;
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ServiceDeps) {}

  /** Queues one request within the limits; always resolves (errors are ApiResults, as from the client). */
  async call(config: CallConfig, input: RequestInput, signal?: AbortSignal): Promise<ApiResult> {
    const limiter = await this.limiterFor(config.limits);
    const result = await limiter.schedule(async () => {
      // Counted at start: a worker that dies mid-request must still remember the request was made.
      this.persist(limiter);
      const req = buildRequest({ endpoint: config.endpoint, username: config.username, password: config.password, input });
      return callFaceBlurest(req, { fetch: this.deps.fetch, timeoutMs: config.timeoutMs, signal });
    });
    this.persist(limiter);
    return result;
  }

  /** Refuses everything still queued, e.g. remote detection was turned off; those images go on-device. */
  cancelQueued(reason?: Phrase): void {
    this.limiter?.cancelAll(reason);
  }

  /** Resolves when every usage write so far has landed (tests, and before reporting counters). */
  async settled(): Promise<void> {
    await this.saving;
  }

  /** One limiter per limits; a change carries the usage over and hands queued images back to on-device detection. */
  private async limiterFor(limits: Limits): Promise<RateLimiter> {
    this.loaded ??= this.deps.loadUsage().catch(() => null);
    const stored = await this.loaded;
    const key = JSON.stringify(limits);
    if (this.limiter && key === this.limitsKey) return this.limiter;
    const previous = this.limiter;
    previous?.cancelAll(phrase('faceblurest.settingsChanged'));
    this.limiter = RateLimiter.fromJSON(previous ? previous.toJSON() : stored, limits, this.deps.clock ?? systemClock);
    this.limitsKey = key;
    return this.limiter;
  }

  /** Writes are chained: each is a full snapshot, and an older one must never land after a newer one. */
  private persist(limiter: RateLimiter): void {
    const usage = limiter.toJSON();
    this.saving = this.saving.then(() => this.deps.saveUsage(usage)).catch((e: unknown) => console.warn('[FaceVeil] usage not saved:', e));
  }
}
