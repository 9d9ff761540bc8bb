// The CSS background adapter: one picture layer of an element's background (or of its ::before / ::after). Its
// picture is loaded again from the URL (from the HTTP cache) to learn its size and read it; where it paints follows
// background-size / -position / -repeat / -origin / -clip / -attachment, tile by tile (lib/background/tiles.ts).
import { backgroundTiles } from '@/lib/background/tiles';
import { layerProps, type BackgroundStyle } from '@/lib/background/layers';
import type { Size } from '@/lib/detect/scale';
import type { Rect } from '@/lib/geometry';
import { readPixels } from '../read-pixels';
import { boxSize, type Layout, type Surface, type Verdict } from './surface';

export type Box = '' | '::before' | '::after';

export class BackgroundSurface implements Surface {
  readonly kind = 'background';
  readonly stable = true;
  readonly fetchable = true;
  verdict: Verdict = 'hidden';
  private readonly image = new Image();

  /** `changed` is told when the verdict changes: the element's mark sums up all its layers. */
  constructor(
    readonly el: HTMLElement,
    readonly pseudo: Box,
    readonly index: number,
    readonly url: string,
    private readonly changed: () => void,
  ) {
    this.image.decoding = 'async';
    this.image.src = url; // the page's own request for it is usually in the cache already
  }

  source(): string {
    return this.url;
  }

  natural(): Size {
    return { w: this.image.naturalWidth, h: this.image.naturalHeight };
  }

  box(): Size {
    return boxSize(this.el);
  }

  drawnSize(): Size | null {
    const layout = this.layout();
    const tile = layout && layout !== 'none' ? layout.painted[0] : undefined;
    if (!tile) return null;
    const k = (window.devicePixelRatio || 1) * (visualViewport?.scale ?? 1);
    return { w: tile.w * k, h: tile.h * k };
  }

  read(scale: number): Promise<string | null> {
    return readPixels(this.image, scale);
  }

  show(verdict: Verdict): void {
    if (verdict === this.verdict) return;
    this.verdict = verdict;
    this.changed();
  }

  layout(): Layout | null | 'none' {
    if (this.pseudo) return 'none'; // a pseudo-element's box cannot be measured
    const rect = this.el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || !this.el.isConnected) return null;
    const style = getComputedStyle(this.el);
    const layer = layerProps(style as unknown as BackgroundStyle, this.index);
    // Worked out in the element's own CSS px (background lengths are in them), then scaled as a transform (its own or
    // an ancestor's) scales the element on screen.
    const k = this.el.offsetWidth > 0 ? rect.width / this.el.offsetWidth : 1;
    const [w, h] = [rect.width / k, rect.height / k];
    const px = (v: string) => parseFloat(v) || 0;
    const border = { l: px(style.borderLeftWidth), t: px(style.borderTopWidth), r: px(style.borderRightWidth), b: px(style.borderBottomWidth) };
    const pad = { l: px(style.paddingLeft), t: px(style.paddingTop), r: px(style.paddingRight), b: px(style.paddingBottom) };
    const boxes: Record<string, Rect> = {
      'border-box': { x: 0, y: 0, w, h },
      'padding-box': { x: border.l, y: border.t, w: w - border.l - border.r, h: h - border.t - border.b },
      'content-box': { x: border.l + pad.l, y: border.t + pad.t, w: w - border.l - border.r - pad.l - pad.r, h: h - border.t - border.b - pad.t - pad.b },
    };
    const root = this.el === document.documentElement || this.el === document.body;
    // `fixed` is positioned against the viewport, not the element (it stays put while the element scrolls).
    const { clientWidth, clientHeight } = document.documentElement;
    const viewport = { x: -rect.left / k, y: -rect.top / k, w: clientWidth / k, h: clientHeight / k };
    const area = layer.attachment === 'fixed' ? viewport : (boxes[layer.origin] ?? boxes['padding-box']!);
    const clip = root ? boxes['border-box']! : (boxes[layer.clip] ?? boxes['border-box']!);
    const tiles = backgroundTiles({ area, clip, natural: this.natural(), size: layer.size, positionX: layer.positionX, positionY: layer.positionY, repeat: layer.repeat });
    // Too many tiles: one cover per face per tile is not worth it (the caller blurs the layer whole).
    if (tiles === 'too many') return 'none';
    const scaled = (r: Rect): Rect => ({ x: r.x * k, y: r.y * k, w: r.w * k, h: r.h * k });
    return { box: { x: rect.left, y: rect.top, w: rect.width, h: rect.height }, painted: tiles.map(scaled), clip: scaled(clip) };
  }

  picture(): CanvasImageSource | null {
    return this.image.naturalWidth > 0 ? this.image : null;
  }

  anchor(): { after: Element } | { into: Element } {
    // The page's own background (html, body): the covers go inside body, which has no sibling to follow.
    const root = this.el === document.documentElement || this.el === document.body;
    return root ? { into: document.body ?? this.el } : { after: this.el };
  }

  listen(loaded: () => void, signal: AbortSignal): void {
    if (this.image.complete) queueMicrotask(() => !signal.aborted && loaded());
    this.image.addEventListener('load', loaded, { signal });
    this.image.addEventListener('error', loaded, { signal });
  }

  /** Frees the picture's decoded copy. */
  drop(): void {
    this.image.removeAttribute('src');
  }
}
