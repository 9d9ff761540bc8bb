// MediaPipe's BlazeFace (tasks-vision FaceDetector): load once, detect on any image source, return normalized faces with raw scores.
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { Face } from '../../face';
import type { Delegate } from './delegate';

export interface DetectorConfig {
  /** Folder (URL) holding tasks-vision's WASM files, shipped inside the extension. */
  wasmBase: string;
  /** URL of a BlazeFace model that carries TFLite metadata (see lib/model). */
  modelUrl: string;
  delegate: Delegate;
  /**
   * Lowest score the detector reports. Kept below any threshold a user can pick, so that a
   * threshold change applies to cached results without rescanning.
   */
  minScore: number;
}

export interface LoadedDetector {
  detect(image: TexImageSource, width: number, height: number): Face[];
  close(): void;
  loadMs: number;
  config: DetectorConfig;
}

export async function loadDetector(config: DetectorConfig): Promise<LoadedDetector> {
  const started = performance.now();
  const fileset = await FilesetResolver.forVisionTasks(config.wasmBase);
  const detector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: config.modelUrl, delegate: config.delegate },
    // The GPU delegate needs a WebGL context of its own; an OffscreenCanvas works in any extension page.
    canvas: config.delegate === 'GPU' ? new OffscreenCanvas(1, 1) : undefined,
    runningMode: 'IMAGE',
    minDetectionConfidence: config.minScore,
  });
  return {
    config,
    loadMs: performance.now() - started,
    detect(image, width, height) {
      const { detections } = detector.detect(image);
      return detections.flatMap((d) => {
        const b = d.boundingBox;
        if (!b || width <= 0 || height <= 0) return [];
        const score = d.categories[0]?.score ?? 0;
        return [{ box: { x: b.originX / width, y: b.originY / height, w: b.width / width, h: b.height / height }, score }];
      });
    },
    close: () => detector.close(),
  };
}
