// Keeps exactly one offscreen detector document alive: creates it on demand, and again if it died (Chrome-only API, kept here).
import type { DelegatePreference } from '@/lib/detect/blazeface/delegate';
import type { DetectorChoice } from '@/lib/detect/engine';
import { sendMessage, type DetectorStatus } from '@/lib/messages';

/** What the offscreen detector must have loaded. */
export interface DetectorWanted {
  detector: DetectorChoice;
  delegate: DelegatePreference;
}

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

let ready: { key: string; status: Promise<DetectorStatus> } | undefined;

/**
 * Resolves once the detector is loaded. Requests that arrive before that (the first page after
 * install) simply wait here; none is dropped. Later calls reuse the answer, so a page's hundredth
 * image costs no extra round trip; another detector or delegate preference asks again.
 */
export function ensureDetector(wanted: DetectorWanted): Promise<DetectorStatus> {
  const key = `${wanted.detector} ${wanted.delegate}`;
  if (ready?.key === key) return ready.status;
  const status = ensureDocument().then(() => sendMessage('loadDetector', wanted));
  ready = { key, status };
  status.catch(() => {
    if (ready?.status === status) ready = undefined;
  });
  return status;
}

/** Runs `task` against a ready detector; if the document died mid-way, recreates it and tries once more. */
export async function withDetector<T>(wanted: DetectorWanted, task: () => Promise<T>): Promise<T> {
  await ensureDetector(wanted);
  try {
    return await task();
  } catch (error) {
    ready = undefined;
    if (await hasDocument()) throw error;
    console.warn('[FaceVeil] offscreen detector was gone; recreating it', error);
    await ensureDetector(wanted);
    return task();
  }
}
