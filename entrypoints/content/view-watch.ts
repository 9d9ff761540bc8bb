// Tells when a scanned image may be drawn at another size: its box resized, the page zoomed, its style or class changed.

export class ViewWatcher {
  private readonly watched = new Set<HTMLImageElement>();
  // Resize observations arrive after layout and before paint: a rescan can hide the larger view before it shows.
  private readonly resize = new ResizeObserver((entries) => {
    for (const entry of entries) this.changed(entry.target as HTMLImageElement);
  });
  /** object-fit or a transform can change the drawn picture without resizing the box. */
  private readonly restyle = new MutationObserver((records) => {
    for (const record of records) if (this.watched.has(record.target as HTMLImageElement)) this.changed(record.target as HTMLImageElement);
  });
  private readonly zoom = () => {
    for (const img of this.watched) this.changed(img);
  };

  constructor(private readonly changed: (img: HTMLImageElement) => void) {
    window.addEventListener('resize', this.zoom); // page zoom changes devicePixelRatio and fires resize
  }

  watch(img: HTMLImageElement): void {
    if (this.watched.has(img)) return;
    this.watched.add(img);
    this.resize.observe(img);
    this.restyle.observe(img, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  unwatch(img: HTMLImageElement): void {
    if (!this.watched.delete(img)) return;
    this.resize.unobserve(img); // (a MutationObserver cannot drop one target: its records are filtered instead)
  }

  /** Rechecks every watched image (e.g. after the smallest-face setting changed). */
  checkAll(): void {
    this.zoom();
  }
}
