// The attributes FaceVeil puts on the page, which drive its CSS (style.css, shadow-styles.ts), guarded against a page
// that sets or removes them itself: a forged "scanned" mark would show an unscanned picture sharp.

/**
 * `data-faceveil` on an <img> or a <canvas> showing a photo: absent = not scanned yet (hidden while hide-until-scanned
 * is on); 'stale' = a canvas drawn again since its scan (blurred whole until scanned again).
 */
export type ImageMark = 'clear' | 'skip' | 'blurred' | 'stale';

const ATTR = 'data-faceveil';
const BACKGROUND_ATTR = 'data-faceveil-bg';
const VIDEO_ATTR = 'data-faceveil-video';
const SHOW_ATTR = 'data-faceveil-show';
/** Past this many reverts of one element's mark in a second the page is fighting; FaceVeil stops (never loops). */
const MAX_REVERTS_PER_SECOND = 20;

/** What FaceVeil last set, per element and attribute: anything else there was written by the page. */
const expected = new WeakMap<Element, Map<string, string | null>>();
const reverts = new WeakMap<Element, number[]>();
/** Elements whose marks the page fought over: FaceVeil no longer reverts them (it must never loop with a page). */
const ignored = new WeakSet<Element>();

export function markImage(img: HTMLElement, mark: ImageMark | null): void {
  if (mark === 'blurred' || mark === 'stale') sizeBlur(img);
  set(img, ATTR, mark);
}

/**
 * `data-faceveil-video` on a <video>: absent = blurred whole (style.css) until FaceVeil has covers on its faces
 * ('faces'); 'whole' = blurred whole again while those cannot be trusted, or its frames cannot be read.
 */
export type VideoMark = 'faces' | 'whole';

export function markVideo(video: HTMLVideoElement, mark: VideoMark | null): void {
  if (mark !== 'faces') sizeBlur(video);
  set(video, VIDEO_ATTR, mark);
}

/** CSS cannot size a blur to the element, and a face filling a large picture needs a large radius. */
function sizeBlur(el: HTMLElement): void {
  const side = Math.max(el.clientWidth, el.clientHeight, 1);
  el.style.setProperty('--faceveil-blur', `${Math.max(8, Math.round(side * 0.04))}px`, 'important');
}

/**
 * `data-faceveil-bg` on an element with a CSS background picture: which of its boxes may show their backgrounds
 * ('box', 'before', 'after': scanned, or holding no picture) and which are blurred whole ('blurred', 'before-blurred',
 * 'after-blurred'). A box not named stays without background pictures (style.css).
 */
export function markBackground(el: Element, tokens: string | null): void {
  set(el, BACKGROUND_ATTR, tokens);
}

export function backgroundMark(el: Element): string | null {
  return el.getAttribute(BACKGROUND_ATTR);
}

/** Whether unscanned images may show (hide-until-scanned off, or FaceVeil inactive on this page). */
export function showUnscanned(show: boolean): void {
  set(document.documentElement, SHOW_ATTR, show ? '' : null);
}

function set(el: Element, attr: string, value: string | null): void {
  let attrs = expected.get(el);
  if (!attrs) expected.set(el, (attrs = new Map()));
  attrs.set(attr, value);
  if (value === null) el.removeAttribute(attr);
  else if (el.getAttribute(attr) !== value) el.setAttribute(attr, value);
}

/**
 * Reverts the page's changes to FaceVeil's marks in `root` (the document, and each shadow root) until `signal` aborts.
 * Mutation callbacks run before the next paint, so a forged mark is gone before it could show anything.
 */
export function guardMarks(root: Document | ShadowRoot, signal: AbortSignal): void {
  const observer = new MutationObserver((records) => {
    for (const { target, attributeName } of records) {
      const el = target as Element;
      if (!attributeName || ignored.has(el)) continue;
      // A mark FaceVeil never set (on an image it has not reached yet) is not a mark: it goes.
      const want = expected.get(el)?.get(attributeName) ?? null;
      if (el.getAttribute(attributeName) === want) continue;
      const now = performance.now();
      const recent = [...(reverts.get(el) ?? []).filter((t) => now - t < 1_000), now];
      reverts.set(el, recent);
      if (recent.length > MAX_REVERTS_PER_SECOND) {
        console.warn('[FaceVeil] the page keeps changing FaceVeil marks; leaving this element alone:', el);
        ignored.add(el);
        continue;
      }
      if (want === null) el.removeAttribute(attributeName);
      else el.setAttribute(attributeName, want);
    }
  });
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: [ATTR, BACKGROUND_ATTR, VIDEO_ATTR, SHOW_ATTR] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
