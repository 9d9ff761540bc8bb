// Keeps every cover next to its element whatever the page does to the DOM: re-rendered containers, pruned elements,
// images moved into a lightbox or a named slot. Mutation callbacks run before the next paint, so a separated cover is
// back in the same frame; a page that keeps removing one makes it "lost" and the surface is blurred whole instead.
import type { FaceOverlay } from './overlay';

export class OverlayKeeper {
  private readonly overlays = new Set<FaceOverlay>();
  private readonly roots = new WeakSet<Node>();
  private readonly observer = new MutationObserver(() => this.check());

  constructor(
    private readonly lost: (overlay: FaceOverlay) => void,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      this.overlays.clear();
    });
  }

  add(overlay: FaceOverlay): void {
    this.overlays.add(overlay);
    this.observeRootOf(overlay);
  }

  delete(overlay: FaceOverlay): void {
    this.overlays.delete(overlay);
  }

  private observeRootOf(overlay: FaceOverlay): void {
    const root = overlay.surface.el.getRootNode();
    if (this.roots.has(root)) return;
    this.roots.add(root);
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['slot'] });
  }

  private check(): void {
    for (const overlay of this.overlays) {
      const placed = overlay.place();
      if (placed === 'lost') {
        this.overlays.delete(overlay);
        this.lost(overlay);
      } else if (placed === 'moved') {
        this.observeRootOf(overlay); // moved into another shadow root, maybe
        overlay.sync();
      }
    }
  }
}
