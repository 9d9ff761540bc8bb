// The product's detector configuration, shared by every place that loads a detector (offscreen document, app page).
import type { TilePlanOptions } from './tile-plan';

export const MODEL_PATH = '/models/face_detection_full_range.tflite';
export const WASM_PATH = '/mediapipe/';

/** Lowest score the detector reports: below every threshold a user can pick, so thresholds apply without rescanning. */
export const DETECTOR_FLOOR = 0.2;

/** The default multi-scale plan (see lib/detect/tile-plan.ts for what each knob costs). */
export const DEFAULT_PLAN: TilePlanOptions = {};
