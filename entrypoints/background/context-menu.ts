// Right-click actions on images, forwarded to the frame that shows the image.
import { sendMessage, type ContextAction } from '@/lib/messages';

const ITEMS: Record<ContextAction, string> = {
  'blur-faces': 'Blur faces in this image',
  'blur-whole': 'Blur the whole image',
  unblur: 'Remove blur from this image',
};

export function createContextMenus(): void {
  browser.contextMenus.removeAll().then(() => {
    for (const [id, title] of Object.entries(ITEMS)) {
      browser.contextMenus.create({ id, title, contexts: ['image'] });
    }
  });
}

export function listenToContextMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const action = info.menuItemId as ContextAction;
    if (!(action in ITEMS) || tab?.id == null || !info.srcUrl) return;
    sendMessage('contextAction', { action, srcUrl: info.srcUrl }, { tabId: tab.id, frameId: info.frameId ?? 0 }).catch(
      (error: unknown) => console.warn('[FaceVeil] context action not delivered:', error),
    );
  });
}
