// Routes scan requests: cache first, one detection per image however many frames ask, progress relayed to every asker.
import { sendMessage, type ScanRequest, type ScanResult } from '@/lib/messages';
import { loadSettings } from '@/lib/settings';
import type { SearchDepth } from '@/lib/detect/config';
import type { Face } from '@/lib/face';
import { withDetector } from './offscreen';
import { cachedScan, rememberScan } from './scan-cache';

interface Asker {
  tabId: number;
  frameId: number;
}

const inFlight = new Map<string, { result: Promise<ScanResult>; askers: Asker[] }>();

export async function scan(request: ScanRequest, asker: Asker | null): Promise<ScanResult> {
  const { searchDepth: depth } = await loadSettings();
  // A deeper search can find more faces in the same picture, so results are kept per depth.
  const key = `${depth} ${request.src}`;
  const hit = cachedScan(key);
  if (hit) return hit;
  const running = inFlight.get(request.src);
  if (running) {
    if (asker) running.askers.push(asker);
    return running.result;
  }
  const entry = { result: detect(request, depth, key), askers: asker ? [asker] : [] };
  inFlight.set(request.src, entry);
  try {
    return await entry.result;
  } finally {
    inFlight.delete(request.src);
  }
}

async function detect(request: ScanRequest, depth: SearchDepth, key: string): Promise<ScanResult> {
  try {
    const result = await withDetector(() => sendMessage('detect', { ...request, depth }));
    if (/^https?:/.test(request.src)) rememberScan(key, result);
    return result;
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
