// The content script's settings: asked from the background, and pushed by it on every change. Content scripts run in
// renderers a hostile page may compromise, so they get no storage access at all (entrypoints/background/settings-feed.ts).
import { onMessage, sendMessage } from '@/lib/messages';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '@/lib/settings';

export async function currentSettings(): Promise<Settings> {
  try {
    return validateSettings(await sendMessage('getSettings')).value;
  } catch (error) {
    // The defaults keep every image hidden until scanned: the safe side while the extension is unreachable.
    console.warn('[FaceVeil] settings unavailable, using the defaults:', error);
    return DEFAULT_SETTINGS;
  }
}

/** Calls `changed` with each new version of the settings; returns the function that stops listening. */
export function watchSettingsFeed(changed: (settings: Settings) => void): () => void {
  return onMessage('settingsChanged', ({ data }) => changed(validateSettings(data).value));
}
