// Local detections → a FaceBlurest success response, so the app answers in exactly the service's shape.
import type { Face } from '../face';
import { FACE_TAG_ID, FACE_TAG_NAME, type BoundingBox, type Prediction, type SuccessResponse } from './types';

/** The service returns only predictions with a probability strictly above this. */
export const SERVICE_MIN_PROBABILITY = 0.2;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The box clipped to the image ([0,1] on both axes), or null when nothing of it is inside. */
export function clipBox(box: Face['box']): BoundingBox | null {
  const left = clamp01(box.x);
  const top = clamp01(box.y);
  // A box already inside keeps its exact numbers (x + w - x need not equal w in floating point).
  const width = box.x >= 0 && box.x + box.w <= 1 ? box.w : clamp01(box.x + box.w) - left;
  const height = box.y >= 0 && box.y + box.h <= 1 ? box.h : clamp01(box.y + box.h) - top;
  if (!(width > 0 && height > 0)) return null; // also rejects NaN
  return { left, top, width, height };
}

/** Faces the service would report: above its threshold, with a box inside the image. */
export function serviceFaces(faces: readonly Face[]): Face[] {
  return faces.filter((f) => toPrediction(f) !== null);
}

export function toPrediction(face: Face): Prediction | null {
  const boundingBox = clipBox(face.box);
  if (!boundingBox || !(face.score > SERVICE_MIN_PROBABILITY)) return null;
  return { probability: Math.min(1, face.score), tagId: FACE_TAG_ID, tagName: FACE_TAG_NAME, boundingBox, boundingBoxPhoto: '' };
}

/**
 * The response the service would send for these faces, most probable first. `finalPhoto` is the bare
 * base64 of the photo with those faces blurred; `created` is the time of the request.
 */
export function buildSuccessResponse(faces: readonly Face[], finalPhoto: string, created: Date): SuccessResponse {
  const predictions = faces
    .map(toPrediction)
    .filter((p): p is Prediction => p !== null)
    .sort((a, b) => b.probability - a.probability);
  return { created: created.toISOString(), predictions, final_photo: finalPhoto };
}
