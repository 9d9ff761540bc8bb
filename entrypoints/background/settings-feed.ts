// Settings for content scripts, which get no storage access: handed out on request and pushed to every frame on change.
import { onMessage, sendMessage } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { loadSettings, watchSettings } from '@/lib/settings-store';

/**
 * storage.local holds the remote API's consent and credentials; a content script that could write it (a page that
 * compromised its renderer) could make FaceVeil upload photos to a host the user never confirmed. Only the
 * extension's own pages and workers may use it from now on. Called at every worker start (Chrome keeps it per session).
 */
export async function restrictStorage(): Promise<void> {
  // Firefox has no access levels: its content scripts keep storage (README, "Firefox").
  if (typeof chrome.storage.local.setAccessLevel !== 'function') return console.info('[FaceVeil] storage stays open to content scripts in this browser');
  await chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

export function serveSettings(): void {
  onMessage('getSettings', () => loadSettings());
  watchSettings((settings) => void broadcast(settings));
}

async function broadcast(settings: Settings): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    // Tabs without a content script (browser pages, the store) have no listener: nothing to tell them.
    if (tab.id != null) sendMessage('settingsChanged', settings, tab.id).catch(() => undefined);
  }
}
