// Blurred faces laid over one surface (an <img>, a background layer), one small canvas per face and tile; everything
// else of the picture stays untouched and sharp. Where canvases do not draw (a document with scripting disabled), each
// cover is an element that blurs what lies behind it instead.
import { blurParams, coverBox, sampleArea } from '@/lib/blur';
import { drawBlurredArea, type BlurLook, type Sample } from '@/lib/photo/blur-canvas';
import type { Face, Mosaic } from '@/lib/face';
import { unpackRgb } from '@/lib/mosaic';
import { pageWorldRuns } from '@/lib/texture/bridge';
import { backingSize, intersect, mapToElement, type Rect } from '@/lib/geometry';
import type { Layout, Surface } from './surfaces/surface';

/** The element that holds one surface's covers (in a closed shadow root). */
export const OVERLAY_TAG = 'faceveil-overlay';

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

/** More re-placements than this within a second means the page keeps removing the cover: give up on it. */
const MAX_PLACEMENTS_PER_SECOND = 10;

/**
 * The host sits right after the surface's element (an image's <picture>), in the same slot, and keeps its *static*
 * position: it then moves with the element through scrolling and layout shifts by itself, and only a translate that
 * closes the gap between the two needs updating when the element's own box changes. Pages that re-render, move or
 * prune elements separate the two: `place()` (called on every DOM change, see overlay-keeper.ts) puts it back.
 */
export class FaceOverlay {
  /** Whether covers can show over an element fullscreen by itself (popovers: Chrome 114, Firefox 125); else blur it whole. */
  static readonly overFullscreen = 'showPopover' in HTMLElement.prototype;
  readonly host = document.createElement(OVERLAY_TAG);
  private readonly shadow: ShadowRoot;
  /**
   * One canvas per face, reused across redraws: memory follows the faces, not the image. Each only shows a bitmap
   * ('bitmaprenderer'): a 2D context per face would cost far more than its pixels, on pages with thousands of faces.
   * (Elements that blur what is behind them where canvases do not draw.)
   */
  private readonly covers: (HTMLCanvasElement | HTMLDivElement)[] = [];
  private drawnKey = '';
  /** The host's offset from its static place, in its own units. */
  private shift = { x: 0, y: 0 };
  /** Screen px per host px (1 unless an ancestor is scaled). */
  private scale = 1;
  private placements: number[] = [];
  /** The last layout in the host's units, and its backing pixels per unit. */
  private units: { layout: Layout; dpr: number } | null = null;
  /** A video's checked frame, drawn under the covers (strict mode: the video's own layer may be a frame ahead). */
  private frame: HTMLCanvasElement | null = null;
  /** The layout (size, DPR, crop) the covers were last laid for, and the one the frame was drawn for. */
  private layoutKey = '';
  private frameKey = '';

  constructor(
    readonly surface: Surface,
    private faces: Face[],
    private look: BlurLook,
  ) {
    this.host.setAttribute('style', HOST_STYLE);
    this.host.setAttribute('aria-hidden', 'true');
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    this.place();
    this.sync();
  }

  /**
   * Puts the host right after its element again if the page separated them (same parent and slot), or takes it away
   * with an element that left the page. 'lost' when the page keeps undoing it: the caller covers it another way.
   */
  place(): 'kept' | 'moved' | 'lost' {
    const anchor = this.surface.anchor();
    const at = 'after' in anchor ? anchor.after : anchor.into;
    if (!at.isConnected) {
      this.host.remove();
      return 'kept';
    }
    const slot = this.surface.el.getAttribute('slot');
    if (this.host.getAttribute('slot') !== slot) {
      if (slot === null) this.host.removeAttribute('slot');
      else this.host.setAttribute('slot', slot); // a named slot renders only elements that name it
    }
    if ('after' in anchor ? anchor.after.nextSibling === this.host : this.host.parentNode === anchor.into) return 'kept';
    const now = performance.now();
    this.placements = [...this.placements.filter((t) => now - t < 1_000), now];
    if (this.placements.length > MAX_PLACEMENTS_PER_SECOND) return 'lost';
    if ('after' in anchor) anchor.after.after(this.host);
    else anchor.into.append(this.host);
    this.shift = { x: 0, y: 0 };
    this.host.style.removeProperty('transform');
    return 'moved';
  }

