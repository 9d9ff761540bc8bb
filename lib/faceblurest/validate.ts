// Turns an untrusted FaceBlurest HTTP answer into validated predictions or an ApiError; never throws.
import type { Face } from '../face';
import { cleanText, phrase, phraseOf, type KeysUnder, type Phrase, type PhraseValue } from '../phrase';
import { errorFromCode, errorFromHttpStatus, invalidResponseError } from './errors';
import { FACE_TAG_ID, FACE_TAG_NAME, type ApiError, type BoundingBox, type Prediction } from './types';

/** More faces than this in one photo means a broken or hostile server: reject rather than truncate. */
export const MAX_PREDICTIONS = 1000;
/** A legitimate body echoes a <5 MB photo as base64 in final_photo; anything far larger is refused unparsed. */
export const MAX_BODY_CHARS = 16 * 1024 * 1024;
/** Float slack for coordinates that are "0" or "1" give or take rounding. */
const EPS = 1e-6;

export type ParsedResponse =
  | { ok: true; created: string; predictions: Prediction[] }
  | { ok: false; error: ApiError };

type Checked<T> = { ok: true; value: T } | { ok: false; reason: Phrase };

/** What is wrong with an answer, as the `faceblurest.unusable` sentence says it. */
const wrong = (what: KeysUnder<'faceblurest.answer'>, subs?: PhraseValue[]): Phrase => phrase(`faceblurest.answer.${what}`, subs);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Box rules. The whole response is rejected (so the caller falls back to local detection, which still
 * blurs the face) when a number is missing/non-finite, left/top lie outside [0,1], or width/height are
 * negative or above 1. A box that starts inside the image but extends past its right/bottom edge is
 * clipped to the edge, since detectors legitimately report faces cut off by the frame. A box whose size
 * is zero (before or after clipping) covers nothing and is dropped.
 */
function checkBox(raw: unknown): Checked<BoundingBox | null> {
  if (!isObject(raw)) return { ok: false, reason: wrong('boxNotObject') };
  const { left, top, width, height } = raw;
  if (!isNum(left) || !isNum(top) || !isNum(width) || !isNum(height)) return { ok: false, reason: wrong('boxNotNumber') };
  if (left < -EPS || top < -EPS || left > 1 + EPS || top > 1 + EPS) return { ok: false, reason: wrong('boxOutside') };
  if (width < 0 || height < 0) return { ok: false, reason: wrong('boxNegative') };
  if (width > 1 + EPS || height > 1 + EPS) return { ok: false, reason: wrong('boxTooLarge') };
  const x = Math.min(1, Math.max(0, left));
  const y = Math.min(1, Math.max(0, top));
  const w = Math.min(width, 1 - x);
  const h = Math.min(height, 1 - y);
  if (w <= 0 || h <= 0) return { ok: true, value: null };
  return { ok: true, value: { left: x, top: y, width: w, height: h } };
}

/** tagId/tagName are not used for anything but must be short strings if present; we do not filter on them. */
function checkPrediction(raw: unknown): Checked<Prediction | null> {
  if (!isObject(raw)) return { ok: false, reason: wrong('notPrediction') };
  const { probability, tagId, tagName, boundingBox, boundingBoxPhoto } = raw;
  if (!isNum(probability) || probability < 0 || probability > 1) return { ok: false, reason: wrong('probability') };
  if ((tagId !== undefined && typeof tagId !== 'string') || (tagName !== undefined && typeof tagName !== 'string')) {
    return { ok: false, reason: wrong('tag') };
  }
  const box = checkBox(boundingBox);
  if (!box.ok || box.value === null) return box as Checked<null>;
  return {
    ok: true,
    value: {
      probability,
      tagId: cleanText(tagId ?? FACE_TAG_ID, 64),
      tagName: cleanText(tagName ?? FACE_TAG_NAME, 64),
      boundingBox: box.value,
      // Often "" and never used by FaceVeil; not kept, so a huge value costs nothing after parsing.
      boundingBoxPhoto: typeof boundingBoxPhoto === 'string' && boundingBoxPhoto.length <= 256 ? boundingBoxPhoto : '',
    },
  };
}

/** Reads an error body `[{cd, description}]`; cd may arrive as a number from a sloppy server. */
function errorFromArray(body: unknown[], status: number): ApiError {
  const first: unknown = body[0];
  if (!isObject(first) || !(typeof first.cd === 'string' || isNum(first.cd))) {
    return invalidResponseError(wrong('noCode'), status);
  }
  const error = errorFromCode(String(first.cd), typeof first.description === 'string' ? first.description : '', status);
  // The contract has no code for the per-minute limit; HTTP 429 marks it, and it passes with time.
  if (status === 429 && error.kind === 'quota') error.retryable = true;
  return error;
}

/**
 * Parses an HTTP status and body. An error array wins whatever the status (the service may send it with
 * 200 or a 4xx/5xx); otherwise a non-2xx status is an HTTP error, and a 2xx needs a valid success body.
 */
export function parseResponse(status: number, bodyText: string): ParsedResponse {
  try {
    if (typeof bodyText !== 'string' || bodyText.length > MAX_BODY_CHARS) {
      return { ok: false, error: status >= 200 && status < 300 ? invalidResponseError(wrong('tooLarge'), status) : errorFromHttpStatus(status) };
    }
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
    if (Array.isArray(body)) return { ok: false, error: errorFromArray(body, status) };
    if (status < 200 || status >= 300) return { ok: false, error: errorFromHttpStatus(status) };
    if (body === undefined) return { ok: false, error: invalidResponseError(wrong('notJson'), status) };
    if (!isObject(body)) return { ok: false, error: invalidResponseError(wrong('notObject'), status) };
    const raw = body.predictions;
    if (!Array.isArray(raw)) return { ok: false, error: invalidResponseError(wrong('noPredictions'), status) };
    if (raw.length > MAX_PREDICTIONS) return { ok: false, error: invalidResponseError(wrong('tooMany', [String(MAX_PREDICTIONS)]), status) };
    const predictions: Prediction[] = [];
    for (const item of raw) {
      const checked = checkPrediction(item);
      if (!checked.ok) return { ok: false, error: invalidResponseError(checked.reason, status) };
      if (checked.value) predictions.push(checked.value);
    }
    // `created` is informational only: keep it when it looks like a timestamp, never fail over it.
    const created = typeof body.created === 'string' && body.created.length <= 64 ? cleanText(body.created, 64) : '';
    return { ok: true, created, predictions };
  } catch (e) {
    // Defensive: nothing above should throw, but this function promises never to.
    return { ok: false, error: invalidResponseError(wrong('unexpected', [phraseOf(e)]), status) };
  }
}

/** Predictions → shared Face type. Like the service, keeps only probability strictly above the threshold. */
export function toFaces(predictions: readonly Prediction[], minProbability = 0.2): Face[] {
  return predictions
    .filter((p) => p.probability > minProbability)
    .map((p) => ({
      box: { x: p.boundingBox.left, y: p.boundingBox.top, w: p.boundingBox.width, h: p.boundingBox.height },
      score: p.probability,
    }));
}
