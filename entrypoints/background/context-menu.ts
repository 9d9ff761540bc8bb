// Right-click actions on images, backgrounds and canvases, forwarded to the frame that shows them. Images have the
// browser's own image context; a background or canvas is only a "page" to the browser, so its items are shown while
// the content script reports the pointer over one (it hovers there before the menu opens).
import { i18n } from '#i18n';
import { sendMessage, type ContextAction, type SurfaceKind } from '@/lib/messages';

const ACTIONS: Record<ContextAction, 'blurFaces' | 'blurWhole' | 'unblur'> = { 'blur-faces': 'blurFaces', 'blur-whole': 'blurWhole', unblur: 'unblur' };
/** Each item's title names what it acts on: "Blur faces in this image", "… in this background" (locales/, menu.*). */
const title = (on: 'image' | SurfaceKind | 'video', action: ContextAction) => i18n.t(`menu.${on}.${ACTIONS[action]}`);
/** The same actions on a background or canvas: ids end in SURFACE, titles name what is under the pointer. */
const SURFACE = ':surface';
/** The same actions on a video: the browser's own video context names it by URL, as an image's does. */
const VIDEO = ':video';

/** FaceVeil's picture-in-picture of a video, its faces covered (the browser's own is off on watched videos). */
const PIP = 'pip:video';

/**
 * Whether pages can open picture-in-picture: Chrome's worker has no elements to ask, but Chrome has the API; Firefox's
 * background page tells it has not.
 */
function pictureInPictureApi(): boolean {
  return typeof HTMLVideoElement === 'undefined' || 'requestPictureInPicture' in HTMLVideoElement.prototype;
}

/** What the items show now; undefined after the worker restarted (the menu itself persists): set either way. */
let shown: SurfaceKind | null | undefined;

export function createContextMenus(): void {
  browser.contextMenus.removeAll().then(() => {
    for (const action of Object.keys(ACTIONS) as ContextAction[]) {
      browser.contextMenus.create({ id: action, title: title('image', action), contexts: ['image'] });
      browser.contextMenus.create({ id: action + SURFACE, title: title('image', action), contexts: ['page', 'frame'], visible: false });
      browser.contextMenus.create({ id: action + VIDEO, title: title('video', action), contexts: ['video'] });
    }
    if (pictureInPictureApi()) browser.contextMenus.create({ id: PIP, title: i18n.t('menu.video.pictureInPicture'), contexts: ['video'] });
    shown = null;
  });
}

/** Shows the surface items (titled for its kind) while the pointer is over one; hides them otherwise. */
export function showSurfaceItems(kind: SurfaceKind | null): void {
  if (kind === shown) return;
  shown = kind;
  for (const action of Object.keys(ACTIONS) as ContextAction[]) {
    const change = kind ? { visible: true, title: title(kind, action) } : { visible: false };
    browser.contextMenus.update(action + SURFACE, change).catch(() => undefined); // not created yet: nothing to hide
  }
}

export function listenToContextMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const id = String(info.menuItemId);
    if (id === PIP && tab?.id != null) {
      sendMessage('videoPictureInPicture', { srcUrl: info.srcUrl ?? '' }, { tabId: tab.id, frameId: info.frameId ?? 0 }).catch((error: unknown) =>
        console.warn('[FaceVeil] picture-in-picture not delivered:', error),
      );
      return;
    }
    const onSurface = id.endsWith(SURFACE);
    const action = (onSurface ? id.slice(0, -SURFACE.length) : id.endsWith(VIDEO) ? id.slice(0, -VIDEO.length) : id) as ContextAction;
    if (!(action in ACTIONS) || tab?.id == null || (!onSurface && !info.srcUrl)) return;
    const srcUrl = onSurface ? '' : info.srcUrl!;
    sendMessage('contextAction', { action, srcUrl }, { tabId: tab.id, frameId: info.frameId ?? 0 }).catch((error: unknown) =>
      console.warn('[FaceVeil] context action not delivered:', error),
    );
  });
}
