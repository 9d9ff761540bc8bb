// Offscreen document: hosts the one face detector and answers detection requests from the background worker.
import { planFor } from '@/lib/detect/config';
import { detectMultiScale } from '@/lib/detect/multi-scale';
import { onMessage, sendMessage, type ScanResult } from '@/lib/messages';
import { guardFetch } from '@/lib/network-guard';
import { decodeScanRequest, DecodeError } from './decode';
import { currentProbe, getDetector, probeDelegates, setPreference } from './detector-host';

const pageFetch = guardFetch(globalThis, location.origin);
const PROBE_DELAY_MS = 5_000;

// Detection runs one image at a time: the detector is single-threaded and a queue keeps memory flat.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

let probeTimer: ReturnType<typeof setTimeout> | undefined;

onMessage('loadDetector', async ({ data: preference }) => {
  await serially(() => setPreference(preference));
  const d = await getDetector();
  // Measure the GPU once things are quiet, not while the first page waits for its faces.
  probeTimer ??= setTimeout(() => void serially(probeDelegates), PROBE_DELAY_MS);
  return { loadMs: d.loadMs, model: 'face_detection_full_range', delegate: d.config.delegate, probe: currentProbe() };
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
      const { faces, tiles } = await detectMultiScale(d, bitmap, planFor(request.depth, bitmap.width, bitmap.height), (partial, final) => {
        if (!final) void sendMessage('scanProgress', { src: request.src, faces: partial }).catch(() => undefined);
      });
      const ms = performance.now() - started;
      return { ok: true, faces, width: bitmap.width, height: bitmap.height, ms, tiles, cached: false };
    } finally {
      bitmap.close();
    }
  }),
);
