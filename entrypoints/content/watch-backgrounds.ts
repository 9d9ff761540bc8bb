// Finds the CSS background pictures of every element (its own box, ::before and ::after) and hands each picture layer
// to the life cycle as a surface; looks again when classes, inline styles, stylesheets, hover, focus or the viewport
// change them. style.css hides every box FaceVeil has not named in data-faceveil-bg: to read what a box would show,
// its element is named for the length of the reading (no frame is painted in between).
import { pictureUrls } from '@/lib/background/layers';
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
/** How far up from a hovered or focused element a :hover / :focus-within rule may change a background. */
const HOVER_DEPTH = 12;
/** Main-thread time per slice of elements looked at in idle time. */
const SLICE_MS = 6;
const PRUNE_MS = 5_000;

/** An element that paints a background image in one of its boxes. */
interface Tracked {
  /** Which boxes paint any background image (pictures or gradients). */
  painted: Set<Box>;
  /** Its picture layers, by box, layer and URL. */
  surfaces: Map<string, BackgroundSurface>;
}

export class BackgroundFinder {
  private readonly tracked = new Map<HTMLElement, Tracked>();
  /** Read before the next paint: hovered elements, all their boxes (`true`), and others only in the boxes they show. */
  private readonly urgent = new Map<Element, boolean>();
  /** Looked at in short slices between tasks: elements not showing any background picture yet (hidden meanwhile). */
  private readonly later = new Set<Element>();
  private urgentScheduled = false;
  private laterScheduled = false;

  /**
   * `watch`: follow hover, focus and the viewport too. Without (the site switched off), the finder only reads what
   * `surfacesAt` is asked about, for a right-click.
   */
  constructor(
    private readonly callbacks: BackgroundCallbacks,
    private readonly signal: AbortSignal,
    watch = true,
  ) {
    if (watch) this.watch();
    // Elements the page removed let go of their pictures (a feed that recycles its cards would otherwise pile them up).
    const prune = setInterval(() => {
      for (const [el, tracked] of this.tracked) {
        if (el.isConnected) continue;
        for (const surface of tracked.surfaces.values()) {
          this.callbacks.gone(surface);
          surface.drop();
        }
        this.tracked.delete(el);
      }
    }, PRUNE_MS);
    signal.addEventListener('abort', () => {
      clearInterval(prune);
      for (const [el, tracked] of this.tracked) {
        for (const surface of tracked.surfaces.values()) surface.drop();
        markBackground(el, null);
      }
      this.tracked.clear();
      this.urgent.clear();
      this.later.clear();
    });
  }

  private watch(): void {
    const { signal } = this;
    const opts = { capture: true, passive: true, signal };
    // :hover and :focus rules change backgrounds without any DOM change; the event comes before the frame paints.
    const around = (event: Event) => {
      let depth = 0;
      for (const node of event.composedPath()) {
        if (node instanceof Element && depth++ < HOVER_DEPTH) this.look(node, true);
      }
    };
    document.addEventListener('mouseover', around, opts);
    document.addEventListener('mouseout', around, opts);
    document.addEventListener('focusin', around, opts);
    document.addEventListener('focusout', around, opts);
    // Media queries: the viewport's size picks other rules.
    window.addEventListener('resize', () => this.lookEverywhere(), { signal });
  }