  update(faces: Face[], look: BlurLook): void {
    this.faces = faces;
    this.look = look;
    this.drawnKey = '';
    this.sync();
  }

  /** Aligns the overlay with the surface's box and redraws when its size, tiles or DPR changed. */
  sync(): void {
    const layout = this.surface.el.isConnected ? this.surface.layout() : null;
    if (!layout || layout === 'none') {
      this.host.style.setProperty('visibility', 'hidden', 'important');
      return;
    }
    const content = layout.box;
    this.host.style.setProperty('visibility', 'visible', 'important');
    const z = getComputedStyle(this.surface.el).zIndex;
    this.host.style.setProperty('z-index', z === 'auto' ? 'auto' : z, 'important');
    this.followPosition();
    // An ancestor's transform or zoom scales the host as it scales the image: the host's size and shift are set in its
    // own units, which are the screen's divided by that scale (measured on the host; it changes rarely).
    this.setSize(content);
    let at = this.host.getBoundingClientRect();
    const scale = at.width / (content.w / this.scale);
    if (scale > 0 && Number.isFinite(scale) && Math.abs(scale - this.scale) > 0.002 * this.scale) {
      this.scale = scale;
      this.setSize(content);
      at = this.host.getBoundingClientRect();
    }
    const k = this.scale;
    const dx = (content.x - (at.left - this.shift.x * k)) / k;
    const dy = (content.y - (at.top - this.shift.y * k)) / k;
    if (Math.abs(dx - this.shift.x) * k > 0.25 || Math.abs(dy - this.shift.y) * k > 0.25) {
      this.shift = { x: dx, y: dy };
      this.host.style.setProperty('transform', `translate(${dx}px, ${dy}px)`, 'important');
    }
    const dpr = window.devicePixelRatio || 1;
    this.units = { layout: inUnits(layout, k), dpr: dpr * k };
    const key = `${content.w}x${content.h}@${dpr}/${k}:${this.surface.source()}:${JSON.stringify(layout.painted)}:${JSON.stringify(layout.clip)}`;
    // The drawn frame (a video's, strict mode) was laid for another size or place: it would show the picture bare
    // beside the new covers. Gone until the video's next frame is drawn.
    if (this.frame && key !== this.frameKey) this.showFrame(null);
    this.layoutKey = key;
    if (key !== this.drawnKey) {
      // Drawn in the host's units, with as many backing pixels as the screen shows.
      this.draw(inUnits(layout, k), dpr * k);
      this.drawnKey = key;
    }
  }

  /**
   * An element out of the flow (absolute, fixed) stays put when content before it changes height, but a host at its
   * static position would move with that content and bare the faces until the next check: the host takes the element's
   * own position and insets instead (its sibling, so the same containing block), and moves only when the element does.
   */
  private followPosition(): void {
    const anchor = this.surface.anchor();
    const el = this.surface.el;
    if (this.raise(document.fullscreenElement === el)) {
      this.host.style.setProperty('position', 'fixed', 'important');
      for (const side of ['top', 'left']) this.host.style.setProperty(side, '0', 'important');
      for (const side of ['right', 'bottom']) this.host.style.setProperty(side, 'auto', 'important');
      return;
    }
    const position = 'after' in anchor && anchor.after === el ? getComputedStyle(el).position : 'static';
    // Computed values ('auto', '10%'), not the used pixels getComputedStyle gives for a positioned element.
    const insets = position === 'absolute' || position === 'fixed' ? el.computedStyleMap?.() : undefined;
    this.host.style.setProperty('position', insets ? position : 'absolute', 'important');
    for (const side of ['top', 'right', 'bottom', 'left']) {
      this.host.style.setProperty(side, insets ? String(insets.get(side) ?? 'auto') : 'auto', 'important');
    }
  }

  /**
   * An element shown fullscreen by itself (a <video>) hides everything but the top layer: the host joins the top layer
   * above it as a popover opened after it went fullscreen (showing one needs no user gesture), and leaves with it.
   * Whether the host is in the top layer now.
   */
  private raise(fullscreen: boolean): boolean {
    if (!FaceOverlay.overFullscreen) return false;
    const open = this.host.matches(':popover-open');
    if (fullscreen === open) return open;
    try {
      if (fullscreen) {
        this.host.popover = 'manual';
        this.host.showPopover();
      } else {
        this.host.hidePopover();
        this.host.removeAttribute('popover');
      }
    } catch (e) {
      console.info('[FaceVeil] cannot lay covers over a fullscreen element:', e);
    }
    return this.host.matches(':popover-open');
  }

