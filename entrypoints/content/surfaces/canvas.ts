// The 2D <canvas> adapter: a canvas the page drew a photo into (marked by the page-world hook, page-hook.content/
// canvas2d.ts). Its picture is what the canvas shows now; each new photo drawn is a new picture, scanned again while the
// canvas is blurred whole. Covers sit over it like over an image; the page's own drawing is never touched.
import type { Size } from '@/lib/detect/scale';
import { blobToDataUrl } from '@/lib/photo/base64';
import { markImage } from '../marks';
import { replacedDrawnSize, replacedLayout } from './image';
import { boxSize, type Layout, type Surface, type Verdict } from './surface';

/** Never more than this on the longer side: the detector's finest pass has no use for more. */
const MAX_SIDE = 4096;

const surfaces = new WeakMap<HTMLCanvasElement, CanvasSurface>();
let names = 0;

export function canvasSurface(canvas: HTMLCanvasElement): CanvasSurface {
  let surface = surfaces.get(canvas);
  if (!surface) surfaces.set(canvas, (surface = new CanvasSurface(canvas)));
  return surface;
}

export class CanvasSurface implements Surface {
  readonly kind = 'canvas';
  readonly stable = false; // the same name can be drawn over: never share or keep its scans
  readonly fetchable = false;
  private readonly name = `faceveil-canvas:${++names}`;
  /** Shown at least once: drawn again, it is blurred rather than hidden until scanned again (no blank flash). */
  private shown = false;

  constructor(readonly el: HTMLCanvasElement) {}

  /** Which drawing it shows: the page-world hook counts the photos drawn. */
  source(): string {
    return `${this.name}#${this.el.getAttribute('data-faceveil-photo') ?? ''}`;
  }

  natural(): Size {
    return { w: this.el.width, h: this.el.height };
  }

  box(): Size {
    return boxSize(this.el);
  }

  drawnSize(): Size | null {
    return replacedDrawnSize(this.el, this.natural());
  }

  /** The canvas as it is now; null when it holds another site's pixels (then it cannot be scanned: blurred whole). */
  async read(scale: number): Promise<string | null> {
    const { w, h } = this.natural();
    const k = Math.min(scale, MAX_SIDE / Math.max(w, h), 1);
    const copy = new OffscreenCanvas(Math.max(1, Math.round(w * k)), Math.max(1, Math.round(h * k)));
    try {
      const ctx = copy.getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.el, 0, 0, copy.width, copy.height);
      return await blobToDataUrl(await copy.convertToBlob({ type: 'image/jpeg', quality: 0.92 }));
    } catch {
      return null; // tainted: the failure policy blurs it whole (scan-client.ts says why)
    } finally {
      copy.width = copy.height = 0;
    }
  }

  show(verdict: Verdict): void {
    if (verdict === 'hidden') {
      markImage(this.el, this.shown ? 'stale' : null);
      return;
    }
    this.shown = true;
    markImage(this.el, verdict);
  }

  layout(): Layout | null {
    return replacedLayout(this.el, this.natural());
  }

  picture(): CanvasImageSource {
    return this.el;
  }

  anchor(): { after: Element } {
    return { after: this.el };
  }

  /** A canvas does not load: the watcher reports each new drawing (index.ts). */
  listen(): void {}
}
