// Wire and result types for the FaceBlurest REST API (contract: /work/shared/faceblurest-api.md).
import type { Phrase } from '../phrase';

/** The fixed tag UUID the service uses for its only tag, "Human Face". */
export const FACE_TAG_ID = '6b333d95-e461-4155-890c-9921158f7d17';
export const FACE_TAG_NAME = 'Human Face';

/** JSON body of a request: exactly one input is set, the other is the literal string "NO". */
export interface RequestBody {
  base64_Photo_String: string;
  photo_url: string;
}

/** Box normalized to the image: (left, top) is the top-left corner, all values fractions of width/height. */
export interface BoundingBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One detected face as the service sends it (after validation by validate.ts). */
export interface Prediction {
  probability: number;
  tagId: string;
  tagName: string;
  boundingBox: BoundingBox;
  boundingBoxPhoto: string;
}

/** HTTP 200 success body. */
export interface SuccessResponse {
  created: string;
  predictions: Prediction[];
  final_photo: string;
}

/** One entry of an error body; the service sends `[{cd, description}]` with cd a numeric string. */
export interface ErrorEntry {
  cd: string;
  description: string;
}
export type ErrorResponse = ErrorEntry[];

export type ErrorKind =
  | 'auth'
  | 'quota'
  | 'expired'
  | 'billing'
  | 'service'
  | 'too-large'
  | 'bad-request'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'unknown';

/** Everything a caller needs to react to a failure without knowing FaceBlurest's codes. */
export interface ApiError {
  /** The service's `cd` ("1001"...), or null when the failure was not a service error body. */
  code: string | null;
  kind: ErrorKind;
  /** What happened and what to do, for the user. */
  text: Phrase;
  /** Whether the same request may succeed later without the user changing anything. */
  retryable: boolean;
  /** Whether this image should be handled by local detection instead (faces must still be blurred). */
  fallback: boolean;
  /** HTTP status when one was received. */
  status?: number;
}

export type ApiResult =
  | { ok: true; created: string; predictions: Prediction[] }
  | { ok: false; error: ApiError };

/** The one image input a request carries. */
export type RequestInput = { base64: string } | { photoUrl: string };

/** A ready-to-send request: fetch(url, init). Headers are a plain record so the object is serializable. */
export interface BuiltRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string };
}
