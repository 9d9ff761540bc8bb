// The keyboard shortcut (manifest `commands`, default Alt+Shift+F): switches blurring on the active tab's site, as the
// popup's site switch does. Pages follow the settings live; the tab's top frame shows a short confirmation.
import { sendMessage } from '@/lib/messages';
import { siteOfUrl, withSite } from '@/lib/settings';
import { updateSettings } from '@/lib/settings-store';

export const TOGGLE_SITE = 'toggle-site';

export function listenToShortcut(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_SITE) void toggleSite(tab);
  });
}

async function toggleSite(tab?: { id?: number; url?: string }): Promise<void> {
  const [active] = tab ? [tab] : await browser.tabs.query({ active: true, currentWindow: true });
  const site = siteOfUrl(active?.url);
  if (active?.id == null || site === null) return console.info('[FaceVeil] the shortcut does nothing here: not a web page');
  const settings = await updateSettings((s) => withSite(s, site, s.disabledSites.includes(site)));
  const on = !settings.disabledSites.includes(site);
  await sendMessage('siteSwitched', { site, active: on }, { tabId: active.id, frameId: 0 }).catch(() => undefined); // no content script there
}
