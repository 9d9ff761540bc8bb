// Offscreen document: hosts the one face detector and answers detection requests from the background worker.
import { browser } from 'wxt/browser';
import { DEFAULT_PLAN, DETECTOR_FLOOR, MODEL_PATH, WASM_PATH } from '@/lib/detect/config';
import { loadDetector, type LoadedDetector } from '@/lib/detect/face-detector';
import { detectMultiScale } from '@/lib/detect/multi-scale';
import { onMessage, sendMessage, type ScanResult } from '@/lib/messages';
import { guardFetch } from '@/lib/network-guard';
import { decodeScanRequest, DecodeError } from './decode';

const pageFetch = guardFetch(globalThis, location.origin);
const assetUrl = browser.runtime.getURL as (path: string) => string; // generated at build time, not in public/

let detector: Promise<LoadedDetector> | undefined;

function getDetector(): Promise<LoadedDetector> {
  detector ??= loadDetector({
    wasmBase: assetUrl(WASM_PATH),
    modelUrl: assetUrl(MODEL_PATH),
    delegate: 'CPU',
    minScore: DETECTOR_FLOOR,
  }).catch((error: unknown) => {
    detector = undefined; // let the next request try again
    throw error;
  });
  return detector;
}

// Detection runs one image at a time: the detector is single-threaded and a queue keeps memory flat.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

onMessage('loadDetector', async () => {
  const d = await getDetector();
  return { loadMs: d.loadMs, model: 'face_detection_full_range', delegate: d.config.delegate };
});

onMessage('detect', ({ data: request }) =>
  serially(async (): Promise<ScanResult> => {
    const d = await getDetector();
    let bitmap: ImageBitmap;
    try {
      bitmap = await decodeScanRequest(request, pageFetch);
    } catch (error) {
      const reason = error instanceof DecodeError ? error.message : `decode failed: ${String(error)}`;
      console.warn('[FaceVeil] not scanned:', request.src.slice(0, 200), '-', reason);
      return { ok: false, reason };
    }
    try {
      const started = performance.now();
      const { faces, tiles } = await detectMultiScale(d, bitmap, DEFAULT_PLAN, (partial, final) => {
        if (!final) void sendMessage('scanProgress', { src: request.src, faces: partial }).catch(() => undefined);
      });
      const ms = performance.now() - started;
      return { ok: true, faces, width: bitmap.width, height: bitmap.height, ms, tiles, cached: false };
    } finally {
      bitmap.close();
    }
  }),
);
