// The request and response JSON the app shows: FaceBlurest's exact shapes, with photo base64 shortened for display.
import type { RequestBody, SuccessResponse } from '../faceblurest/types';
import { shortenBase64 } from './base64';

/** Where the photo came from: a file's bytes (base64 built when needed) or a URL. */
export type PhotoInput = { kind: 'file'; base64: string } | { kind: 'url'; url: string };

/** The body the API would receive: exactly one input set, the other the string "NO". */
export function requestBody(input: PhotoInput): RequestBody {
  return input.kind === 'file'
    ? { base64_Photo_String: input.base64, photo_url: 'NO' }
    : { base64_Photo_String: 'NO', photo_url: input.url };
}

/** The response with `final_photo` shortened, for display (Copy JSON gives the full one). */
export function displayResponse(response: SuccessResponse): SuccessResponse {
  return { ...response, final_photo: shortenBase64(response.final_photo) };
}

/** Pretty JSON, as a reader (or a diff) wants it. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
