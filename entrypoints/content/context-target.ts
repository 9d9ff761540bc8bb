// What a right-click acts on: the image or video the browser names (by URL), or the background or canvas under the
// pointer. The background worker shows the background/canvas items only while the pointer is over one (context-menu.ts).
import { onMessage, sendMessage, type SurfaceKind } from '@/lib/messages';
import type { PageBlurrer } from './page-blurrer';
import { imageSurface } from './surfaces/image';
import type { VideoBlurrer } from './video/video-blurrer';
import { paintsPictureAt, type BackgroundFinder } from './watch-backgrounds';
import { deepQueryAll } from './watch-elements';

/**
 * `idle()`: while the site is switched off, a finder that reads backgrounds only when asked (the blurrer then knows
 * none): right-clicks on backgrounds work there too, as on images.
 */
export function handleContextActions(blurrer: PageBlurrer, videos: VideoBlurrer, idle: () => BackgroundFinder | null, signal: AbortSignal): void {
  let target: Element | null = null;
  let over: SurfaceKind | null = null;
  const opts = { capture: true, passive: true, signal };
  document.addEventListener('contextmenu', (event) => void (target = event.composedPath()[0] as Element | null), opts);
  document.addEventListener(
    'mouseover',
    (event) => {
      const at = event.composedPath()[0];
      const known = at instanceof Element ? (blurrer.surfacesAt(at)[0]?.kind ?? null) : null;
      const kind = known ?? (at instanceof Element && idle() && paintsPictureAt(at) ? 'background' : null);
      const next = kind === 'background' || kind === 'canvas' ? kind : null;
      if (next === over) return;
      over = next;
      sendMessage('pointerOver', next).catch(() => undefined);
    },
    opts,
  );
  const off = onMessage('contextAction', ({ data }) => {
    if (!data.srcUrl) {
      const known = target ? blurrer.surfacesAt(target).filter((s) => s.kind !== 'image') : [];
      const surfaces = known.length || !target ? known : (idle()?.surfacesAt(target) ?? []);
      for (const surface of surfaces) blurrer.contextAction(data.action, surface);
      return surfaces.length > 0;
    }
    const img = matches(target, data.srcUrl) ? target : deepQueryAll<HTMLImageElement>('img').find((i) => matches(i, data.srcUrl));
    if (img) {
      blurrer.contextAction(data.action, imageSurface(img));
      return true;
    }
    const video = videoAt(target, data.srcUrl);
    if (!video) return false;
    videos.contextAction(data.action, video);
    return true;
  });
  // Within the right-click's user activation, which the browser's picture-in-picture needs.
  const offPip = onMessage('videoPictureInPicture', ({ data }) => {
    const video = videoAt(target, data.srcUrl);
    if (video) void videos.pictureInPicture(video);
    return !!video;
  });
  signal.addEventListener('abort', () => (off(), offPip()), { once: true });
}

/** The video right-clicked (`target`), or the one showing `srcUrl` (a video playing a stream has none: the target). */
function videoAt(target: Element | null, srcUrl: string): HTMLVideoElement | null {
  if (target instanceof HTMLVideoElement && (!srcUrl || isVideo(target, srcUrl))) return target;
  return srcUrl ? (deepQueryAll<HTMLVideoElement>('video').find((v) => isVideo(v, srcUrl)) ?? null) : null;
}

function matches(el: Element | null, srcUrl: string): el is HTMLImageElement {
  return el instanceof HTMLImageElement && (el.currentSrc === srcUrl || el.src === srcUrl);
}

function isVideo(el: Element | null, srcUrl: string): el is HTMLVideoElement {
  return el instanceof HTMLVideoElement && (el.currentSrc === srcUrl || el.src === srcUrl);
}
