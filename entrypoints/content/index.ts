// Content script: wires settings, the element watcher, the surface life cycle (images, backgrounds, canvases),
// textures and context-menu actions together.
import { onMessage, sendMessage } from '@/lib/messages';
import { isActiveOn, type Settings } from '@/lib/settings';
import { handleContextActions } from './context-target';
import { claimFrame } from './instance';
import { guardMarks, showUnscanned } from './marks';
import { PageBlurrer } from './page-blurrer';
import { currentSettings, watchSettingsFeed } from './settings-feed';
import { showUnscannedInShadowRoots, styleShadowRoot } from './shadow-styles';
import { showSiteToast } from './site-toast';
import { canvasSurface } from './surfaces/canvas';
import type { Surface } from './surfaces/surface';
import { imageSurface } from './surfaces/image';
import { TextureScanner } from './textures';
import { VideoBlurrer } from './video/video-blurrer';
import { BackgroundFinder } from './watch-backgrounds';
import { watchElements } from './watch-elements';
import './style.css';

/** A canvas is scanned once no photo has been drawn into it for this long. */
const CANVAS_SETTLE_MS = 100;
const settling = new WeakMap<HTMLCanvasElement, ReturnType<typeof setTimeout>>();

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  // about:blank and srcdoc frames, and data: and blob: ones whose origin is opaque: matched by the origin that made them.
  // (With match_about_blank as well, Chrome injects twice into a sandboxed srcdoc frame.)
  matchOriginAsFallback: true,
  cssInjectionMode: 'manifest',
  async main() {
    const page = new AbortController();
    // First, before any page script: the texture hook's bridge is handed over at document_start.
    const textures = new TextureScanner(page.signal);
    let handOver: (() => void) | undefined;
    claimFrame((newerCopy) => {
      if (page.signal.aborted) return;
      // A newer copy scans every image again: ours leave hidden (not bare) and without our covers.
      if (newerCopy) handOver?.();
      page.abort();
    }, page.signal);
    guardMarks(document, page.signal);
    // The manifest's sheet hides images from the first paint; the user-origin copy, a moment later, outranks any page
    // rule. Images are looked at only once it is in (or known to be unavailable).
    const protect = sendMessage('protectStyles').catch((error: unknown) => console.warn('[FaceVeil] no user-origin styles in this frame:', error));
    let [settings] = await Promise.all([currentSettings(), protect]);
    if (page.signal.aborted) return;
    const blurrer = new PageBlurrer(settings, page.signal);
    const videos = new VideoBlurrer(settings, page.signal);
    handOver = () => blurrer.handOver();
    let watching: AbortController | undefined;
    /** While the site is off: backgrounds read only for a right-click. */
    let idle: { finder: BackgroundFinder; stop: AbortController } | null = null;

    /** Turns automatic blurring on or off for this page; every observer of a session dies with its signal. */
    const apply = (next: Settings) => {
      settings = next;
      const active = isActiveOn(settings, siteHostname());
      showUnscanned(!active || !settings.hideUntilScanned);
      showUnscannedInShadowRoots(!active || !settings.hideUntilScanned);
      blurrer.setSettings(settings);
      videos.setSettings(settings);
      textures.setSettings(settings, active);
      if (active) {
        idle?.stop.abort();
        idle = null;
      } else if (!idle) {
        const stop = new AbortController();
        const callbacks = { found: (s: Surface) => blurrer.found(s, 'new'), gone: (s: Surface) => blurrer.gone(s) };
        idle = { finder: new BackgroundFinder(callbacks, AbortSignal.any([page.signal, stop.signal]), false), stop };
      }
      if (active && !watching) {
        watching = new AbortController();
        const signal = AbortSignal.any([page.signal, watching.signal]);
        blurrer.setAuto(true);
        const backgrounds = new BackgroundFinder({ found: (s) => blurrer.found(s, 'new'), gone: (s) => blurrer.gone(s) }, signal);
        watchElements(
          {
            found: (img, why) => blurrer.found(imageSurface(img), why),
            loaded: (img) => blurrer.loaded(imageSurface(img)),
            shadowRoot: (root) => {
              styleShadowRoot(root);
              guardMarks(root, signal);
            },
            element: (el) => {
              backgrounds.look(el);
              if (el instanceof HTMLVideoElement) videos.found(el);
            },
            // A class can restyle a whole subtree (`.dark .hero`); an inline style (often animated) only its element.
            restyled: (el, attr) => (attr === 'class' ? backgrounds.lookWithin(el) : backgrounds.look(el)),
            stylesheet: () => backgrounds.lookEverywhere(),
            canvasDrawn: (canvas) => {
              // A new drawing: the old covers go, the canvas is hidden (blurred once shown before) until scanned again,
              // once the page has stopped drawing into it for a moment (an animation is not read every frame).
              const surface = canvasSurface(canvas);
              blurrer.found(surface, 'source-changed');
              clearTimeout(settling.get(canvas));
              settling.set(canvas, setTimeout(() => signal.aborted || blurrer.loaded(surface), CANVAS_SETTLE_MS));
            },
          },
          signal,
        );
      } else if (!active && watching) {
        watching.abort();
        watching = undefined;
        videos.clear();
        blurrer.setAuto(false);
      }
    };
    apply(settings);
    const unwatch = watchSettingsFeed(apply);
    page.signal.addEventListener('abort', unwatch, { once: true });

    handleContextActions(blurrer, videos, () => idle?.finder ?? null, page.signal);
    const listeners = [
      onMessage('scanProgress', ({ data }) => blurrer.progress(data.src, data.faces)),
      onMessage('siteSwitched', ({ data }) => (window === window.top ? showSiteToast(data.site, data.active) : undefined)),
    ];
    page.signal.addEventListener('abort', () => listeners.forEach((off) => off()), { once: true });
  },
});

/** The site the user switches: the tab's top-level site, also inside cross-origin iframes where Chrome tells it. */
function siteHostname(): string {
  const top = location.ancestorOrigins?.[location.ancestorOrigins.length - 1];
  try {
    return top ? new URL(top).hostname : location.hostname;
  } catch {
    return location.hostname;
  }
}