  private setSize(content: Rect): void {
    this.host.style.setProperty('width', `${content.w / this.scale}px`, 'important');
    this.host.style.setProperty('height', `${content.h / this.scale}px`, 'important');
  }

  get showsFrame(): boolean {
    return this.frame !== null;
  }

  /**
   * Shows the video's current frame under the covers, opaque, where the element paints it (null takes it away). What
   * shows is then the frame FaceVeil has just looked at, not the one the compositor put up meanwhile.
   */
  showFrame(video: CanvasImageSource | null): void {
    const painted = this.units?.layout.painted[0];
    const shown = painted && intersect(painted, this.units!.layout.clip);
    const natural = this.surface.natural();
    if (!video || !shown || !painted || natural.w === 0) {
      this.frame?.remove();
      this.frame = null;
      return;
    }
    if (!this.frame) {
      this.frame = document.createElement('canvas');
      this.shadow.prepend(this.frame);
    }
    const size = backingSize(shown.w, shown.h, this.units!.dpr);
    this.frame.style.cssText = `position:absolute;left:${shown.x}px;top:${shown.y}px;width:${shown.w}px;height:${shown.h}px;pointer-events:none`;
    if (this.frame.width !== size.w) this.frame.width = size.w;
    if (this.frame.height !== size.h) this.frame.height = size.h;
    const sx = ((shown.x - painted.x) / painted.w) * natural.w;
    const sy = ((shown.y - painted.y) / painted.h) * natural.h;
    this.frameKey = this.layoutKey;
    const ctx = this.frame.getContext('2d', { alpha: false })!;
    ctx.drawImage(video, sx, sy, (shown.w / painted.w) * natural.w, (shown.h / painted.h) * natural.h, 0, 0, size.w, size.h);
  }

  remove(): void {
    this.host.remove();
    for (const cover of this.covers) release(cover);
  }

  /** One canvas per face and tile it shows in; `layout` is in the host's units. */
  private draw(layout: Layout, dpr: number): void {
    const natural = this.surface.natural();
    let used = 0;
    for (const painted of layout.painted) {
      for (const face of this.faces) {
        const area = mapToElement(coverBox(face.box), painted);
        const shown = intersect(area, layout.clip);
        if (!shown || natural.w === 0) continue;
        const cover = this.coverAt(used++);
        if (cover instanceof HTMLCanvasElement) this.drawFace(cover, face, area, shown, painted, dpr);
        else this.blurBehind(cover, area, shown);
      }
    }
    // Faces gone since the last drawing free their canvases.
    for (const cover of this.covers.splice(used)) {
      cover.remove();
      release(cover);
    }
  }

  private drawFace(canvas: HTMLCanvasElement, face: Face, area: Rect, shown: Rect, painted: Rect, dpr: number): void {
    const size = backingSize(shown.w, shown.h, dpr);
    canvas.style.cssText = `position:absolute;left:${shown.x}px;top:${shown.y}px;width:${shown.w}px;height:${shown.h}px;pointer-events:none`;
    work.width = size.w;
    work.height = size.h;
    const ctx = work.getContext('2d')!;
    // Drawn in the box's coordinates; this canvas holds the part of them its face covers.
    const kx = size.w / shown.w;
    const ky = size.h / shown.h;
    ctx.setTransform(kx, 0, 0, ky, -shown.x * kx, -shown.y * ky);
    const sample = face.mosaic ? fromMosaic(face.mosaic, painted) : this.fromPicture(area, painted);
    if (sample) drawBlurredArea(ctx, area, sample, this.look);
    canvas.getContext('bitmaprenderer')!.transferFromImageBitmap(work.transferToImageBitmap());
  }

  private coverAt(i: number): HTMLCanvasElement | HTMLDivElement {
    let cover = this.covers[i];
    if (!cover) {
      // A video's covers blur the live frame behind them; a drawn cover would show the frame it was drawn from.
      cover = document.createElement(canvasesDraw() && this.surface.kind !== 'video' ? 'canvas' : 'div');
      this.covers.push(cover);
      this.shadow.append(cover);
    }
    return cover;
  }

