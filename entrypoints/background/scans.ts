// Routes scan requests: picks on-device/remote/both, cache first, one detection per image however many frames ask, progress relayed.
import type { DetectorChoice } from '@/lib/detect/engine';
import type { DelegatePreference } from '@/lib/detect/blazeface/delegate';
import { covers, FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import type { Face } from '@/lib/face';
import { sendMessage, type ScanRequest, type ScanResult } from '@/lib/messages';
import { combineBoth, remoteToScan } from '@/lib/remote/combine';
import { loadSettings } from '@/lib/settings';
import { withDetector } from './offscreen';
import { chooseRoute, noteSaved, scanRemote, type Route } from './remote';
import { cachedScan, rememberScan } from './scan-cache';

interface Asker {
  tabId: number;
  frameId: number;
}

interface Running {
  minFacePx: number;
  result: Promise<ScanResult>;
  askers: Asker[];
}

/** Scans under way per image URL; a request joins one that looks for faces at least as small. */
const inFlight = new Map<string, Running[]>();

export async function scan(request: ScanRequest, asker: Asker | null): Promise<ScanResult> {
  const [{ detector, delegate }, route] = await Promise.all([
    loadSettings(),
    chooseRoute().catch((error: unknown): Route => {
      console.warn('[FaceVeil] remote settings unreadable; detecting on-device:', error);
      return { source: 'local' };
    }),
  ]);
  const minFacePx = request.minFacePx ?? FULL_RESOLUTION_MIN_FACE_PX;
  const keys = cacheKeys(request.src, detector, route);
  const hit = cachedScan(keys.route, minFacePx);
  if (hit) {
    if (route.remote) noteSaved();
    return hit;
  }
  const runs = inFlight.get(request.src) ?? [];
  const running = runs.find((r) => covers(r.minFacePx, minFacePx));
  if (running) {
    if (asker) running.askers.push(asker);
    return running.result;
  }
  const entry: Running = { minFacePx, result: detect({ ...request, minFacePx, detector, delegate }, route, keys), askers: asker ? [asker] : [] };
  inFlight.set(request.src, [...runs, entry]);
  try {
    return await entry.result;
  } finally {
    const left = (inFlight.get(request.src) ?? []).filter((r) => r !== entry);
    if (left.length) inFlight.set(request.src, left);
    else inFlight.delete(request.src);
  }
}

interface Keys {
  /** Where this route's result is remembered. */
  route: string;
  /** Where an on-device result is remembered (also the fallback when the remote API failed). */
  local: string;
  /** data: URLs are unique already and blob: URLs die with the page: not remembered. */
  keep: boolean;
}

/**
 * Engines find different faces, so on-device results are kept per detector; remote ones do not depend on
 * it. Keyed per source too: after switching to the remote API, on-device results must not answer.
 */
function cacheKeys(src: string, detector: DetectorChoice, route: Route): Keys {
  const local = `${detector} ${src}`;
  const key = route.source === 'local' ? local : route.source === 'remote' ? `remote ${src}` : `both/${detector} ${src}`;
  return { route: key, local, keep: /^https?:/.test(src) };
}

function remember(keys: Keys, which: 'route' | 'local', result: ScanResult): ScanResult {
  if (keys.keep) rememberScan(keys[which], result);
  return result;
}

type DetectRequest = ScanRequest & { minFacePx: number; detector: DetectorChoice; delegate: DelegatePreference };

/**
 * Remote failures never leave a face unblurred: "remote" falls back to on-device detection, "both"
 * keeps the on-device half. Fallback results are not remembered under the remote key, so the remote
 * API is asked again next time (pauses after errors keep that from hammering a failing service).
 */
async function detect(request: DetectRequest, route: Route, keys: Keys): Promise<ScanResult> {
  if (!route.remote) return remember(keys, 'local', await detectLocal(request));
  if (route.source === 'remote') {
    const remote = await scanRemote(request, route.remote);
    if (remote.ok) return remember(keys, 'route', remoteToScan(remote));
    return remember(keys, 'local', await detectLocal(request));
  }
  const local = detectLocal(request);
  let remoteDone = false;
  // The image stays hidden until both answered; meanwhile cover what the device found.
  void local.then((r) => {
    if (r.ok && !remoteDone) relayProgress(request.src, r.faces);
  });
  const remote = await scanRemote(request, route.remote);
  remoteDone = true;
  const result = combineBoth(await local, remote);
  return remember(keys, remote.ok ? 'route' : 'local', result);
}

async function detectLocal(request: DetectRequest): Promise<ScanResult> {
  try {
    const { delegate, ...detectRequest } = request;
    return await withDetector({ detector: request.detector, delegate }, () => sendMessage('detect', detectRequest));
  } catch (error) {
    console.error('[FaceVeil] detection failed:', error);
    return { ok: false, reason: `detector unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Partial faces from the offscreen detector, passed on to the frames waiting for that image. */
export function relayProgress(src: string, faces: Face[]): void {
  for (const run of inFlight.get(src) ?? []) {
    for (const { tabId, frameId } of run.askers) {
      sendMessage('scanProgress', { src, faces }, { tabId, frameId }).catch(() => undefined);
    }
  }
}
