// Keeps overlays on their images: re-syncs them on resize, zoom, scroll, animations and (as a safety net) now and then.
import type { FaceOverlay } from './overlay';

const SAFETY_NET_MS = 1_000;
const ANIMATION_FOLLOW_MS = 2_000;

export class OverlayAligner {
  private readonly overlays = new Map<Element, FaceOverlay>();
  private readonly visible = new Set<FaceOverlay>();
  private frame = 0;
  private followUntil = 0;
  private readonly intersection = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const overlay = this.overlays.get(entry.target);
      if (!overlay) continue;
      if (entry.isIntersecting) this.visible.add(overlay);
      else this.visible.delete(overlay);
    }
  });
  private readonly resize = new ResizeObserver((entries) => {
    for (const entry of entries) this.overlays.get(entry.target)?.sync();
  });
  /** A new class or style can move an image without resizing it (margins, transforms). */
  private readonly restyle = new MutationObserver((records) => {
    for (const record of records) this.overlays.get(record.target as Element)?.sync();
  });

  constructor(signal: AbortSignal) {
    const soon = () => this.schedule();
    const follow = () => {
      this.followUntil = performance.now() + ANIMATION_FOLLOW_MS;
      this.schedule();
    };
    const all = () => this.syncAll();
    const opts = { capture: true, passive: true, signal };
    window.addEventListener('resize', all, { signal }); // also fires on zoom (DPR changes)
    document.addEventListener('scroll', soon, opts); // fixed/sticky images move against the flow
    for (const type of ['transitionrun', 'animationstart', 'transitionend', 'animationend']) {
      document.addEventListener(type, follow, opts);
    }
    const timer = setInterval(() => this.syncVisible(), SAFETY_NET_MS);
    signal.addEventListener('abort', () => {
      clearInterval(timer);
      cancelAnimationFrame(this.frame);
      this.intersection.disconnect();
      this.resize.disconnect();
      this.restyle.disconnect();
    });
  }

  add(overlay: FaceOverlay): void {
    this.overlays.set(overlay.img, overlay);
    this.intersection.observe(overlay.img);
    this.resize.observe(overlay.img);
    this.restyle.observe(overlay.img, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  delete(overlay: FaceOverlay): void {
    this.overlays.delete(overlay.img);
    this.visible.delete(overlay);
    this.intersection.unobserve(overlay.img);
    this.resize.unobserve(overlay.img);
  }

  syncAll(): void {
    for (const overlay of this.overlays.values()) overlay.sync();
  }

  private syncVisible(): void {
    for (const overlay of this.visible) overlay.sync();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.syncVisible();
      if (performance.now() < this.followUntil) this.schedule();
    });
  }
}
