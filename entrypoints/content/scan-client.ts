// Asks the extension to scan one picture, retrying what the transport lost: a service worker stopped or an offscreen
// document recreated mid-scan must not leave the image blurred for good.
import { sendMessage, type ScanResult } from '@/lib/messages';

/** Waits before each retry (ms): the worker usually restarts within a few hundred ms. */
const RETRY_DELAYS_MS = [200, 400, 800, 1_600, 3_200];

export interface ScanAsk {
  /** What the scan is known by (an image's currentSrc; a texture's own name). */
  src: string;
  /** The picture's own pixels as a data URL, or null when the extension must fetch `src` itself. */
  read: () => Promise<string | null>;
  /** The picture's natural size, which boxes and `minFacePx` refer to. */
  natural: { w: number; h: number };
  /** Smallest face to find, natural px. */
  minFacePx: number;
  /** False once the answer is no longer wanted (the picture changed or left): retries stop. */
  wanted: () => boolean;
  /** `src` names one picture for good (a URL, not a texture slot the page draws into again): asks may be shared. */
  stable: boolean;
  /** `src` is a URL the extension may fetch itself when `read` gives nothing. */
  fetchable: boolean;
}

/** Finished results kept per ask, for pictures shown many times (a sprite sheet, a repeated avatar). */
const MEMO_SIZE = 200;
const memo = new Map<string, ScanResult>();
/** Asks under way, shared by everyone asking the same (the pixels read would be the same). */
const shared = new Map<string, { result: Promise<ScanResult | null>; askers: Set<() => boolean> }>();

/** Another detector finds other faces: results kept so far no longer answer. */
export function forgetScans(): void {
  memo.clear();
}

/** The scan result, or null when it stopped being wanted. Never throws. */
export async function requestScan(ask: ScanAsk): Promise<ScanResult | null> {
  if (!ask.stable) return scanOnce(ask);
  const key = `${ask.minFacePx}|${ask.natural.w}x${ask.natural.h}|${ask.src}`;
  const known = memo.get(key);
  if (known) return known;
  let entry = shared.get(key);
  if (!entry) {
    const askers = new Set<() => boolean>();
    const result = scanOnce({ ...ask, wanted: () => [...askers].some((wanted) => wanted()) });
    shared.set(key, (entry = { result, askers }));
    void result.then((r) => {
      shared.delete(key);
      if (r?.ok) {
        memo.delete(key);
        memo.set(key, r);
        if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
      }
    });
  }
  entry.askers.add(ask.wanted);
  const result = await entry.result;
  return ask.wanted() ? result : null;
}

async function scanOnce({ src, read, natural, minFacePx, wanted, fetchable }: ScanAsk): Promise<ScanResult | null> {
  const pixels = await read().catch(() => null);
  if (!pixels && !fetchable) return wanted() ? { ok: false, reason: 'its pixels cannot be read (another site\'s pixels drawn into it)' } : null;
  for (let attempt = 0; ; attempt++) {
    let result: ScanResult;
    try {
      result = await sendMessage('scanImage', { src, minFacePx, natural, pixels: pixels ?? undefined });
    } catch (error) {
      // After an extension update or reload this script is orphaned: nobody will ever answer.
      if (String(error).includes('Extension context invalidated')) return null;
      result = { ok: false, reason: `no answer from the extension (${String(error)})`, retry: true };
    }
    const delay = RETRY_DELAYS_MS[attempt];
    if (result.ok || !result.retry || delay === undefined) return wanted() ? result : null;
    console.debug(`[FaceVeil] scan not answered (${result.reason}); retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!wanted()) return null;
  }
}
