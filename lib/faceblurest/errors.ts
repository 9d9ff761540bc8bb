// Maps every FaceBlurest failure (service codes, HTTP status, transport) to one user-facing ApiError.
import type { ApiError, ErrorKind } from './types';

// Every message ends by saying faces are still blurred locally: `fallback` is true for every error,
// because a remote failure must never leave a face on the page unblurred. `retryable` is what differs:
// transient failures may succeed later, the rest need the user (credentials, plan) or a different image.
const LOCAL = 'FaceVeil is blurring faces with on-device detection instead.';

interface Entry {
  kind: ErrorKind;
  retryable: boolean;
  text: string;
}

const CODES: Record<string, Entry> = {
  '1001': { kind: 'auth', retryable: false, text: 'FaceBlurest did not receive a valid login. Check the username and password in FaceVeil settings.' },
  '1002': { kind: 'quota', retryable: false, text: "The FaceBlurest trial's 50 requests for today are used up. Try again tomorrow or upgrade to a paid plan." },
  '1003': { kind: 'expired', retryable: false, text: 'Your FaceBlurest trial has expired. Buy a FaceBlurest package or turn the remote API off.' },
  '1004': { kind: 'quota', retryable: false, text: 'Your FaceBlurest quota is used up (paid plans include 10,000 predictions a month). Wait for it to renew or upgrade your plan.' },
  '1005': { kind: 'expired', retryable: false, text: 'Your FaceBlurest package has expired. Renew it or turn the remote API off.' },
  '1006': { kind: 'billing', retryable: false, text: 'FaceBlurest found no invoice for your account. Check your subscription with FaceBlurest.' },
  // 1007/1008: the trial lookup found no account, which in practice means unknown credentials.
  '1007': { kind: 'auth', retryable: false, text: 'FaceBlurest could not find your account. Check the username and password in FaceVeil settings.' },
  '1008': { kind: 'auth', retryable: false, text: 'FaceBlurest could not look up your account. Check the username and password in FaceVeil settings.' },
  '1009': { kind: 'service', retryable: true, text: 'FaceBlurest had a database error while checking your trial. Try again later.' },
  '1010': { kind: 'billing', retryable: false, text: 'FaceBlurest could not find an invoice for your account. Check your subscription with FaceBlurest.' },
  '1011': { kind: 'billing', retryable: false, text: 'FaceBlurest could not look up your invoice. Check your subscription with FaceBlurest.' },
  '1012': { kind: 'service', retryable: true, text: 'FaceBlurest had a database error. Try again later.' },
  '1013': { kind: 'too-large', retryable: false, text: 'FaceBlurest refused the image because the request was empty or over its 5 MB limit.' },
  '1014': { kind: 'bad-request', retryable: false, text: 'FaceBlurest rejected the request as invalid.' },
  '2001': { kind: 'bad-request', retryable: false, text: 'FaceBlurest could not process this image.' },
};

/** Codes whose description carries a useful detail worth showing. */
const WITH_DETAIL = new Set(['1009', '1012', '1014', '2001']);

/** Makes untrusted text safe to show: no control characters, collapsed whitespace, bounded length. */
export function cleanText(value: unknown, max = 200): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const flat = value.slice(0, max * 4).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/g, ' ');
  const squeezed = flat.replace(/\s+/g, ' ').trim();
  return squeezed.length > max ? `${squeezed.slice(0, max - 1)}…` : squeezed;
}

function make(code: string | null, kind: ErrorKind, retryable: boolean, text: string, status?: number): ApiError {
  const error: ApiError = { code, kind, message: `${text} ${LOCAL}`, retryable, fallback: true };
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
    return make(code, 'quota', true, 'Error 1004: FaceBlurest got too many requests this minute; FaceVeil is slowing down.', status);
  }
  if (!known) {
    const what = detail ? `: "${detail}"` : ' without a description';
    return make(code, 'service', false, `FaceBlurest reported error ${code}${what}. If it keeps happening, contact FaceBlurest support.`, status);
  }
  const text = WITH_DETAIL.has(code) && detail ? `${known.text} (Details: ${detail})` : known.text;
  return make(code, known.kind, known.retryable, `Error ${code}: ${text}`, status);
}

/** Error for an HTTP failure whose body was not a service error array. */
export function errorFromHttpStatus(status: number): ApiError {
  if (status >= 500) return make(null, 'service', true, `The FaceBlurest server failed (HTTP ${status}). Try again later.`, status);
  if (status === 401 || status === 403) return make(null, 'auth', false, `FaceBlurest refused the login (HTTP ${status}). Check the username and password in FaceVeil settings.`, status);
  if (status === 402) return make(null, 'billing', false, 'FaceBlurest requires payment (HTTP 402). Check your subscription with FaceBlurest.', status);
  if (status === 408) return make(null, 'timeout', true, 'FaceBlurest timed out reading the request (HTTP 408). Try again later.', status);
  if (status === 413) return make(null, 'too-large', false, 'FaceBlurest refused the image as too large (HTTP 413).', status);
  if (status === 429) return make(null, 'quota', true, 'FaceBlurest is receiving too many requests (HTTP 429). FaceVeil will slow down; try again in a minute.', status);
  if (status === 404 || status === 405) return make(null, 'bad-request', false, `The FaceBlurest endpoint did not accept the request (HTTP ${status}). Check the endpoint URL in FaceVeil settings.`, status);
  if (status >= 400) return make(null, 'bad-request', false, `FaceBlurest rejected the request (HTTP ${status}).`, status);
  return make(null, 'unknown', false, `FaceBlurest answered with an unexpected HTTP status ${status}.`, status);
}

/** The answer arrived but is not something we can trust (not JSON, wrong shape, out-of-range numbers). */
export function invalidResponseError(reason: string, status?: number): ApiError {
  return make(null, 'invalid-response', true, `FaceBlurest sent an answer FaceVeil cannot use (${cleanText(reason, 120)}). If this keeps happening, check the endpoint URL.`, status);
}

export function timeoutError(timeoutMs: number): ApiError {
  return make(null, 'timeout', true, `FaceBlurest did not answer within ${Math.round(timeoutMs / 1000)} seconds. Check your connection or try again later.`);
}

export function networkError(detail?: unknown): ApiError {
  const why = detail instanceof Error ? cleanText(detail.message, 120) : '';
  return make(null, 'network', true, `FaceVeil could not reach FaceBlurest${why ? ` (${why})` : ''}. Check your internet connection and the endpoint URL.`);
}

/** The caller aborted the request (e.g. the image left the page); reported as a retryable network error. */
export function cancelledError(): ApiError {
  return make(null, 'network', true, 'The FaceBlurest request was cancelled.');
}

/** Refused before sending, e.g. an http:// endpoint or an oversized body: the user must change something. */
export function refusedError(kind: 'bad-request' | 'too-large', reason: string): ApiError {
  return make(null, kind, false, `FaceVeil did not send the image: ${cleanText(reason, 160)}`);
}

/** The client-side limiter refused to send (daily/monthly budget spent or queue full). */
export function localQuotaError(reason: string, retryable: boolean): ApiError {
  return make(null, 'quota', retryable, `FaceVeil did not send the image to FaceBlurest: ${cleanText(reason, 160)}`);
}
