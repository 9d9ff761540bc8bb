// Live remote-API state for the popup and options page: settings, login, status and usage, watched in storage.
import { useEffect, useState } from 'preact/hooks';
import {
  credentialsItem, endpointOrigin, remoteSettingsItem, validateCredentials, validateRemoteSettings,
  type Credentials, type RemoteSettings,
} from '@/lib/remote/settings';
import { remotePermissions } from '@/lib/remote/permissions';
import { statusItem, usageItem, validateStatus, type RemoteStatus } from '@/lib/remote/status';

export interface RemoteState {
  settings: RemoteSettings;
  creds: Credentials;
  status: RemoteStatus;
  /** Raw usage JSON as the background persists it; see usageCounters(). */
  usage: unknown;
}

export function useRemote(): RemoteState | undefined {
  const [state, setState] = useState<RemoteState>();
  useEffect(() => {
    const load = async () => {
      const [settings, creds, status, usage] = await Promise.all([
        remoteSettingsItem.getValue(), credentialsItem.getValue(), statusItem.getValue(), usageItem.getValue(),
      ]);
      setState({ settings: validateRemoteSettings(settings).value, creds: validateCredentials(creds), status: validateStatus(status), usage });
    };
    void load();
    // Any change (this page, the background, another window) reloads the lot: four small items.
    const unwatch = [remoteSettingsItem, credentialsItem, statusItem, usageItem].map((item) => item.watch(() => void load()));
    return () => unwatch.forEach((u) => u());
  }, []);
  return state;
}

export async function saveRemoteSettings(settings: RemoteSettings): Promise<void> {
  await remoteSettingsItem.setValue(validateRemoteSettings(settings).value);
}

export async function saveCredentials(creds: Credentials): Promise<void> {
  await credentialsItem.setValue(validateCredentials(creds));
}

/**
 * Asks for the endpoint's host permission. Call it first thing in a click handler: Chrome grants
 * permission requests only during a user gesture. With `<all_urls>` granted it resolves true at once.
 */
export function requestEndpointPermission(endpoint: string): Promise<boolean> {
  const origin = endpointOrigin(endpoint);
  if (!origin) return Promise.resolve(false);
  return browser.permissions.request(remotePermissions(origin, browser.runtime.getManifest())).catch(() => false);
}
