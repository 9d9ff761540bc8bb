// Keeps exactly one detector document alive (an offscreen document in Chrome, a frame of the background page in
// Firefox): creates it on demand, and again if it died. The browsers' difference is kept here.
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

/** Where the detector's document lives; the one difference between browsers the detector path has. */
interface DocumentHost {
  exists(): Promise<boolean>;
  /** Resolves once the document's scripts run (they listen for messages from their first run). */
  create(): Promise<void>;
}

/** Chrome: an offscreen document (one per extension), the only DOM a service-worker extension may have. */
const offscreenDocument: DocumentHost = {
  async exists() {
    const contexts = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [chrome.runtime.getURL(PATH)],
    });
    return contexts.length > 0;
  },
  create: () =>
    chrome.offscreen.createDocument({
      url: PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs on-device face detection (WebAssembly) on images the user views.',
    }),
};

/**
 * Firefox has no offscreen documents, but its background is a page: the same document runs in a frame of it, and
 * messages reach it as they reach Chrome's offscreen document.
 */
const backgroundFrame: DocumentHost = {
  exists: async () => !!frame()?.contentWindow,
  create: () =>
    new Promise((resolve, reject) => {
      frame()?.remove();
      const iframe = document.createElement('iframe');
      iframe.src = browser.runtime.getURL(`/${PATH}`);
      iframe.addEventListener('load', () => resolve(), { once: true });
      iframe.addEventListener('error', () => reject(new Error('the detector document did not load')), { once: true });
      document.body.append(iframe);
    }),
};

function frame(): HTMLIFrameElement | null {
  return document.querySelector<HTMLIFrameElement>(`iframe[src$="/${PATH}"]`);
}

const host: DocumentHost = typeof chrome !== 'undefined' && chrome.offscreen ? offscreenDocument : backgroundFrame;

async function hasDocument(): Promise<boolean> {
  return host.exists();
}

async function ensureDocument(): Promise<void> {
  // A document that is still being created already "exists" but cannot answer yet: wait for it.
  if (creating) return creating;
  if (await hasDocument()) return;
  // Concurrent callers share one creation: Chrome allows a single offscreen document.
  creating ??= host.create().finally(() => (creating = undefined));
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
