// Routes scan requests: picks on-device/remote/both, cache first, one detection per image however many frames ask, progress relayed.
import { sendMessage, type ScanRequest, type ScanResult } from '@/lib/messages';
import type { Face } from '@/lib/face';
import { combineBoth, remoteToScan } from '@/lib/remote/combine';
import { loadSettings } from '@/lib/settings';
import type { SearchDepth } from '@/lib/detect/config';
import type { DelegatePreference } from '@/lib/detect/delegate';
import { withDetector } from './offscreen';
import { chooseRoute, noteSaved, scanRemote, type Route } from './remote';
import { cachedScan, rememberScan } from './scan-cache';

interface Asker {
  tabId: number;
  frameId: number;
}

const inFlight = new Map<string, { result: Promise<ScanResult>; askers: Asker[] }>();

export async function scan(request: ScanRequest, asker: Asker | null): Promise<ScanResult> {
  const [{ searchDepth: depth, delegate }, route] = await Promise.all([
    loadSettings(),
    chooseRoute().catch((error: unknown): Route => {
      console.warn('[FaceVeil] remote settings unreadable; detecting on-device:', error);
      return { source: 'local' };
    }),
  ]);
  const keys = cacheKeys(request.src, depth, route);
  const hit = cachedScan(keys.route);
  if (hit) {
    if (route.remote) noteSaved();
    return hit;
  }
  const running = inFlight.get(request.src);
  if (running) {
    if (asker) running.askers.push(asker);
    return running.result;
  }
  const entry = { result: detect({ ...request, depth, delegate }, route, keys), askers: asker ? [asker] : [] };
  inFlight.set(request.src, entry);
  try {
    return await entry.result;
  } finally {
    inFlight.delete(request.src);
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
 * A deeper search can find more faces, so on-device results are kept per depth; remote ones do not
 * depend on it. Keyed per source too: after switching to the remote API, on-device results must not answer.
 */
function cacheKeys(src: string, depth: SearchDepth, route: Route): Keys {
  const local = `${depth} ${src}`;
  const key = route.source === 'local' ? local : route.source === 'remote' ? `remote ${src}` : `both/${depth} ${src}`;
  return { route: key, local, keep: /^https?:/.test(src) };
}

function remember(keys: Keys, which: 'route' | 'local', result: ScanResult): ScanResult {
  if (keys.keep) rememberScan(keys[which], result);
  return result;
}

type DetectRequest = ScanRequest & { depth: SearchDepth; delegate: DelegatePreference };

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
    return await withDetector(delegate, () => sendMessage('detect', detectRequest));
  } catch (error) {
    console.error('[FaceVeil] detection failed:', error);
    return { ok: false, reason: `detector unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Partial faces from the offscreen detector, passed on to the frames waiting for that image. */
export function relayProgress(src: string, faces: Face[]): void {
  for (const { tabId, frameId } of inFlight.get(src)?.askers ?? []) {
    sendMessage('scanProgress', { src, faces }, { tabId, frameId }).catch(() => undefined);
  }
}
