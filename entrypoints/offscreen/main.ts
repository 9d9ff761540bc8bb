// Offscreen document: hosts the face detector and answers detection requests from the background worker.
import { createFaceDetector } from '@/lib/detect/detector';
import { renderPolarViews } from '@/lib/detect/polar-render';
import { mergeDetections } from '@/lib/detect/merge';
import type { Face } from '@/lib/face';
import { enginesOf, type DetectorChoice } from '@/lib/detect/engine';
import { FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import { onMessage, sendMessage, type DetectorStatus, type ScanRequest, type ScanResult } from '@/lib/messages';
import { hashBytes } from '@/lib/faceblurest/cache';
import { guardFetch } from '@/lib/network-guard';
import { ScanCache } from '@/lib/scan-cache';
import { currentProbe, getBlazeface, probeDelegates, setPreference } from './blazeface-host';
import { decodeScanBytes, DecodeError, readScanBytes, type Decoded } from './decode';
import { withMosaics } from './mosaics';
import { getEngine, getYunet } from './engines';

const pageFetch = guardFetch(globalThis, location.origin);
const detector = createFaceDetector(getEngine, renderPolarViews);
const cache = new ScanCache();
const PROBE_DELAY_MS = 5_000;

type DetectRequest = ScanRequest & { detector: DetectorChoice };

// Detection takes turns, one image at a time: the engines use every core already.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Pictures decoded and not yet scanned, at most: downloads run side by side (a slow server must not hold up the
 * others), but a decoded picture can take hundreds of MB, so only a couple wait for their turn at once.
 */
const DECODED_AHEAD = 2;
let decodedNow = 0;
const waitingToDecode: (() => void)[] = [];
async function decodeSlot(): Promise<() => void> {
  if (decodedNow >= DECODED_AHEAD) await new Promise<void>((resolve) => waitingToDecode.push(resolve));
  decodedNow++;
  return () => {
    decodedNow--;
    waitingToDecode.shift()?.();
  };
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

onMessage('detect', async ({ data: request }): Promise<ScanResult> => {
  const minFacePx = request.minFacePx ?? FULL_RESOLUTION_MIN_FACE_PX;
  let release: (() => void) | undefined;
  try {
    let decoded: Decoded;
    let key: string;
    try {
      const bytes = await readScanBytes(request, pageFetch);
      // By content, never by URL: a URL may serve another picture now than last time.
      key = `${request.detector} ${await hashBytes(new Uint8Array(await bytes.arrayBuffer()))}`;
      const hit = cache.get(key, minFacePx, request.natural);
      if (hit) return hit;
      release = await decodeSlot();
      decoded = await decodeScanBytes(bytes, request);
    } catch (error) {
      const reason = error instanceof DecodeError ? error.message : `decode failed: ${String(error)}`;
      console.warn('[FaceVeil] not scanned:', request.src.slice(0, 200), '-', reason);
      return { ok: false, reason };
    }
    return await serially(async () => {
      try {
        // The same picture may have been scanned while this one waited.
        return cache.get(key, minFacePx, decoded.natural) ?? (await scan(request, decoded, key, minFacePx));
      } finally {
        for (const frame of decoded.frames) frame.close();
      }
    });
  } finally {
    release?.();
  }
});

/** Scans run so far and their detection time: `npm run bench` reads them over DevTools (this page is the extension's own). */
const scanStats = { count: 0, ms: 0 };
(globalThis as { faceveilScanStats?: typeof scanStats }).faceveilScanStats = scanStats;

async function scan(request: DetectRequest, { frames, natural }: Decoded, key: string, minFacePx: number): Promise<ScanResult> {
  const started = performance.now();
  const faces: Face[] = [];
  let [calls, reachedPx] = [0, minFacePx];
  for (const [i, frame] of frames.entries()) {
    const found = await detector.detect(frame, {
      detector: request.detector,
      // The request's sizes are natural px; the frame may be smaller (shrunk by the page, or on decode).
      minFacePx: (minFacePx * frame.width) / natural.w,
      onProgress: (partial) => {
        if (i === 0) void sendMessage('scanProgress', { src: request.src, faces: withMosaics(partial, frame) }).catch(() => undefined);
      },
    });
    // An animation's faces are those of every frame: the cover holds still while the picture moves.
    faces.splice(0, faces.length, ...mergeDetections([...faces, ...withMosaics(found.faces, frame)]));
    calls += found.calls;
    // Caps (a call budget, the largest pass) can stop a search short of what was asked; scanning the same pixels
    // again would stop at the same place, so coverage stays what was asked, and the shortfall is reported.
    reachedPx = Math.max(reachedPx, (found.minFacePx * natural.w) / frame.width);
  }
  if (reachedPx > minFacePx * 1.01) console.debug(`[FaceVeil] asked for faces from ${minFacePx.toFixed(1)} px, reached ${reachedPx.toFixed(1)} px:`, request.src.slice(0, 120));
  const result: ScanResult = { ok: true, faces, width: natural.w, height: natural.h, ms: performance.now() - started, calls, minFacePx, reachedPx, cached: false };
  cache.set(key, result);
  scanStats.count++;
  scanStats.ms += result.ms;
  return result;
}
