// How close each tracked image is to the viewport: on screen, approaching (within a screen of it), or far; told when one comes closer.

/** How far beyond the viewport an image counts as approaching (one screen above and below). */
const NEAR_MARGIN = '100% 0px';

export type Place = 'screen' | 'near' | 'far';

interface Seen {
  onScreen: boolean;
  approaching: boolean;
}

export class Proximity {
  private readonly seen = new WeakMap<Element, Seen>();
  private readonly screen: IntersectionObserver;
  private readonly near: IntersectionObserver | null;

  /** `closer` gets the images that just came on screen or within a screen of it. */
  constructor(closer: (els: Element[]) => void, signal: AbortSignal) {
    const observer = (key: keyof Seen, options?: IntersectionObserverInit) =>
      new IntersectionObserver((entries) => {
        const came: Element[] = [];
        for (const entry of entries) {
          const seen = this.seen.get(entry.target);
          if (seen) seen[key] = entry.isIntersecting;
          if (entry.isIntersecting) came.push(entry.target);
        }
        if (came.length) closer(came);
      }, options);
    this.screen = observer('onScreen');
    // A cross-origin frame's observers ignore root margins: there every image counts as approaching (frames are small).
    this.near = inCrossOriginFrame() ? null : observer('approaching', { rootMargin: NEAR_MARGIN });
    signal.addEventListener('abort', () => {
      this.screen.disconnect();
      this.near?.disconnect();
    });
  }

  track(el: Element): void {
    if (this.seen.has(el)) return;
    // Not close until the observers say so (a frame later): measuring here would force a layout per image, and a
    // page adding a thousand images at once would stall on it.
    this.seen.set(el, { onScreen: false, approaching: !this.near });
    this.screen.observe(el);
    this.near?.observe(el);
  }

  untrack(el: Element): void {
    if (!this.seen.delete(el)) return;
    this.screen.unobserve(el);
    this.near?.unobserve(el);
  }

  place(el: Element): Place {
    const seen = this.seen.get(el);
    if (!seen || !el.isConnected) return 'far';
    return seen.onScreen ? 'screen' : seen.approaching ? 'near' : 'far';
  }
}

function inCrossOriginFrame(): boolean {
  if (window === window.top) return false;
  try {
    return window.top!.location.origin !== location.origin;
  } catch {
    return true;
  }
}