  /** The picture layers `el` or its nearest ancestor paints (read now if not known yet): what a right-click there means. */
  surfacesAt(el: Element): Surface[] {
    let at: Node | null = el;
    for (let depth = 0; at && depth < HOVER_DEPTH; depth++) {
      if (at instanceof HTMLElement) {
        if (!this.tracked.has(at)) this.read([at]);
        const surfaces = [...(this.tracked.get(at)?.surfaces.values() ?? [])];
        if (surfaces.length) return surfaces;
      }
      at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null);
    }
    return [];
  }

  /**
   * An element appeared, or its computed style may have changed. A box that shows its background could now show
   * another picture: it is read before the next paint. A box not shown is hidden by style.css until looked at, so it
   * waits for a slice of idle time, unless `now` (hovered: the user is looking at it).
   */
  look(el: Element, now = false): void {
    if (this.signal.aborted || el.localName === OVERLAY_TAG) return;
    const shown = shownBoxes(el);
    if (now || shown.length > 0) {
      this.urgent.set(el, now || this.urgent.get(el) === true);
      if (!this.urgentScheduled) {
        this.urgentScheduled = true;
        // Still before the next paint (mutation callbacks and events end in a microtask checkpoint), and in one batch.
        queueMicrotask(() => {
          this.urgentScheduled = false;
          const els = [...this.urgent];
          this.urgent.clear();
          this.readUrgent(els);
        });
      }
    }
    if (!now && shown.length < BOXES.length) {
      this.later.add(el);
      if (this.laterScheduled) return;
      this.laterScheduled = true;
      setTimeout(() => this.readSlice(), 0);
    }
  }

  /** Its class or style changed: descendants' backgrounds may follow (`.dark .hero { … }`). */
  lookWithin(el: Element): void {
    this.look(el);
    for (const child of el.querySelectorAll('*')) this.look(child);
  }

  /** A stylesheet came or the viewport changed: any element may paint another background now. */
  lookEverywhere(): void {
    if (document.documentElement) this.look(document.documentElement);
    for (const el of deepQueryAll('*')) this.look(el);
  }

  /** Elements waiting for idle time, a few milliseconds' worth at a time (a long page never blocks the main thread). */
  private readSlice(): void {
    this.laterScheduled = false;
    const until = performance.now() + SLICE_MS;
    const slice: Element[] = [];
    for (const el of this.later) {
      this.later.delete(el);
      slice.push(el);
      if (slice.length % 64 === 0) {
        this.read(slice.splice(0));
        if (performance.now() > until) break;
      }
    }
    this.read(slice);
    if (this.later.size && !this.laterScheduled) {
      this.laterScheduled = true;
      setTimeout(() => this.readSlice(), 0);
    }
  }

  /** Hovered elements are read whole; others only in the boxes they show, which needs no unhiding. */
  private readUrgent(els: [Element, boolean][]): void {
    this.read(els.filter(([, whole]) => whole).map(([el]) => el));
    for (const [el, whole] of els) {
      if (whole || !(el instanceof HTMLElement) || !el.isConnected) continue;
      const boxes = shownBoxes(el);
      this.update(el, readBoxes(el, boxes), boxes);
    }
  }

  /** Reads every box of each element. */
  private read(all: Element[]): void {
    const els = all.filter((el): el is HTMLElement => el instanceof HTMLElement && el.isConnected);
    if (this.signal.aborted || els.length === 0) return;
    // Named for the reading, so the hiding rule does not answer `none`; the marks are back before anything paints.
    const saved = els.map((el) => backgroundMark(el));
    for (const el of els) markBackground(el, 'box before after');
    const styles = els.map((el) => readBoxes(el, BOXES));
    els.forEach((el, i) => markBackground(el, saved[i]!));
    els.forEach((el, i) => this.update(el, styles[i]!, BOXES));
  }

  /** The element's layers in the boxes `read`, as `boxes` found them (the other boxes keep what was known). */
  private update(el: HTMLElement, boxes: Map<Box, string>, read: readonly Box[]): void {
    let tracked = this.tracked.get(el);
    if (!tracked && boxes.size === 0) return;
    tracked ??= { painted: new Set(), surfaces: new Map() };
    for (const box of read) {
      if (boxes.has(box)) tracked.painted.add(box);
      else tracked.painted.delete(box);
    }
    const wanted = new Map<string, { box: Box; index: number; url: string }>();
    const dpr = window.devicePixelRatio || 1;
    for (const [box, image] of boxes) {
      for (const layer of pictureUrls(image, dpr)) {
        wanted.set(`${box}|${layer.index}|${layer.url}`, { box, index: layer.index, url: layer.url });
      }
    }
    for (const [key, surface] of tracked.surfaces) {
      if (wanted.has(key) || !read.includes(surface.pseudo)) continue;
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

/** Whether `el` or one of its nearest ancestors paints a background picture (nothing is read into the finder). */
export function paintsPictureAt(el: Element): boolean {
  let at: Node | null = el;
  for (let depth = 0; at && depth < HOVER_DEPTH; depth++) {
    if (at instanceof HTMLElement && [...readBoxes(at, BOXES).values()].some((image) => pictureUrls(image, 1).length > 0)) return true;
    at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null);
  }
  return false;
}

/** The boxes the element's mark lets show their backgrounds (their computed values are not hidden by style.css). */
function shownBoxes(el: Element): Box[] {
  const tokens = (backgroundMark(el) ?? '').split(' ');
  return BOXES.filter((box) => tokens.includes(TOKEN[box]));
}

/** The computed `background-image` of each of `boxes` that paints one. */
function readBoxes(el: HTMLElement, boxes: readonly Box[]): Map<Box, string> {
  const out = new Map<Box, string>();
  for (const box of boxes) {
    const style = getComputedStyle(el, box || null);
    // A pseudo-element without content is not generated.
    if (box && (style.content === 'none' || style.content === 'normal')) continue;
    const image = style.backgroundImage;
    if (image && image !== 'none') out.set(box, image);
  }
  return out;
}
