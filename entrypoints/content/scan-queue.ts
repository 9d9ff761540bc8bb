// Images waiting for a scan: on-screen ones first, then those within a screen of the viewport; far-away ones wait until they approach.

/** How far beyond the viewport an image counts as approaching (one screen above and below). */
const NEAR_MARGIN = '100% 0px';

interface Place {
  onScreen: boolean;
  approaching: boolean;
}

export class ScanQueue<T extends { img: Element }> {
  private readonly waiting = new Set<T>();
  private readonly places = new WeakMap<Element, Place>();
  private readonly screen: IntersectionObserver;
  private readonly near: IntersectionObserver | null;

  /** `ready` gets the waiting images that came close enough to be scanned. */
  constructor(private readonly ready: (items: T[]) => void) {
    const observer = (key: keyof Place, options?: IntersectionObserverInit) =>
      new IntersectionObserver((entries) => {
        const closer: Element[] = [];
        for (const entry of entries) {
          const place = this.places.get(entry.target);
          if (place) place[key] = entry.isIntersecting;
          if (entry.isIntersecting) closer.push(entry.target);
        }
        if (closer.length) this.ready([...this.waiting].filter((item) => closer.includes(item.img)));
      }, options);
    this.screen = observer('onScreen');
    // A cross-origin frame's observers ignore root margins: there every image counts as approaching (frames are small).
    this.near = inCrossOriginFrame() ? null : observer('approaching', { rootMargin: NEAR_MARGIN });
  }

  get size(): number {
    return this.waiting.size;
  }

  add(item: T): void {
    if (this.waiting.has(item)) return;
    this.waiting.add(item);
    this.places.set(item.img, measure(item.img, !this.near)); // the observers first report a frame later
    this.screen.observe(item.img);
    this.near?.observe(item.img);
  }

  delete(item: T): void {
    if (!this.waiting.delete(item)) return;
    this.screen.unobserve(item.img);
    this.near?.unobserve(item.img);
  }

  /** Whether the image is on screen or approaching it. */
  isClose(item: T): boolean {
    const place = this.places.get(item.img);
    return !place || place.onScreen || place.approaching;
  }

  /** The next image to scan, or undefined when every waiting image is far away. */
  take(): T | undefined {
    let near: T | undefined;
    for (const item of this.waiting) {
      const place = this.places.get(item.img);
      if (place?.onScreen) return this.taken(item);
      if (place?.approaching) near ??= item;
    }
    return near && this.taken(near);
  }

  disconnect(): void {
    this.screen.disconnect();
    this.near?.disconnect();
    this.waiting.clear();
  }

  private taken(item: T): T {
    this.delete(item);
    return item;
  }
}

function measure(img: Element, alwaysNear: boolean): Place {
  const r = img.getBoundingClientRect();
  const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  return { onScreen, approaching: alwaysNear || onScreen || (r.bottom > -innerHeight && r.top < 2 * innerHeight) };
}

function inCrossOriginFrame(): boolean {
  if (window === window.top) return false;
  try {
    return window.top!.location.origin !== location.origin;
  } catch {
    return true;
  }
}
