// Background worker: routes scans to the offscreen detector (with a cache), keeps per-tab face counts, owns the context menu.
import { onMessage, sendMessage } from '@/lib/messages';
import { createContextMenus, listenToContextMenus } from './context-menu';
import { forgetTab, resetTab, setFrameFaces, tabFaces } from './face-counts';
import { withDetector } from './offscreen';
import { cachedScan, rememberScan } from './scan-cache';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(createContextMenus);
  listenToContextMenus();

  onMessage('scanImage', async ({ data: request }) => {
    const hit = cachedScan(request.src);
    if (hit) return hit;
    try {
      const result = await withDetector(() => sendMessage('detect', request));
      rememberScan(request.src, result);
      return result;
    } catch (error) {
      console.error('[FaceVeil] detection failed:', error);
      return { ok: false, reason: `detector unavailable: ${error instanceof Error ? error.message : String(error)}` };
    }
  });

  onMessage('reportFaces', ({ data: count, sender }) => {
    if (sender.tab?.id != null) setFrameFaces(sender.tab.id, sender.frameId ?? 0, count);
  });
  onMessage('getTabFaces', ({ data: tabId }) => tabFaces(tabId));

  browser.tabs.onRemoved.addListener(forgetTab);
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) resetTab(tabId);
  });
});
