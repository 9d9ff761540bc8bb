// Loading engines for the facade: each model once, on first use, with its score floor set from the calibrated one.
import { BLAZEFACE_CALIBRATION } from './blazeface/calibration';
import type { Delegate } from './blazeface/delegate';
import { blazefaceEngine } from './blazeface/engine';
import { loadDetector, type LoadedDetector } from './blazeface/model';
import { rawScoreFor } from './calibration';
import type { EngineAssets } from './config';
import { DETECTOR_FLOOR } from './detector';
import type { Engine, EngineName } from './engine';
import type { TileModel } from './run-tiles';
import { YUNET_CALIBRATION } from './yunet/calibration';
import { yunetEngine } from './yunet/engine';
import { loadYunet, type YunetModel } from './yunet/model';

export function loadYunetModel(assets: EngineAssets): Promise<YunetModel> {
  const { wasmBase, model } = assets.yunet;
  return loadYunet({ wasmBase, modelUrl: model, minScore: rawScoreFor(DETECTOR_FLOOR, YUNET_CALIBRATION) });
}

export function loadBlazefaceModel(assets: EngineAssets, delegate: Delegate): Promise<LoadedDetector> {
  const { wasmBase, model } = assets.blazeface;
  // MediaPipe wants a floor in (0, 1); a calibration could map the calibrated floor outside it.
  const minScore = Math.max(0.05, rawScoreFor(DETECTOR_FLOOR, BLAZEFACE_CALIBRATION));
  return loadDetector({ wasmBase, modelUrl: model, delegate, minScore });
}

/** `load()` once; a failed load is forgotten, so the next caller tries again. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** The facade's engine source over two model loaders (the host decides how each model is loaded and kept). */
export function engineSource(models: { yunet: () => Promise<TileModel>; blazeface: () => Promise<TileModel> }): (name: EngineName) => Promise<Engine> {
  return async (name) => (name === 'yunet' ? yunetEngine(await models.yunet()) : blazefaceEngine(await models.blazeface()));
}
