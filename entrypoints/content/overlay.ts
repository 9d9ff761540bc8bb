// A canvas laid over one <img> that shows its faces blurred; everything else of the image stays untouched and sharp.
import { blurParams, coverBox } from '@/lib/blur';
import type { NormBox } from '@/lib/face';
import { backingSize, intersect, mapToElement, paintedImageRect, type ObjectFit, type Rect } from '@/lib/geometry';
import type { OverlayShape } from '@/lib/settings';

export interface OverlayLook {
  shape: OverlayShape;
  strength: number;
}

const HOST_STYLE = [
  'all: initial', // page CSS must not reach the overlay
  'position: absolute',
  'display: block',
  'left: auto',
  'top: auto',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'pointer-events: none',
  'user-select: none',
  'transform-origin: 0 0',
].map((rule) => `${rule} !important;`).join(' ');

/**
 * The host sits right after the image (after its <picture>) and keeps its *static* position: it then
 * moves with the image through scrolling and layout shifts by itself, and only a translate that
 * closes the gap between the two needs updating when the image's own box changes.
 */
export class FaceOverlay {
  readonly host = document.createElement('faceveil-overlay');
  private readonly canvas = document.createElement('canvas');
  private readonly scratch = document.createElement('canvas');
  private drawnKey = '';
  private shift = { x: 0, y: 0 };

  constructor(
    readonly img: HTMLImageElement,
    private faces: NormBox[],
    private look: OverlayLook,
  ) {
    this.host.setAttribute('style', HOST_STYLE);
    this.host.setAttribute('aria-hidden', 'true');
    const shadow = this.host.attachShadow({ mode: 'closed' });
    this.canvas.style.cssText = 'display:block;width:100%;height:100%;pointer-events:none';
    shadow.append(this.canvas);
    const anchor = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : img;
    anchor.after(this.host);
    this.sync();
  }

  update(faces: NormBox[], look: OverlayLook): void {
    this.faces = faces;
    this.look = look;
    this.drawnKey = '';
    this.sync();
  }

  /** Aligns the overlay with the image's content box and redraws when its size or DPR changed. */
  sync(): void {
    const content = contentBox(this.img);
    if (!content || !this.img.isConnected) {
      this.host.style.setProperty('visibility', 'hidden', 'important');
      return;
    }
    this.host.style.setProperty('visibility', 'visible', 'important');
    const style = getComputedStyle(this.img);
    const z = style.zIndex;
    this.host.style.setProperty('z-index', z === 'auto' ? 'auto' : z, 'important');
    this.host.style.setProperty('width', `${content.w}px`, 'important');
    this.host.style.setProperty('height', `${content.h}px`, 'important');
    const at = this.host.getBoundingClientRect();
    const dx = content.x - (at.left - this.shift.x);
    const dy = content.y - (at.top - this.shift.y);
    if (Math.abs(dx - this.shift.x) > 0.25 || Math.abs(dy - this.shift.y) > 0.25) {
      this.shift = { x: dx, y: dy };
      this.host.style.setProperty('transform', `translate(${dx}px, ${dy}px)`, 'important');
    }
    const dpr = window.devicePixelRatio || 1;
    const key = `${content.w}x${content.h}@${dpr}:${this.img.currentSrc}:${style.objectFit}:${style.objectPosition}`;
    if (key !== this.drawnKey) {
      this.draw(content, dpr, style);
      this.drawnKey = key;
    }
  }

  remove(): void {
    this.host.remove();
    this.canvas.width = this.canvas.height = 0;
    this.scratch.width = this.scratch.height = 0;
  }

  private draw(content: Rect, dpr: number, style: CSSStyleDeclaration): void {
    const size = backingSize(content.w, content.h, dpr);
    this.canvas.width = size.w;
    this.canvas.height = size.h;
    const ctx = this.canvas.getContext('2d');
    const natural = { w: this.img.naturalWidth, h: this.img.naturalHeight };
    if (!ctx || natural.w === 0) return;
    ctx.setTransform(size.w / content.w, 0, 0, size.h / content.h, 0, 0);
    const painted = paintedImageRect(content, natural, style.objectFit as ObjectFit, style.objectPosition);
    const box = { x: 0, y: 0, w: content.w, h: content.h };
    for (const face of this.faces) {
      const area = mapToElement(coverBox(face), painted);
      if (!intersect(area, box)) continue;
      this.drawBlurredArea(ctx, area, painted, natural);
    }
  }

  /** Mosaic first (no blur can be undone to what it replaced), then blur, clipped to the face's shape. */
  private drawBlurredArea(ctx: CanvasRenderingContext2D, area: Rect, painted: Rect, natural: { w: number; h: number }): void {
    const { mosaicCells, radius } = blurParams(area.h, this.look.strength);
    // Sample beyond the shape so the blur has real pixels, not transparency, at the shape's edge.
    const margin = radius * 2;
    const want = { x: area.x - margin, y: area.y - margin, w: area.w + 2 * margin, h: area.h + 2 * margin };
    const dest = intersect(want, painted);
    if (!dest) return;
    const sx = ((dest.x - painted.x) / painted.w) * natural.w;
    const sy = ((dest.y - painted.y) / painted.h) * natural.h;
    const sw = (dest.w / painted.w) * natural.w;
    const sh = (dest.h / painted.h) * natural.h;
    const cellSize = area.h / mosaicCells;
    this.scratch.width = Math.max(1, Math.round(dest.w / cellSize));
    this.scratch.height = Math.max(1, Math.round(dest.h / cellSize));
    const small = this.scratch.getContext('2d')!;
    small.imageSmoothingQuality = 'high';
    small.drawImage(this.img, sx, sy, sw, sh, 0, 0, this.scratch.width, this.scratch.height);

    ctx.save();
    ctx.beginPath();
    if (this.look.shape === 'ellipse') {
      ctx.ellipse(area.x + area.w / 2, area.y + area.h / 2, area.w / 2, area.h / 2, 0, 0, Math.PI * 2);
    } else {
      ctx.rect(area.x, area.y, area.w, area.h);
    }
    ctx.clip();
    ctx.imageSmoothingEnabled = true;
    // The plain mosaic underneath keeps the shape opaque where the blur thins out at the image's edge.
    ctx.drawImage(this.scratch, dest.x, dest.y, dest.w, dest.h);
    ctx.filter = `blur(${radius}px)`;
    ctx.drawImage(this.scratch, dest.x, dest.y, dest.w, dest.h);
    ctx.restore();
  }
}

/** The image's content box (inside border and padding) in viewport coordinates, or null when not rendered. */
function contentBox(img: HTMLImageElement): Rect | null {
  const rect = img.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return null;
  const s = getComputedStyle(img);
  const px = (v: string) => parseFloat(v) || 0;
  const left = px(s.borderLeftWidth) + px(s.paddingLeft);
  const top = px(s.borderTopWidth) + px(s.paddingTop);
  const right = px(s.borderRightWidth) + px(s.paddingRight);
  const bottom = px(s.borderBottomWidth) + px(s.paddingBottom);
  return { x: rect.left + left, y: rect.top + top, w: rect.width - left - right, h: rect.height - top - bottom };
}
