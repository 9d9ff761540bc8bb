// FaceVeil's page rules again, as a user-origin sheet: its !important outranks every rule a page can write (layered,
// more specific, inline), which the manifest's author-origin copy cannot. Asked for by each frame's content script.
import pageRules from '@/entrypoints/content/style.css?raw';
import { onMessage } from '@/lib/messages';

export function serveUserStyles(): void {
  onMessage('protectStyles', async ({ sender }) => {
    const tabId = sender.tab?.id;
    if (tabId == null) return false;
    await browser.scripting.insertCSS({ target: { tabId, frameIds: [sender.frameId ?? 0] }, css: pageRules, origin: 'USER' });
    return true;
  });
}
