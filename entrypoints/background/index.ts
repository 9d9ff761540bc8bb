// Background worker: routes scans to the offscreen detector, keeps per-tab face counts, owns the context menu and the
// keyboard shortcut.
import { onMessage } from '@/lib/messages';
import { createContextMenus, listenToContextMenus, showSurfaceItems } from './context-menu';
import { forgetTab, resetTab, setFrameFaces, tabFaces } from './face-counts';
import { listenToRemoteMessages } from './remote-messages';
import { relayProgress, scan } from './scans';
import { coverOpenTabs } from './open-tabs';
import { serveUserStyles } from './page-styles';
import { listenToShortcut } from './shortcut';
import { restrictStorage, serveSettings } from './settings-feed';

export default defineBackground(() => {
  restrictStorage().catch((error: unknown) => console.error('[FaceVeil] could not restrict storage to trusted contexts:', error));
  serveSettings();
  serveUserStyles();
  browser.runtime.onInstalled.addListener(() => {
    createContextMenus();
    void coverOpenTabs();
  });
  listenToContextMenus();
  listenToShortcut();
  listenToRemoteMessages();

  onMessage('scanImage', ({ data, sender }) =>
    scan(data, sender.tab?.id != null ? { tabId: sender.tab.id, frameId: sender.frameId ?? 0 } : null),
  );
  // Only the offscreen detector reports progress; a content script must not paint into other frames.
  onMessage('scanProgress', ({ data, sender }) => {
    if (sender.url === browser.runtime.getURL('/offscreen.html')) relayProgress(data.src, data.faces);
  });
  onMessage('reportFaces', ({ data: count, sender }) => {
    if (sender.tab?.id != null) setFrameFaces(sender.tab.id, sender.frameId ?? 0, count);
  });
  onMessage('getTabFaces', ({ data: tabId }) => tabFaces(tabId));
  onMessage('pointerOver', ({ data, sender }) => {
    if (sender.tab?.id != null) showSurfaceItems(data === 'background' || data === 'canvas' ? data : null);
  });

  browser.tabs.onRemoved.addListener(forgetTab);
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) resetTab(tabId);
  });
});