  /**
   * A cover that blurs the picture behind it, for documents where canvases do not draw: as strong as the mosaic and blur
   * of a drawn cover (a blur as wide as one mosaic cell, plus the blur's own radius), in the face's shape.
   */
  private blurBehind(cover: HTMLDivElement, area: Rect, shown: Rect): void {
    const { mosaicCells, radius } = blurParams(area.h, this.look.strength);
    const blur = area.h / mosaicCells + radius;
    const shape =
      this.look.shape === 'ellipse'
        ? `ellipse(${area.w / 2}px ${area.h / 2}px at ${area.x + area.w / 2 - shown.x}px ${area.y + area.h / 2 - shown.y}px)`
        : `inset(${area.y - shown.y}px ${shown.x + shown.w - area.x - area.w}px ${shown.y + shown.h - area.y - area.h}px ${area.x - shown.x}px)`;
    cover.style.cssText =
      `position:absolute;left:${shown.x}px;top:${shown.y}px;width:${shown.w}px;height:${shown.h}px;pointer-events:none;` +
      `backdrop-filter:blur(${blur}px);clip-path:${shape}`;
  }

  /** The page's own picture around the face (remote results carry no grid). */
  private fromPicture(area: Rect, painted: Rect): Sample | null {
    const source = this.surface.picture();
    const natural = this.surface.natural();
    // Sample beyond the shape so the blur has real pixels, not transparency, at the shape's edge.
    const dest = intersect(sampleArea(area), painted);
    if (!dest || !source) return null;
    const sx = ((dest.x - painted.x) / painted.w) * natural.w;
    const sy = ((dest.y - painted.y) / painted.h) * natural.h;
    return { source, sx, sy, sw: (dest.w / painted.w) * natural.w, sh: (dest.h / painted.h) * natural.h, dest };
  }
}

/**
 * Whether canvases draw in this document. Where scripting is disabled (a sandboxed frame without allow-scripts) a canvas
 * shows its fallback content, i.e. nothing (at times it drew, depending on when it was laid out): FaceVeil's page-world
 * script, which runs wherever scripting is enabled, tells it.
 */
let warned = false;
function canvasesDraw(): boolean {
  const draw = pageWorldRuns();
  if (!draw && !warned) console.info('[FaceVeil] scripting is disabled in this frame: covers blur what is behind them');
  warned ||= !draw;
  return draw;
}

function release(cover: HTMLCanvasElement | HTMLDivElement): void {
  if (cover instanceof HTMLCanvasElement) cover.width = cover.height = 0;
}

/**
 * Drawing surfaces shared by every cover of the page (drawing is synchronous, one cover at a time): a face's cover
 * is drawn in `work` and handed to its canvas as a bitmap; `grid` holds the detector's grid.
 */
const work = new OffscreenCanvas(1, 1);
const grid = new OffscreenCanvas(1, 1);

/** The detector's colour grid around the face, and where it lies on the element: no reading of the page's image. */
function fromMosaic(mosaic: Mosaic, painted: Rect): Sample | null {
  const rgba = unpackRgb(mosaic.rgb, mosaic.cols * mosaic.rows);
  if (!rgba) return null;
  grid.width = mosaic.cols;
  grid.height = mosaic.rows;
  // Cell by cell: Firefox refuses a content script's own pixel array in the page's ImageData (a few hundred cells).
  const ctx = grid.getContext('2d')!;
  for (let i = 0; i < mosaic.cols * mosaic.rows; i++) {
    ctx.fillStyle = `rgb(${rgba[i * 4]} ${rgba[i * 4 + 1]} ${rgba[i * 4 + 2]})`;
    ctx.fillRect(i % mosaic.cols, Math.floor(i / mosaic.cols), 1, 1);
  }
  return { source: grid, sx: 0, sy: 0, sw: mosaic.cols, sh: mosaic.rows, dest: mapToElement(mosaic.area, painted) };
}

/** The layout in the host's own units (its box at the origin): an ancestor's scale `k` divides screen px. */
function inUnits(layout: Layout, k: number): Layout {
  const scale = (r: Rect): Rect => ({ x: r.x / k, y: r.y / k, w: r.w / k, h: r.h / k });
  return { box: { x: 0, y: 0, w: layout.box.w / k, h: layout.box.h / k }, painted: layout.painted.map(scale), clip: scale(layout.clip) };
}
