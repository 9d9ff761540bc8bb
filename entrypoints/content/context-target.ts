// What a right-click acts on: the image the browser names (by URL), or the background or canvas under the pointer.
// The background worker shows the background/canvas items only while the pointer is over one (context-menu.ts).
import { onMessage, sendMessage, type SurfaceKind } from '@/lib/messages';
import type { PageBlurrer } from './page-blurrer';
import { imageSurface } from './surfaces/image';
import { deepQueryAll } from './watch-elements';

export function handleContextActions(blurrer: PageBlurrer, signal: AbortSignal): void {
  let target: Element | null = null;
  let over: SurfaceKind | null = null;
  const opts = { capture: true, passive: true, signal };
  document.addEventListener('contextmenu', (event) => void (target = event.composedPath()[0] as Element | null), opts);
  document.addEventListener(
    'mouseover',
    (event) => {
      const at = event.composedPath()[0];
      const kind = at instanceof Element ? (blurrer.surfacesAt(at)[0]?.kind ?? null) : null;
      const next = kind === 'background' || kind === 'canvas' ? kind : null;
      if (next === over) return;
      over = next;
      sendMessage('pointerOver', next).catch(() => undefined);
    },
    opts,
  );
  const off = onMessage('contextAction', ({ data }) => {
    if (!data.srcUrl) {
      const surfaces = target ? blurrer.surfacesAt(target).filter((s) => s.kind !== 'image') : [];
      for (const surface of surfaces) blurrer.contextAction(data.action, surface);
      return surfaces.length > 0;
    }
    const img = matches(target, data.srcUrl) ? target : deepQueryAll<HTMLImageElement>('img').find((i) => matches(i, data.srcUrl));
    if (!img) return false;
    blurrer.contextAction(data.action, imageSurface(img));
    return true;
  });
  signal.addEventListener('abort', off, { once: true });
}

function matches(el: Element | null, srcUrl: string): el is HTMLImageElement {
  return el instanceof HTMLImageElement && (el.currentSrc === srcUrl || el.src === srcUrl);
}
