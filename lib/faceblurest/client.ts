// Sends one FaceBlurest request through an injected fetch with a timeout; always resolves to an ApiResult.
import { phrase } from '../phrase';
import { cancelledError, invalidResponseError, networkError, refusedError, timeoutError } from './errors';
import { checkEndpoint, fitsSizeLimit } from './request';
import type { ApiError, ApiResult, BuiltRequest } from './types';
import { MAX_BODY_CHARS, parseResponse } from './validate';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The part of a fetch Response the client uses; `body` lets it stop reading an oversized answer early. */
export interface ResponseLike {
  status: number;
  text(): Promise<string>;
  body?: ReadableStream<Uint8Array> | null;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect: 'error';
  credentials: 'omit';
  cache: 'no-store';
}

/** Injected so unit tests use a fake; in the extension pass `globalThis.fetch`. */
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

export interface CallOptions {
  fetch: FetchLike;
  timeoutMs?: number;
  /** Caller's cancellation (e.g. the image left the page); resolves as a 'network' error. */
  signal?: AbortSignal;
}

const fail = (error: ApiError): ApiResult => ({ ok: false, error });

/** Reads at most `max` bytes; null when the answer is larger (a hostile server could stream forever). */
async function readCapped(response: ResponseLike, max: number): Promise<string | null> {
  const reader = response.body && typeof response.body.getReader === 'function' ? response.body.getReader() : null;
  if (!reader) {
    const text = await response.text();
    return text.length > max ? null : text;
  }
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

async function exchange(req: BuiltRequest, fetchFn: FetchLike, signal: AbortSignal): Promise<ApiResult> {
  let response: ResponseLike;
  try {
    // redirect 'error': a redirect could carry the Authorization header to a host the user never configured.
    response = await fetchFn(req.url, {
      method: req.init.method,
      headers: { ...req.init.headers },
      body: req.init.body,
      signal,
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    return fail(networkError(e));
  }
  try {
    const text = await readCapped(response, MAX_BODY_CHARS);
    if (text === null) return fail(invalidResponseError(phrase('faceblurest.answer.tooLarge'), response.status));
    return parseResponse(response.status, text);
  } catch (e) {
    // The connection broke while the answer was being read.
    return fail(networkError(e));
  }
}

/**
 * Calls the API. Refuses (without sending) a non-https endpoint or an oversized body, then races the
 * exchange against the timeout/caller abort, so even a fake or broken fetch that ignores the signal
 * cannot hang the caller. Never throws: every failure maps to an ApiError via errors.ts.
 */
export async function callFaceBlurest(req: BuiltRequest, opts: CallOptions): Promise<ApiResult> {
  const endpoint = checkEndpoint(req.url);
  if (!endpoint.ok) return fail(refusedError('bad-request', endpoint.reason));
  if (!fitsSizeLimit(req)) {
    return fail(refusedError('too-large', phrase('faceblurest.tooLargeToSend')));
  }
  if (opts.signal?.aborted) return fail(cancelledError());

  const timeoutMs = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const forwardAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', forwardAbort, { once: true });
  const stopped = new Promise<ApiResult>((resolve) => {
    controller.signal.addEventListener(
      'abort',
      () => resolve(fail(timedOut ? timeoutError(timeoutMs) : cancelledError())),
      { once: true },
    );
  });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await Promise.race([exchange(req, opts.fetch, controller.signal), stopped]);
  } catch (e) {
    return fail(networkError(e));
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', forwardAbort);
  }
}
