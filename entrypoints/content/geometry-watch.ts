// Tells when a scanned surface's element may have moved or be drawn at another size: resizes, zoom (page and pinch), scrolling,
// restyles, transitions and animations (CSS or element.animate), with a periodic safety net for what none of those report.

const SAFETY_NET_MS = 1_000;
/** How often running animations are looked for: element.animate() fires no event. */
const ANIMATION_POLL_MS = 100;
const FOLLOW_MS = 2_000;

export class GeometryWatcher {
  private readonly watched = new Set<Element>();
  /** Watched elements on screen or about to be (half a screen around it: one that slides in is followed from the start). */
  private readonly visible = new Set<Element>();
  private frame = 0;
  private followUntil = 0;
  private readonly intersection = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const el = entry.target as Element;
        if (entry.isIntersecting && this.watched.has(el)) this.visible.add(el);
        else this.visible.delete(el);
      }
    },
    { rootMargin: '50%' },
  );
  // Resize observations arrive after layout and before paint: a change can be answered before the new view shows.
  private readonly resize = new ResizeObserver((entries) => {
    for (const entry of entries) this.changed(entry.target as Element);
  });
  /** A new class or style can move or enlarge an image without resizing its box (margins, transforms, object-fit). */
  private readonly restyle = new MutationObserver((records) => {
    for (const record of records) if (this.watched.has(record.target as Element)) this.changed(record.target as Element);
  });

  constructor(
    private readonly changed: (el: Element) => void,
    signal: AbortSignal,
  ) {
    const all = () => this.each(this.watched);
    const soon = () => this.schedule();
    const follow = () => {
      this.followUntil = performance.now() + FOLLOW_MS;
      this.schedule();
    };
    const opts = { capture: true, passive: true, signal };
    window.addEventListener('resize', all, { signal }); // page zoom changes devicePixelRatio and fires resize
    visualViewport?.addEventListener('resize', all, { signal }); // pinch zoom
    document.addEventListener('scroll', soon, opts); // fixed/sticky images move against the flow
    for (const type of ['transitionrun', 'animationstart', 'transitionend', 'animationend']) {
      document.addEventListener(type, follow, opts);
    }
    const safety = setInterval(() => this.each(this.visible), SAFETY_NET_MS);
    const animations = setInterval(() => {
      if (this.movingAnimation()) follow();
    }, ANIMATION_POLL_MS);
    signal.addEventListener('abort', () => {
      clearInterval(safety);
      clearInterval(animations);
      cancelAnimationFrame(this.frame);
      this.intersection.disconnect();
      this.resize.disconnect();
      this.restyle.disconnect();
      this.watched.clear();
      this.visible.clear();
    });
  }

  watch(el: Element): void {
    if (this.watched.has(el)) return;
    this.watched.add(el);
    this.intersection.observe(el);
    this.resize.observe(el);
    this.restyle.observe(el, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  /** (A MutationObserver cannot drop one target: its records for unwatched images are ignored instead.) */
  unwatch(el: Element): void {
    if (!this.watched.delete(el)) return;
    this.visible.delete(el);
    this.intersection.unobserve(el);
    this.resize.unobserve(el);
  }

  /** Every watched image, now (e.g. after a setting that changes what each needs). */
  checkAll(): void {
    this.each(this.watched);
  }

  private each(els: Set<Element>): void {
    for (const el of [...els]) this.changed(el);
  }

  /** Whether a running animation moves an on-screen image (a spinner elsewhere on the page does not count). */
  private movingAnimation(): boolean {
    if (this.visible.size === 0) return false;
    for (const animation of document.getAnimations()) {
      if (animation.playState !== 'running') continue;
      const target = animation.effect instanceof KeyframeEffect ? animation.effect.target : null;
      if (target && [...this.visible].some((el) => containsComposed(target, el))) return true;
    }
    return false;
  }

  /** Once per frame while scrolling or animating: on-screen images only. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.each(this.visible);
      if (performance.now() < this.followUntil) this.schedule();
    });
  }
}

/** `ancestor.contains(node)`, also across shadow roots (an image inside a component that the page animates). */
function containsComposed(ancestor: Element, node: Node): boolean {
  for (let at: Node | null = node; at; at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null)) {
    if (at === ancestor) return true;
  }
  return false;
}
