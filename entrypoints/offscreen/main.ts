// Offscreen document: hosts the face detector and answers detection requests from the background worker.
import { createFaceDetector } from '@/lib/detect/detector';
import { enginesOf } from '@/lib/detect/engine';
import { FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import { onMessage, sendMessage, type DetectorStatus, type ScanResult } from '@/lib/messages';
import { guardFetch } from '@/lib/network-guard';
import { currentProbe, getBlazeface, probeDelegates, setPreference } from './blazeface-host';
import { decodeScanRequest, DecodeError, type Decoded } from './decode';
import { getEngine, getYunet } from './engines';

const pageFetch = guardFetch(globalThis, location.origin);
const detector = createFaceDetector(getEngine);
const PROBE_DELAY_MS = 5_000;

// One image at a time: the engines use every core already, and a queue keeps memory flat.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

let probeTimer: ReturnType<typeof setTimeout> | undefined;

onMessage('loadDetector', async ({ data: { detector: choice, delegate } }): Promise<DetectorStatus> => {
  await serially(() => setPreference(delegate));
  const needs = enginesOf(choice);
  const [yunet, blazeface] = await Promise.all([
    needs.includes('yunet') ? getYunet() : null,
    needs.includes('blazeface') ? getBlazeface() : null,
  ]);
  // Measure the GPU once things are quiet, not while the first page waits for its faces.
  if (blazeface) probeTimer ??= setTimeout(() => void serially(probeDelegates), PROBE_DELAY_MS);
  return {
    loadMs: (yunet?.loadMs ?? 0) + (blazeface?.loadMs ?? 0), // each engine's own load, however long ago
    detector: choice,
    threads: yunet?.threads ?? null,
    delegate: blazeface?.config.delegate ?? null,
    probe: currentProbe(),
  };
});

onMessage('detect', ({ data: request }) =>
  serially(async (): Promise<ScanResult> => {
    let decoded: Decoded;
    try {
      decoded = await decodeScanRequest(request, pageFetch);
    } catch (error) {
      const reason = error instanceof DecodeError ? error.message : `decode failed: ${String(error)}`;
      console.warn('[FaceVeil] not scanned:', request.src.slice(0, 200), '-', reason);
      return { ok: false, reason };
    }
    const { bitmap, natural } = decoded;
    try {
      // Sizes in the request are natural px; the pixels may have come shrunk (or been shrunk on decode).
      const minFacePx = request.minFacePx ?? FULL_RESOLUTION_MIN_FACE_PX;
      const started = performance.now();
      const { faces, calls } = await detector.detect(bitmap, {
        detector: request.detector,
        minFacePx: (minFacePx * bitmap.width) / natural.w,
        onProgress: (partial) => void sendMessage('scanProgress', { src: request.src, faces: partial }).catch(() => undefined),
      });
      const ms = performance.now() - started;
      return { ok: true, faces, width: natural.w, height: natural.h, ms, calls, minFacePx, cached: false };
    } finally {
      bitmap.close();
    }
  }),
);
