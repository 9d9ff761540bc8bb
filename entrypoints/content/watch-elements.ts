// Walks the document and its shadow roots (open and closed), now and later: reports every element (for backgrounds),
// image loads and source changes, class and style changes, and stylesheets arriving.
import { OVERLAY_TAG } from './overlay';

export interface ElementWatchCallbacks {
  /** An image was seen for the first time, or its source attributes changed. */
  found(img: HTMLImageElement, why: 'new' | 'source-changed'): void;
  /** The image finished loading (or failed to); also fired at once for images already complete. */
  loaded(img: HTMLImageElement): void;
  /** A shadow root was found; it needs its own copy of FaceVeil's styles. */
  shadowRoot(root: ShadowRoot): void;
  /** An element was seen for the first time. */
  element(el: Element): void;
  /** An element's class or inline style changed (`attr`): its computed style may have, and a class its descendants'. */
  restyled(el: Element, attr: 'class' | 'style'): void;
  /** A stylesheet was added or finished loading: any element's computed style may have changed. */
  stylesheet(): void;
  /** The page drew a photo into this canvas (page-hook.content/canvas2d.ts marks it). */
  canvasDrawn(canvas: HTMLCanvasElement): void;
}

const SOURCE_ATTRS = ['src', 'srcset', 'sizes'];
const STYLE_ATTRS = ['class', 'style'];
const DRAWN_ATTR = 'data-faceveil-photo';
const HOST_CHECK_MS = 250;
/** How long after it appeared a built-in element is watched for a shadow root attached to it. */
const LATE_ROOT_MS = 3_000;
/** Built-in elements that may host a shadow root (custom elements may too). */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

/** Watches until `signal` aborts. */
export function watchElements(callbacks: ElementWatchCallbacks, signal: AbortSignal): void {
  const seenRoots = new WeakSet<Node>();

  const onLoadEvent = (event: Event) => {
    if (event.target instanceof HTMLImageElement) callbacks.loaded(event.target);
    else if (event.target instanceof HTMLLinkElement || event.target instanceof HTMLStyleElement) callbacks.stylesheet();
  };
  const mutations = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const target = record.target as Element;
        // Frameworks often write the same value again: the picture is the same, there is nothing to redo.
        if (record.oldValue === target.getAttribute(record.attributeName!)) continue;
        if (record.attributeName === DRAWN_ATTR) {
          if (target instanceof HTMLCanvasElement && target.hasAttribute(DRAWN_ATTR)) callbacks.canvasDrawn(target);
        } else if (record.attributeName === 'class' || record.attributeName === 'style') callbacks.restyled(target, record.attributeName);
        else if (target instanceof HTMLImageElement) callbacks.found(target, 'source-changed');
        // A <source> inside <picture> changes which file the <img> shows.
        else if (target instanceof HTMLSourceElement && target.parentElement?.tagName === 'PICTURE') {
          const img = target.parentElement.querySelector('img');
          if (img) callbacks.found(img, 'source-changed');
        }
      } else {
        if (record.target instanceof HTMLStyleElement) callbacks.stylesheet(); // its text was rewritten
        for (const node of record.addedNodes) if (node instanceof Element) scan(node);
      }
    }
  });

  function watchRoot(root: Document | ShadowRoot): void {
    if (seenRoots.has(root)) return;
    seenRoots.add(root);
    // load/error do not bubble and do not cross shadow boundaries: listen in the capture phase per root.
    root.addEventListener('load', onLoadEvent, { capture: true, signal });
    root.addEventListener('error', onLoadEvent, { capture: true, signal });
    mutations.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: [...SOURCE_ATTRS, ...STYLE_ATTRS, DRAWN_ATTR], attributeOldValue: true });
    if (root instanceof ShadowRoot) callbacks.shadowRoot(root);
  }

  /**
   * Elements that may still get a shadow root, which no mutation reports: a web component is
   * usually upgraded after it was parsed (its defining module runs later), and a script often
   * inserts a plain element first and attaches its shadow root right after (the inline script
   * following a parsed element runs after this observer saw the element). Custom elements are
   * checked until they have a root or leave the page, other hosts for a short while.
   */
  const maybeHosts = new Map<Element, number>();
  let frame = 0;
  const checkHosts = () => {
    const now = performance.now();
    for (const [el, until] of maybeHosts) {
      const root = shadowRootOf(el);
      if (root || !el.isConnected || now > until) maybeHosts.delete(el);
      if (root) visit(el);
    }
  };

  function visit(el: Element): void {
    if (el.localName === OVERLAY_TAG) return; // FaceVeil's own covers: nothing to find in them
    callbacks.element(el);
    if (el instanceof HTMLStyleElement || (el instanceof HTMLLinkElement && el.rel === 'stylesheet')) callbacks.stylesheet();
    if (el instanceof HTMLCanvasElement && el.hasAttribute(DRAWN_ATTR)) callbacks.canvasDrawn(el);
    if (el instanceof HTMLImageElement) {
      callbacks.found(el, 'new');
      if (el.complete) callbacks.loaded(el);
    }
    const root = shadowRootOf(el);
    if (root) {
      watchRoot(root);
      for (const child of root.querySelectorAll('*')) visit(child);
    } else if (el.localName.includes('-')) {
      maybeHosts.set(el, Infinity);
    } else if (SHADOW_HOSTS.has(el.localName)) {
      maybeHosts.set(el, performance.now() + LATE_ROOT_MS);
      // Before the next paint: a root attached later in the same task (or the next few) is styled before its images show.
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        checkHosts();
      });
    }
  }

  function scan(node: Element): void {
    visit(node);
    for (const el of node.querySelectorAll('*')) visit(el);
  }

  watchRoot(document);
  if (document.documentElement) scan(document.documentElement);
  // Module scripts (which define most components) run just before DOMContentLoaded; later roots are caught by the timer.
  document.addEventListener('DOMContentLoaded', checkHosts, { signal });
  window.addEventListener('load', checkHosts, { signal });
  const timer = setInterval(checkHosts, HOST_CHECK_MS);
  signal.addEventListener(
    'abort',
    () => {
      mutations.disconnect();
      clearInterval(timer);
      cancelAnimationFrame(frame);
      maybeHosts.clear();
    },
    { once: true },
  );
}

/** Every element matching `selector` in the document and its shadow roots (for one-off look-ups such as context-menu targets). */
export function deepQueryAll<E extends Element = Element>(selector: string, root: Document | ShadowRoot = document): E[] {
  const out: E[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.matches(selector)) out.push(el as E);
    const shadow = shadowRootOf(el);
    if (shadow) out.push(...deepQueryAll<E>(selector, shadow));
  }
  return out;
}

/**
 * Open or closed: content scripts may see closed shadow roots too, which pages often use for widgets (Chrome:
 * chrome.dom; Firefox: the element's own openOrClosedShadowRoot, which only content scripts see).
 */
function shadowRootOf(el: Element): ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  if (!(el instanceof HTMLElement)) return null;
  if ('openOrClosedShadowRoot' in el) return (el as { openOrClosedShadowRoot: ShadowRoot | null }).openOrClosedShadowRoot;
  return chrome.dom?.openOrClosedShadowRoot(el) ?? null;
}
