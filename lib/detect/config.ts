// Where each engine's files live inside the extension (shipped at build time, never downloaded), shared by every context that loads a detector.
import type { DetectorChoice, EngineName } from './engine';

/** Each engine's WASM folder and model file: paths inside the extension here, full URLs once resolved. */
export type EngineAssets = Record<EngineName, { wasmBase: string; model: string }>;

export const ASSETS: EngineAssets = {
  blazeface: { wasmBase: '/mediapipe/', model: '/models/face_detection_full_range.tflite' },
  yunet: { wasmBase: '/ort/', model: '/models/yunet_n.onnx' },
};

/** The same, as URLs of this extension (`getURL` is browser.runtime.getURL). */
export function resolveAssets(getURL: (path: string) => string): EngineAssets {
  const at = ({ wasmBase, model }: EngineAssets[EngineName]) => ({ wasmBase: getURL(wasmBase), model: getURL(model) });
  return { blazeface: at(ASSETS.blazeface), yunet: at(ASSETS.yunet) };
}

/** The default detector, chosen on the dev set (README, "How detection works"). */
export const DEFAULT_DETECTOR: DetectorChoice = 'yunet';
