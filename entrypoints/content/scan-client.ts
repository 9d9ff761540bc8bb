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
}

/** The scan result, or null when it stopped being wanted. Never throws. */
export async function requestScan({ src, read, natural, minFacePx, wanted }: ScanAsk): Promise<ScanResult | null> {
  const pixels = await read().catch(() => null);
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
