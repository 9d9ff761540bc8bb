// One FaceVeil per frame, stopped only by FaceVeil. WXT stops a content script when another copy starts in its frame,
// through a DOM event any page can send: one line of page script would leave every later image hidden. That event
// is ignored. A second copy of this version shares our isolated world, which no page can reach, and stops us there;
// a copy of a newer version (after an update) lives in another world and only announces itself: we stop if we are
// really cut off from the extension, which no page can fake.

import { markImage } from './marks';
import { OVERLAY_TAG } from './overlay';
import { deepQueryAll } from './watch-elements';

const KEY = Symbol.for('faceveil.content-script');
const STARTED_EVENT = 'faceveil-content-script-started';
const ORPHAN_CHECK_MS = 2_000;

/**
 * Registers this copy. `stop(handOver)`: handOver is true when a newer copy has started and will cover the frame's
 * images again; false when the extension is gone (disabled or removed) and nothing will.
 */
export function claimFrame(stop: (handOver: boolean) => void, signal: AbortSignal): void {
  const world = globalThis as { [KEY]?: () => void };
  world[KEY]?.();
  world[KEY] = () => stop(true);
  document.dispatchEvent(new Event(STARTED_EVENT));
  clearLeftovers();
  const cutOff = () => !chrome.runtime?.id;
  document.addEventListener(STARTED_EVENT, () => cutOff() && stop(true), { signal });
  const timer = setInterval(() => cutOff() && stop(false), ORPHAN_CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}

/**
 * Covers and marks an older copy left (one cut off before it heard of us keeps them): gone before anything paints,
 * so its images hide again until this copy has scanned them, and no stale cover stays behind.
 */
function clearLeftovers(): void {
  for (const cover of deepQueryAll(OVERLAY_TAG)) cover.remove();
  for (const img of deepQueryAll<HTMLImageElement>('img[data-faceveil]')) markImage(img, null);
}
