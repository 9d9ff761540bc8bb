// Finds the CSS background pictures of every element (its own box, ::before and ::after) and hands each picture layer
// to the life cycle as a surface; looks again when classes, inline styles, stylesheets, hover, focus or the viewport
// change them. style.css hides every box FaceVeil has not named in data-faceveil-bg: to read what a box would show,
// its element is named for the length of the reading (no frame is painted in between).
import { pictureLayers, type BackgroundStyle } from '@/lib/background/layers';
import { backgroundMark, markBackground } from './marks';
import { OVERLAY_TAG } from './overlay';
import { BackgroundSurface, type Box } from './surfaces/background';
import type { Surface } from './surfaces/surface';
import { deepQueryAll } from './watch-elements';

export interface BackgroundCallbacks {
  found(surface: Surface): void;
  gone(surface: Surface): void;
}

const BOXES: Box[] = ['', '::before', '::after'];
const TOKEN: Record<Box, string> = { '': 'box', '::before': 'before', '::after': 'after' };
const PROPS = [
  'backgroundImage',
  'backgroundSize',
  'backgroundPositionX',
  'backgroundPositionY',
  'backgroundRepeat',
  'backgroundOrigin',
  'backgroundClip',
  'backgroundAttachment',
] as const;
/** How far up from a hovered or focused element a :hover / :focus-within rule may change a background. */
const HOVER_DEPTH = 12;

/** An element that paints a background image in one of its boxes. */
interface Tracked {
  /** Which boxes paint any background image (pictures or gradients). */
  painted: Set<Box>;
  /** Its picture layers, by box, layer and URL. */
  surfaces: Map<string, BackgroundSurface>;
}

export class BackgroundFinder {
  private readonly tracked = new Map<HTMLElement, Tracked>();
  private readonly pending = new Set<Element>();
  private flushing = false;
  /** The next flush looks at every element (a stylesheet changed). */
  private everything = false;

  constructor(
    private readonly callbacks: BackgroundCallbacks,
    private readonly signal: AbortSignal,
  ) {
    const opts = { capture: true, passive: true, signal };
    // :hover and :focus rules change backgrounds without any DOM change; the event comes before the frame paints.
    const around = (event: Event) => {
      let depth = 0;
      for (const node of event.composedPath()) {
        if (node instanceof Element && depth++ < HOVER_DEPTH) this.look(node);
      }
    };
    document.addEventListener('mouseover', around, opts);
    document.addEventListener('mouseout', around, opts);
    document.addEventListener('focusin', around, opts);
    document.addEventListener('focusout', around, opts);
    // Media queries: the viewport's size picks other rules.
    window.addEventListener('resize', () => this.lookEverywhere(), { signal });
    signal.addEventListener('abort', () => {
      for (const [el, tracked] of this.tracked) {
        for (const surface of tracked.surfaces.values()) surface.drop();
        markBackground(el, null);
      }
      this.tracked.clear();
      this.pending.clear();
    });
  }

  /** An element appeared, or its computed style may have changed. */
  look(el: Element): void {
    if (this.signal.aborted || el.localName === OVERLAY_TAG) return;
    this.pending.add(el);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Still before the next paint (mutation callbacks and events end in a microtask checkpoint), and in one batch.
    queueMicrotask(() => this.flush());
  }

  /** Its class or style changed: descendants' backgrounds may follow (`.dark .hero { … }`). */
  lookWithin(el: Element): void {
    this.look(el);
    for (const child of el.querySelectorAll('*')) this.look(child);
  }

  /** A stylesheet came or the viewport changed: any element may paint another background now. */
  lookEverywhere(): void {
    this.everything = true; // once per batch, however many stylesheets arrived in it
    this.schedule();
  }

  private flush(): void {
    this.flushing = false;
    if (this.everything) {
      this.everything = false;
      if (document.documentElement) this.pending.add(document.documentElement);
      for (const el of deepQueryAll('*')) if (el.localName !== OVERLAY_TAG) this.pending.add(el);
    }
    const els = [...this.pending].filter((el): el is HTMLElement => el instanceof HTMLElement && el.isConnected);
    this.pending.clear();
    if (this.signal.aborted || els.length === 0) return;
    // Named for the reading, so the hiding rule does not answer `none`; the marks are back before anything paints.
    const saved = els.map((el) => backgroundMark(el));
    for (const el of els) markBackground(el, 'box before after');
    const styles = els.map(readBoxes);
    els.forEach((el, i) => markBackground(el, saved[i]!));
    els.forEach((el, i) => this.update(el, styles[i]!));
  }

  private update(el: HTMLElement, boxes: Map<Box, BackgroundStyle>): void {
    let tracked = this.tracked.get(el);
    if (!tracked && boxes.size === 0) return;
    tracked ??= { painted: new Set(), surfaces: new Map() };
    tracked.painted = new Set(boxes.keys());
    const wanted = new Map<string, { box: Box; index: number; url: string }>();
    const dpr = window.devicePixelRatio || 1;
    for (const [box, style] of boxes) {
      for (const layer of pictureLayers(style, dpr)) {
        wanted.set(`${box}|${layer.index}|${layer.url}`, { box, index: layer.index, url: layer.url });
      }
    }
    for (const [key, surface] of tracked.surfaces) {
      if (wanted.has(key)) continue;
      tracked.surfaces.delete(key);
      this.callbacks.gone(surface);
      surface.drop();
    }
    const added: BackgroundSurface[] = [];
    for (const [key, { box, index, url }] of wanted) {
      if (tracked.surfaces.has(key)) continue;
      const surface = new BackgroundSurface(el, box, index, url, () => this.mark(el));
      tracked.surfaces.set(key, surface);
      added.push(surface);
    }
    if (tracked.painted.size === 0) this.tracked.delete(el);
    else this.tracked.set(el, tracked);
    this.mark(el); // before the life cycle hears of the new layers: they are hidden from this frame on
    for (const surface of added) this.callbacks.found(surface);
  }

  /** The element's mark from its layers' verdicts: a box shows once all its pictures are decided. */
  private mark(el: HTMLElement): void {
    const tracked = this.tracked.get(el);
    if (!tracked) {
      if (backgroundMark(el) !== null) markBackground(el, null);
      return;
    }
    const tokens: string[] = [];
    for (const box of BOXES) {
      if (!tracked.painted.has(box)) continue;
      const layers = [...tracked.surfaces.values()].filter((s) => s.pseudo === box);
      if (layers.every((s) => s.verdict !== 'hidden')) tokens.push(TOKEN[box]);
      if (layers.some((s) => s.verdict === 'blurred')) tokens.push(box ? `${TOKEN[box]}-blurred` : 'blurred');
    }
    markBackground(el, tokens.length ? tokens.join(' ') : null);
  }
}

/** The computed background of each of the element's boxes that paints a background image (copied: styles are live). */
function readBoxes(el: HTMLElement): Map<Box, BackgroundStyle> {
  const out = new Map<Box, BackgroundStyle>();
  for (const box of BOXES) {
    const style = getComputedStyle(el, box || null);
    // A pseudo-element without content is not generated.
    if (box && (style.content === 'none' || style.content === 'normal')) continue;
    if (style.backgroundImage === 'none' || !style.backgroundImage) continue;
    const copy = {} as BackgroundStyle;
    for (const prop of PROPS) copy[prop] = style[prop];
    out.set(box, copy);
  }
  return out;
}
