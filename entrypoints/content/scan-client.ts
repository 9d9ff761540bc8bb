// Asks the extension to scan one image, retrying what the transport lost: a service worker stopped or an offscreen
// document recreated mid-scan must not leave the image blurred for good.
import { pixelScale } from '@/lib/detect/scale';
import type { DetectorChoice } from '@/lib/detect/engine';
import { sendMessage, type ScanResult } from '@/lib/messages';
import { readPixels } from './read-pixels';

/** Waits before each retry (ms): the worker usually restarts within a few hundred ms. */
const RETRY_DELAYS_MS = [200, 400, 800, 1_600, 3_200];

export interface ScanAsk {
  img: HTMLImageElement;
  src: string;
  /** Smallest face to find, natural px. */
  minFacePx: number;
  detector: DetectorChoice;
  /** False once the answer is no longer wanted (the image changed or left): retries stop. */
  wanted: () => boolean;
}

/** The scan result, or null when it stopped being wanted. Never throws. */
export async function requestScan({ img, src, minFacePx, detector, wanted }: ScanAsk): Promise<ScanResult | null> {
  // As fine as the image is drawn now; the pixels shrunk to what that needs (a thumbnail costs a fraction).
  const pixels = await readPixels(img, pixelScale(minFacePx, detector)).catch(() => null);
  const natural = { w: img.naturalWidth, h: img.naturalHeight };
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
