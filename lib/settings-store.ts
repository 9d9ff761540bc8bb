// The one typed storage item that holds the user's settings: for the extension's own pages and workers only (content
// scripts have no storage access and get their settings from the background).
import { storage } from '@wxt-dev/storage';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from './settings';

/**
 * Settings live in `storage.local` (not sync: the site list can outgrow sync's 8 KB item quota).
 * The version lets later releases migrate what older ones stored; validation repairs the rest.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  const { value, problems } = validateSettings(await settingsItem.getValue());
  if (problems.length) console.warn('[FaceVeil] settings repaired:', problems.join('; '));
  return value;
}

/** Applies a change on top of the stored settings; the result is validated before it is written. */
export async function updateSettings(change: (current: Settings) => Partial<Settings>): Promise<Settings> {
  const current = await loadSettings();
  const { value, problems } = validateSettings({ ...current, ...change(current) });
  if (problems.length) console.warn('[FaceVeil] settings change repaired:', problems.join('; '));
  await settingsItem.setValue(value);
  return value;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((raw) => callback(validateSettings(raw).value));
}
