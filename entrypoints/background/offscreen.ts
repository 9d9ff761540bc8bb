// Keeps exactly one offscreen detector document alive: creates it on demand, and again if it died (Chrome-only API, kept here).
import type { DelegatePreference } from '@/lib/detect/delegate';
import { sendMessage, type DetectorStatus } from '@/lib/messages';

const PATH = 'offscreen.html';
let creating: Promise<void> | undefined;

async function hasDocument(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(PATH)],
  });
  return contexts.length > 0;
}

async function ensureDocument(): Promise<void> {
  // A document that is still being created already "exists" but cannot answer yet: wait for it.
  if (creating) return creating;
  if (await hasDocument()) return;
  // Concurrent callers share one creation: Chrome allows a single offscreen document.
  creating ??= chrome.offscreen
    .createDocument({
      url: PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs on-device face detection (WebAssembly) on images the user views.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

let ready: { delegate: DelegatePreference; status: Promise<DetectorStatus> } | undefined;

/**
 * Resolves once the detector is loaded. Requests that arrive before that (the first page after
 * install) simply wait here; none is dropped. Later calls reuse the answer, so a page's hundredth
 * image costs no extra round trip; a new delegate preference asks again.
 */
export function ensureDetector(delegate: DelegatePreference): Promise<DetectorStatus> {
  if (ready?.delegate === delegate) return ready.status;
  const status = ensureDocument().then(() => sendMessage('loadDetector', delegate));
  ready = { delegate, status };
  status.catch(() => {
    if (ready?.status === status) ready = undefined;
  });
  return status;
}

/** Runs `task` against a ready detector; if the document died mid-way, recreates it and tries once more. */
export async function withDetector<T>(delegate: DelegatePreference, task: () => Promise<T>): Promise<T> {
  await ensureDetector(delegate);
  try {
    return await task();
  } catch (error) {
    ready = undefined;
    if (await hasDocument()) throw error;
    console.warn('[FaceVeil] offscreen detector was gone; recreating it', error);
    await ensureDetector(delegate);
    return task();
  }
}
