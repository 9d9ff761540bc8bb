// The per-image life cycle on one page: found, loaded, scanned in screen order, covered; rescanned when drawn larger; failure policy when a scan fails.
import { mergeDetections } from '@/lib/detect/merge';
import { covers, minFaceForView, pixelScale } from '@/lib/detect/scale';
import type { Face } from '@/lib/face';
import type { ContextAction, ScanResult } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { GeometryWatcher } from './geometry-watch';
import { markImage } from './marks';
import { tallyFaces } from './face-tally';
import { FaceOverlay } from './overlay';
import { OverlayKeeper } from './overlay-keeper';
import { Proximity } from './proximity';
import { readPixels } from './read-pixels';
import { requestScan } from './scan-client';
import { drawnSize } from './view-size';

type State = 'waiting' | 'queued' | 'scanning' | 'done' | 'failed' | 'skipped';

interface ImageRecord {
  img: HTMLImageElement;
  /** The source the state refers to; a new currentSrc starts over. */
  src: string;
  state: State;
  /** Faces of the last finished scan (kept through a rescan, and through a rescan that failed). */
  faces: Face[];
  /** Faces the scan under way has found so far (coarse scales first). */
  partial?: Face[];
  /** The smallest face (natural px) the last finished scan was asked for; a larger view needs a finer scan. */
  askedPx?: number;
  /** The settings changed in a way that needs a new scan while this one ran: scan again when it ends. */
  stale?: boolean;
  /** The page kept removing this image's cover: it is blurred whole instead, until its picture changes. */
  coverLost?: boolean;
  overlay?: FaceOverlay;
  timer?: ReturnType<typeof setTimeout>;
  /** Aborts the image's own load/error listeners when it is forgotten. */
  listeners: AbortController;
  /** What the user asked for from the context menu; it outranks automatic blurring. */
  user?: 'faces' | 'whole' | 'clear';
}

const MAX_IN_FLIGHT = 2;
/** Pictures larger than this are never read on the page's main thread to draw a cover. */
const HUGE_PX = 16e6;

