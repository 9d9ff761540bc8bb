// Routes scan requests: picks on-device/remote/both, one detection per image however many frames ask, progress relayed.
import type { DelegatePreference } from '@/lib/detect/blazeface/delegate';
import type { DetectorChoice } from '@/lib/detect/engine';
import { covers, FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import type { Face } from '@/lib/face';
import { sendMessage, type ScanRequest, type ScanResult } from '@/lib/messages';
import { combineBoth, remoteToScan } from '@/lib/remote/combine';
import { loadSettings } from '@/lib/settings-store';
import { withDetector } from './offscreen';
import { chooseRoute, scanRemote, type Route } from './remote';

interface Asker {
  tabId: number;
  frameId: number;
}

interface Running {
  src: string;
  minFacePx: number;
  /** Scans the pixels one page sent, not the URL's file. */
  ownPixels: boolean;
  result: Promise<ScanResult>;
  askers: Asker[];
}

/**
 * Scans under way per image URL, route and detector; a request for the URL's file joins one that looks for faces at least as small. Results are
 * remembered by picture content where the pixels are read (lib/scan-cache.ts in the offscreen document, the remote
 * result cache), never here by URL: a URL may serve another picture next time.
 */
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
  const key = `${route.source} ${detector} ${request.src}`;
  const runs = inFlight.get(key) ?? [];
  // Requests that carry the page's own pixels neither join nor are joined: another frame's picture at the same URL may
  // differ (the offscreen cache still shares the work when the pixels are the same).
  const running = request.pixels ? undefined : runs.find((r) => !r.ownPixels && covers(r.minFacePx, minFacePx));
  if (running) {
    if (asker) running.askers.push(asker);
    return running.result;
  }
  const entry: Running = { src: request.src, minFacePx, ownPixels: !!request.pixels, result: detect({ ...request, minFacePx, detector, delegate }, route), askers: asker ? [asker] : [] };
  inFlight.set(key, [...runs, entry]);
  try {
    return await entry.result;
  } finally {
    const left = (inFlight.get(key) ?? []).filter((r) => r !== entry);
    if (left.length) inFlight.set(key, left);
    else inFlight.delete(key);
  }
}

type DetectRequest = ScanRequest & { minFacePx: number; detector: DetectorChoice; delegate: DelegatePreference };

/**
 * Remote failures never leave a face unblurred: "remote" falls back to on-device detection, "both"
 * keeps the on-device half.
 */
async function detect(request: DetectRequest, route: Route): Promise<ScanResult> {
  if (!route.remote) return detectLocal(request);
  if (route.source === 'remote') {
    const remote = await scanRemote(request, route.remote);
    return remote.ok ? remoteToScan(remote, request.minFacePx) : detectLocal(request);
  }
  const local = detectLocal(request);
  let remoteDone = false;
  // The image stays hidden until both answered; meanwhile cover what the device found.
  void local.then((r) => {
    if (r.ok && !remoteDone) relayProgress(request.src, r.faces);
  });
  const remote = await scanRemote(request, route.remote);
  remoteDone = true;
  return combineBoth(await local, remote, request.minFacePx);
}

async function detectLocal(request: DetectRequest): Promise<ScanResult> {
  try {
    const { delegate, ...detectRequest } = request;
    return await withDetector({ detector: request.detector, delegate }, () => sendMessage('detect', detectRequest));
  } catch (error) {
    // (A document that died mid-scan was recreated and asked again by withDetector: this failure would only repeat.)
    console.error('[FaceVeil] detection failed:', error);
    return { ok: false, reason: `detector unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Partial faces from the offscreen detector, passed on to the frames waiting for that image. */
export function relayProgress(src: string, faces: Face[]): void {
  for (const run of [...inFlight.values()].flat()) {
    if (run.src !== src) continue;
    for (const { tabId, frameId } of run.askers) {
      sendMessage('scanProgress', { src, faces }, { tabId, frameId }).catch(() => undefined);
    }
  }
}
