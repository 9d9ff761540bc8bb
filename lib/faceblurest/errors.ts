// Maps every FaceBlurest failure (service codes, HTTP status, transport) to one user-facing ApiError.
import { cleanText, phrase, type Phrase, type PhraseKey } from '../phrase';
import type { ApiError, ErrorKind } from './types';

// `fallback` is true for every error, because a remote failure must never leave a face on the page unblurred: the
// popup says faces are blurred on-device instead. `retryable` is what differs: transient failures may succeed later,
// the rest need the user (credentials, plan) or a different image.

interface Entry {
  kind: ErrorKind;
  retryable: boolean;
}

const CODES: Record<string, Entry> = {
  '1001': { kind: 'auth', retryable: false },
  '1002': { kind: 'quota', retryable: false },
  '1003': { kind: 'expired', retryable: false },
  '1004': { kind: 'quota', retryable: false },
  '1005': { kind: 'expired', retryable: false },
  '1006': { kind: 'billing', retryable: false },
  // 1007/1008: the trial lookup found no account, which in practice means unknown credentials.
  '1007': { kind: 'auth', retryable: false },
  '1008': { kind: 'auth', retryable: false },
  '1009': { kind: 'service', retryable: true },
  '1010': { kind: 'billing', retryable: false },
  '1011': { kind: 'billing', retryable: false },
  '1012': { kind: 'service', retryable: true },
  '1013': { kind: 'too-large', retryable: false },
  '1014': { kind: 'bad-request', retryable: false },
  '2001': { kind: 'bad-request', retryable: false },
};

/** Codes whose description carries a useful detail worth showing. */
const WITH_DETAIL = new Set(['1009', '1012', '1014', '2001']);

function make(code: string | null, kind: ErrorKind, retryable: boolean, text: Phrase, status?: number): ApiError {
  const error: ApiError = { code, kind, text, retryable, fallback: true };
  if (status !== undefined) error.status = status;
  return error;
}

/** Error for a service error body `[{cd, description}]`. Unknown codes (1015, 1016, ...) stay generic. */
export function errorFromCode(cd: string, description?: string, status?: number): ApiError {
  const code = cleanText(cd, 12) || '?';
  const detail = cleanText(description);
  const known = CODES[code];
  // The contract has no code for the per-minute limit; services answer 1004 with HTTP 429 for it.
  if (code === '1004' && status === 429) {
    return make(code, 'quota', true, phrase('faceblurest.withCode', [code, phrase('faceblurest.perMinute')]), status);
  }
  if (!known) {
    const text = detail ? phrase('faceblurest.unknownCode', [code, detail]) : phrase('faceblurest.unknownCodeBare', [code]);
    return make(code, 'service', false, text, status);
  }
  const meaning = phrase(`faceblurest.code${code}` as PhraseKey);
  const text = WITH_DETAIL.has(code) && detail ? phrase('faceblurest.withDetails', [meaning, detail]) : meaning;
  return make(code, known.kind, known.retryable, phrase('faceblurest.withCode', [code, text]), status);
}

/** Error for an HTTP failure whose body was not a service error array. */
export function errorFromHttpStatus(status: number): ApiError {
  const http = (kind: ErrorKind, retryable: boolean, key: PhraseKey) => make(null, kind, retryable, phrase(key, [String(status)]), status);
  if (status >= 500) return http('service', true, 'faceblurest.httpServer');
  if (status === 401 || status === 403) return http('auth', false, 'faceblurest.httpLogin');
  if (status === 402) return http('billing', false, 'faceblurest.httpPayment');
  if (status === 408) return http('timeout', true, 'faceblurest.httpTimeout');
  if (status === 413) return http('too-large', false, 'faceblurest.httpTooLarge');
  if (status === 429) return http('quota', true, 'faceblurest.httpBusy');
  if (status === 404 || status === 405) return http('bad-request', false, 'faceblurest.httpEndpoint');
  if (status >= 400) return http('bad-request', false, 'faceblurest.httpRejected');
  return http('unknown', false, 'faceblurest.httpOther');
}

/** The answer arrived but is not something we can trust (not JSON, wrong shape, out-of-range numbers). */
export function invalidResponseError(reason: Phrase, status?: number): ApiError {
  return make(null, 'invalid-response', true, phrase('faceblurest.unusable', [reason]), status);
}

export function timeoutError(timeoutMs: number): ApiError {
  const seconds = Math.round(timeoutMs / 1000);
  return make(null, 'timeout', true, phrase('faceblurest.timeout', [seconds], seconds));
}

export function networkError(detail?: unknown): ApiError {
  const why = detail instanceof Error ? cleanText(detail.message, 120) : '';
  return make(null, 'network', true, why ? phrase('faceblurest.unreachableWhy', [why]) : phrase('faceblurest.unreachable'));
}

/** The caller aborted the request (e.g. the image left the page); reported as a retryable network error. */
export function cancelledError(): ApiError {
  return make(null, 'network', true, phrase('faceblurest.cancelled'));
}

/** Refused before sending, e.g. an http:// endpoint or an oversized body: the user must change something. */
export function refusedError(kind: 'bad-request' | 'too-large', reason: Phrase): ApiError {
  return make(null, kind, false, phrase('faceblurest.notSent', [reason]));
}

/** The client-side limiter refused to send (daily/monthly budget spent or queue full). */
export function localQuotaError(reason: Phrase, retryable: boolean): ApiError {
  return make(null, 'quota', retryable, phrase('faceblurest.notSentToService', [reason]));
}