export class PageBlurrer {
  private readonly records = new Map<HTMLImageElement, ImageRecord>();
  /** Loaded images waiting for a scan; taken on-screen first, then approaching, never while far away. */
  private readonly queue = new Set<ImageRecord>();
  private readonly proximity: Proximity;
  private readonly geometry: GeometryWatcher;
  private readonly keeper: OverlayKeeper;
  private inFlight = 0;
  private auto = false;
  private reportTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private settings: Settings,
    private readonly signal: AbortSignal,
  ) {
    this.proximity = new Proximity((els) => {
      for (const el of els) {
        const record = this.records.get(el as HTMLImageElement);
        if (record) this.startClock(record);
      }
      this.pump();
    }, signal);
    this.geometry = new GeometryWatcher((img) => this.geometryChanged(img), signal);
    this.keeper = new OverlayKeeper((overlay) => this.coverLost(overlay.img), signal);
    signal.addEventListener('abort', () => {
      for (const record of this.records.values()) stopClock(record);
      clearTimeout(this.reportTimer);
    });
  }

  /** Another copy of FaceVeil takes this frame over: it rescans every image, hidden (not bare) until then. */
  handOver(): void {
    for (const record of this.records.values()) this.forget(record);
  }

  /** Automatic blurring on or off for this page; user choices from the context menu stay either way. */
  setAuto(auto: boolean): void {
    this.auto = auto;
    if (auto) return;
    for (const record of this.records.values()) {
      if (!record.user) this.forget(record);
    }
    this.reportCount();
  }

  setSettings(settings: Settings): void {
    const engineChanged = settings.detector !== this.settings.detector;
    this.settings = settings;
    for (const record of this.records.values()) {
      if (record.state === 'done') this.render(record);
      // Another detector finds other faces: scan again, the current cover staying until the new one is ready.
      if (engineChanged && !record.user) {
        if (record.state === 'done' || record.state === 'failed') this.enqueue(record);
        else if (record.state === 'scanning') record.stale = true;
      }
    }
    this.geometry.checkAll(); // the smallest face on screen may have changed
  }

  /** An image appeared or its source attributes changed: until it has loaded and been scanned, it counts as unscanned. */
  found(img: HTMLImageElement, why: 'new' | 'source-changed'): void {
    let record = this.records.get(img);
    if (record && why === 'source-changed') this.reset(record); // drop the old picture's cover before the new one paints
    if (!this.auto && !record?.user) return;
    record ??= this.newRecord(img);
    this.proximity.track(img);
    // The time limit counts from when it starts loading near the screen: a stalled download gets a decision too.
    if (this.proximity.place(img) !== 'far') this.startClock(record);
  }

  loaded(img: HTMLImageElement): void {
    const src = img.currentSrc || img.src;
    let record = this.records.get(img);
    if (record && record.src === src && record.state !== 'waiting') {
      record.overlay?.sync();
      return;
    }
    // A new picture without a source attribute change (<picture>/srcset following the viewport): hide it before it paints.
    if (record && record.src !== src && record.state !== 'waiting') this.reset(record);
    if (!this.auto && !record?.user) return;
    if (!record) {
      this.found(img, 'new');
      record = this.records.get(img)!;
    }
    record.src = src;
    const skip = skipReason(img, this.settings.minImagePx);
    if (skip) {
      record.state = 'skipped';
      stopClock(record);
      console.debug('[FaceVeil] skipped image:', skip, src.slice(0, 120));
      markImage(img, 'skip');
      this.geometry.watch(img); // a small picture shown large later can hold a face worth covering
      this.reportCount(); // (which also forgets images that left the page)
      return;
    }
    this.enqueue(record);
  }

  /** Faces found so far while a scan is still running: cover them now; the image stays hidden until the end. */
  progress(src: string, faces: Face[]): void {
    for (const record of this.records.values()) {
      if (record.src !== src || record.state !== 'scanning' || record.user === 'clear' || record.user === 'whole') continue;
      record.partial = faces;
      this.drawOverlay(record, this.shownFaces(record));
    }
  }

  contextAction(action: ContextAction, img: HTMLImageElement): void {
    const record = this.records.get(img) ?? this.newRecord(img);
    record.user = action === 'blur-faces' ? 'faces' : action === 'blur-whole' ? 'whole' : 'clear';
    if (record.user === 'faces' && record.state !== 'done') this.loaded(img);
    else this.render(record);
  }

  private newRecord(img: HTMLImageElement): ImageRecord {
    const record: ImageRecord = { img, src: img.currentSrc || img.src, state: 'waiting', faces: [], listeners: new AbortController() };
    this.records.set(img, record);
    // A mark copied with the element (cloneNode) is not FaceVeil's verdict on this image.
    markImage(img, null);
    // Directly on the image too: document.open() and friends erase the document's own listeners.
    const signal = AbortSignal.any([this.signal, record.listeners.signal]);
    img.addEventListener('load', () => this.loaded(img), { signal });
    img.addEventListener('error', () => this.loaded(img), { signal });
    return record;
  }

  private enqueue(record: ImageRecord): void {
    record.state = 'queued';
    stopClock(record);
    this.queue.add(record);
    this.proximity.track(record.img);
    if (this.proximity.place(record.img) !== 'far') this.startClock(record);
    this.pump();
  }

  private startClock(record: ImageRecord): void {
    if (record.timer !== undefined || !['waiting', 'queued', 'scanning'].includes(record.state)) return;
    record.timer = setTimeout(() => this.timedOut(record), this.settings.scanTimeoutMs);
  }

  /** The image may have moved or been resized: keep its cover aligned, and scan again if it now shows smaller faces. */
  private geometryChanged(img: HTMLImageElement): void {
    const record = this.records.get(img);
    if (!record) return;
    record.overlay?.sync();
    if (record.state === 'skipped' && !skipReason(img, this.settings.minImagePx)) {
      if (this.settings.hideUntilScanned) markImage(img, null);
      this.enqueue(record);
      return;
    }
    if (record.user === 'whole' || record.user === 'clear' || record.askedPx === undefined) return;
    if (record.state !== 'done' && record.state !== 'failed') return;
    if (covers(record.askedPx, this.neededMinFace(img))) return;
    // Before the larger view is painted: the image stays covered (whole) until the finer scan answers.
    if (this.settings.hideUntilScanned) markImage(img, 'blurred');
    this.enqueue(record);
  }

  private neededMinFace(img: HTMLImageElement): number {
    return minFaceForView({ w: img.naturalWidth, h: img.naturalHeight }, drawnSize(img), this.settings.minScreenFacePx);
  }

  private reset(record: ImageRecord): void {
    this.removeOverlay(record);
    Object.assign(record, { state: 'waiting', faces: [], partial: undefined, askedPx: undefined, stale: false, coverLost: false });
    stopClock(record);
    if (record.user !== 'faces') record.user = undefined;
    this.queue.delete(record);
    if (this.auto) markImage(record.img, null);
    this.reportCount();
  }

  /** Stops tracking an image altogether (it left the page, or blurring was switched off). */
  private forget(record: ImageRecord): void {
    this.removeOverlay(record);
    stopClock(record);
    record.listeners.abort();
    markImage(record.img, null);
    this.records.delete(record.img);
    this.queue.delete(record);
    this.proximity.untrack(record.img);
    this.geometry.unwatch(record.img);
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT) {
      const next = this.takeNext();
      if (!next) return;
      this.inFlight++;
      void this.scan(next).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** On-screen images first, then approaching ones; images that left the page are dropped on the way. */
  private takeNext(): ImageRecord | undefined {
    let near: ImageRecord | undefined;
    for (const record of this.queue) {
      if (!record.img.isConnected) {
        this.forget(record);
        continue;
      }
      const place = this.proximity.place(record.img);
      if (place === 'screen') {
        near = record;
        break;
      }
      if (place === 'near') near ??= record;
    }
    if (near) this.queue.delete(near);
    return near;
  }

  private async scan(record: ImageRecord): Promise<void> {
    const { img, src } = record;
    record.state = 'scanning';
    record.partial = undefined;
    record.stale = false;
    this.startClock(record);
    const minFacePx = this.neededMinFace(img);
    const current = () => !this.signal.aborted && record.src === src && this.records.get(img) === record;
    // As fine as the image is drawn now; the pixels shrunk to what that needs (a thumbnail costs a fraction).
    const read = () => readPixels(img, pixelScale(minFacePx, this.settings.detector));
    const natural = { w: img.naturalWidth, h: img.naturalHeight };
    const result = await requestScan({ src, read, natural, minFacePx, wanted: current });
    if (!result || !current()) return;
    record.partial = undefined;
    this.finish(record, result, minFacePx);
    if (record.stale) this.enqueue(record);
  }

  private finish(record: ImageRecord, result: ScanResult, askedPx: number): void {
    if (result.ok) {
      record.faces = result.faces;
      record.askedPx = askedPx;
      record.state = 'done';
      this.render(record);
      this.geometry.watch(record.img);
      this.geometryChanged(record.img); // it may have grown while it was scanned
    } else {
      // A failed rescan keeps the faces it had (and their cover); the failure policy decides about the rest.
      record.state = 'failed';
      console.warn('[FaceVeil] could not scan image:', result.reason, record.src.slice(0, 120));
      this.applyFailurePolicy(record);
    }
  }

  private timedOut(record: ImageRecord): void {
    if (!['waiting', 'queued', 'scanning'].includes(record.state)) return;
    console.warn(`[FaceVeil] no scan result after ${this.settings.scanTimeoutMs} ms:`, record.src.slice(0, 120));
    this.applyFailurePolicy(record);
  }

  private applyFailurePolicy(record: ImageRecord): void {
    stopClock(record);
    if (record.user === 'clear') markImage(record.img, 'clear');
    else markImage(record.img, this.settings.onTimeout === 'reveal' && record.user !== 'whole' ? 'clear' : 'blurred');
  }

  /** The page keeps taking this image's cover away: blur the whole image instead (it cannot be taken off). */
  private coverLost(img: HTMLImageElement): void {
    const record = this.records.get(img);
    if (!record) return;
    console.warn('[FaceVeil] the page keeps removing a cover; blurring the whole image instead:', record.src.slice(0, 120));
    record.coverLost = true;
    this.render(record);
  }

  /** Shows the record's current verdict: faces covered, whole image blurred, or nothing. */
  private render(record: ImageRecord): void {
    stopClock(record);
    const { img, user } = record;
    const faces = this.shownFaces(record);
    // A cover is drawn from the detector's colour grid; without one (a remote result) it would read the page's image,
    // which for a huge picture means decoding all of it on the page's main thread: that picture is blurred whole.
    const unreadable = faces.some((f) => !f.mosaic) && img.naturalWidth * img.naturalHeight > HUGE_PX;
    const whole = user === 'whole' || ((record.coverLost || unreadable) && user !== 'clear' && faces.length > 0);
    if (whole || user === 'clear') {
      this.removeOverlay(record);
      markImage(img, whole ? 'blurred' : 'clear');
      this.reportCount();
      return;
    }
    this.drawOverlay(record, faces);
    // Reveal only after the overlay is in place: both reach the screen in the same frame.
    markImage(img, 'clear');
    this.reportCount();
  }

  private drawOverlay(record: ImageRecord, faces: Face[]): void {
    const look = { shape: this.settings.shape, strength: this.settings.blurStrength };
    if (faces.length === 0 || record.coverLost) this.removeOverlay(record);
    else if (record.overlay) record.overlay.update(faces, look);
    else {
      record.overlay = new FaceOverlay(record.img, faces, look);
      this.keeper.add(record.overlay);
      this.geometry.watch(record.img);
    }
  }

  /** The last finished scan's faces, together with what a scan under way has found so far. */
  private shownFaces(record: ImageRecord): Face[] {
    const faces = record.partial ? mergeDetections([...record.faces, ...record.partial]) : record.faces;
    return record.state === 'skipped' || record.state === 'waiting' ? [] : this.facesAbove(faces);
  }

  private facesAbove(faces: Face[]): Face[] {
    return faces.filter((face) => face.score >= this.settings.threshold);
  }

  private removeOverlay(record: ImageRecord): void {
    if (!record.overlay) return;
    this.keeper.delete(record.overlay);
    record.overlay.remove();
    record.overlay = undefined;
  }

  /** Faces currently covered in this frame, sent to the background for the badge (debounced); forgets images that left. */
  private reportCount(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      let count = 0;
      for (const record of this.records.values()) {
        if (!record.img.isConnected) this.forget(record);
        else if (record.overlay) count += this.shownFaces(record).length;
      }
      tallyFaces('images', count);
    }, 100);
  }
}

/** Cancels the image's time limit; `startClock` starts a new one only where none runs. */
function stopClock(record: ImageRecord): void {
  clearTimeout(record.timer);
  record.timer = undefined;
}

/**
 * Why an image needs no scan: nothing decoded, or too small to hold a face anyone could see, both as a file and as
 * drawn (a 39-px file can be shown 450 px wide). SVG files are scanned: they can wrap a photo.
 */
function skipReason(img: HTMLImageElement, minPx: number): string | null {
  if (img.naturalWidth === 0 || img.naturalHeight === 0) return 'broken or empty image';
  const box = img.getBoundingClientRect();
  if (Math.min(img.naturalWidth, img.naturalHeight) < minPx && Math.min(box.width, box.height) < minPx) return `smaller than ${minPx} px`;
  return null;
}
