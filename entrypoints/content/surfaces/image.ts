// The <img> adapter: its picture is currentSrc, painted in the content box by object-fit / object-position.
import type { Size } from '@/lib/detect/scale';
import { paintedImageRect, type ObjectFit, type Rect } from '@/lib/geometry';
import { markImage } from '../marks';
import { readPixels } from '../read-pixels';
import { boxSize, type Layout, type Surface, type Verdict } from './surface';

const surfaces = new WeakMap<HTMLImageElement, ImageSurface>();

/** The one adapter of this image (the life cycle keys its records by it). */
export function imageSurface(img: HTMLImageElement): ImageSurface {
  let surface = surfaces.get(img);
  if (!surface) surfaces.set(img, (surface = new ImageSurface(img)));
  return surface;
}

export class ImageSurface implements Surface {
  readonly kind = 'image';
  readonly stable = true;
  readonly fetchable = true;

  constructor(readonly el: HTMLImageElement) {}

  source(): string {
    return this.el.currentSrc || this.el.src;
  }

  natural(): Size {
    return { w: this.el.naturalWidth, h: this.el.naturalHeight };
  }

  box(): Size {
    return boxSize(this.el);
  }

  /**
   * The natural picture's size as painted (object-fit and object-position included, so larger than the box with
   * `cover`), times the device pixel ratio (page zoom included) and the pinch-zoom scale.
   */
  drawnSize(): Size | null {
    return replacedDrawnSize(this.el, this.natural());
  }

  read(scale: number): Promise<string | null> {
    return readPixels(this.el, scale);
  }

  show(verdict: Verdict): void {
    markImage(this.el, verdict === 'hidden' ? null : verdict);
  }

  layout(): Layout | null {
    return replacedLayout(this.el, this.natural());
  }

  picture(): CanvasImageSource {
    return this.el;
  }

  anchor(): { after: Element } {
    return { after: this.el.parentElement?.tagName === 'PICTURE' ? this.el.parentElement : this.el };
  }

  listen(loaded: () => void, signal: AbortSignal): void {
    // Directly on the image: document.open() and friends erase the document's own listeners.
    this.el.addEventListener('load', loaded, { signal });
    this.el.addEventListener('error', loaded, { signal });
  }
}

/** Where a replaced element (an <img>, a <canvas>) paints its `natural`-sized picture: object-fit / object-position. */
export function replacedLayout(el: HTMLElement, natural: Size): Layout | null {
  const box = contentBox(el);
  if (!box) return null;
  const style = getComputedStyle(el);
  const size = { w: box.w, h: box.h };
  const painted = paintedImageRect(size, natural, style.objectFit as ObjectFit, style.objectPosition);
  return { box, painted: [painted], clip: { x: 0, y: 0, ...size } };
}

/** That picture's painted size in device px (page zoom and pinch zoom included); null while not rendered. */
export function replacedDrawnSize(el: HTMLElement, natural: Size): Size | null {
  const layout = natural.w > 0 ? replacedLayout(el, natural) : null;
  if (!layout) return null;
  const k = (window.devicePixelRatio || 1) * (visualViewport?.scale ?? 1);
  return { w: layout.painted[0]!.w * k, h: layout.painted[0]!.h * k };
}

/** An element's content box (inside border and padding) in viewport coordinates, or null when not rendered. */
export function contentBox(el: HTMLElement): Rect | null {
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return null;
  const s = getComputedStyle(el);
  // Borders and padding are in the element's own units; a transform (its own or an ancestor's) scales them on screen.
  const k = el.offsetWidth > 0 ? rect.width / el.offsetWidth : 1;
  const px = (v: string) => (parseFloat(v) || 0) * k;
  const left = px(s.borderLeftWidth) + px(s.paddingLeft);
  const top = px(s.borderTopWidth) + px(s.paddingTop);
  const right = px(s.borderRightWidth) + px(s.paddingRight);
  const bottom = px(s.borderBottomWidth) + px(s.paddingBottom);
  const w = rect.width - left - right;
  const h = rect.height - top - bottom;
  return w > 0 && h > 0 ? { x: rect.left + left, y: rect.top + top, w, h } : null;
}
