// The per-image life cycle on one page: wait for the pixels, scan, cover the faces, and fall back safely when a scan fails.
import { mergeDetections } from '@/lib/detect/merge';
import { covers, minFaceForView, pixelScale } from '@/lib/detect/scale';
import type { Face } from '@/lib/face';
import { sendMessage, type ContextAction } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import type { OverlayAligner } from './alignment';
import { markImage } from './marks';
import { FaceOverlay } from './overlay';
import { readPixels } from './read-pixels';
import { ScanQueue } from './scan-queue';
import { drawnSize } from './view-size';
import { ViewWatcher } from './view-watch';

type State = 'waiting' | 'queued' | 'scanning' | 'done' | 'failed' | 'skipped';

interface ImageRecord {
  img: HTMLImageElement;
  /** The source the state refers to; a new currentSrc starts over. */
  src: string;
  state: State;
  /** Faces of the last finished scan. */
  faces: Face[];
  /** Faces the scan under way has found so far (coarse scales first). */
  partial?: Face[];
  /** The smallest face (natural px) the last finished scan looked for; a larger view may need a finer scan. */
  minFacePx?: number;
  overlay?: FaceOverlay;
  timer?: ReturnType<typeof setTimeout>;
  /** What the user asked for from the context menu; it outranks automatic blurring. */
  user?: 'faces' | 'whole' | 'clear';
}

const MAX_IN_FLIGHT = 2;

export class PageBlurrer {
  private readonly records = new Map<HTMLImageElement, ImageRecord>();
  private readonly queue = new ScanQueue<ImageRecord>((closer) => {
    for (const record of closer) this.startClock(record);
    this.pump();
  });
  /** Scanned images, so that one drawn larger than its scan covered is scanned again before it shows a face. */
  private readonly views = new ViewWatcher((img) => this.viewChanged(img));
  private inFlight = 0;
  private auto = false;
  private reportTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private settings: Settings,
    private readonly aligner: OverlayAligner,
  ) {}

  /** Automatic blurring on or off for this page; user choices from the context menu stay either way. */
  setAuto(auto: boolean): void {
    this.auto = auto;
    if (auto) return;
    for (const record of this.records.values()) {
      if (record.user) continue;
      this.removeOverlay(record);
      clearTimeout(record.timer);
      markImage(record.img, null);
      this.records.delete(record.img);
      this.queue.delete(record);
      this.views.unwatch(record.img);
    }
    this.reportCount();
  }

  setSettings(settings: Settings): void {
    const engineChanged = settings.detector !== this.settings.detector;
    this.settings = settings;
    for (const record of this.records.values()) {
      if (record.state !== 'done') continue;
      this.render(record);
      // Another detector finds other faces: scan again, the current cover staying until the new one is ready.
      if (engineChanged && !record.user) this.enqueue(record);
    }
    this.views.checkAll(); // the smallest face wanted may have changed
  }

  /** An image appeared or its source attributes changed: until it has loaded and been scanned, it counts as unscanned. */
  found(img: HTMLImageElement, why: 'new' | 'source-changed'): void {
    const record = this.records.get(img);
    if (!record || why === 'new') return;
    // Drop the old picture's overlay and hide again before the new picture can paint.
    this.reset(record);
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
    record ??= { img, src, state: 'waiting', faces: [] };
    this.records.set(img, record);
    record.src = src;
    const skip = skipReason(img, this.settings.minImagePx);
    if (skip) {
      record.state = 'skipped';
      console.debug('[FaceVeil] skipped image:', skip, src.slice(0, 120));
      markImage(img, 'skip');
      return;
    }
    this.enqueue(record);
  }

  /** Faces found so far while a scan is still running: cover them now; the image stays hidden until the end. */
  progress(src: string, faces: Face[]): void {
    for (const record of this.records.values()) {
      if (record.src !== src || record.state !== 'scanning') continue;
      record.partial = faces;
      this.drawOverlay(record, this.shownFaces(record));
    }
  }

  contextAction(action: ContextAction, img: HTMLImageElement): void {
    let record = this.records.get(img);
    if (!record) {
      record = { img, src: img.currentSrc || img.src, state: 'waiting', faces: [] };
      this.records.set(img, record);
    }
    record.user = action === 'blur-faces' ? 'faces' : action === 'blur-whole' ? 'whole' : 'clear';
    if (record.user === 'faces' && record.state !== 'done') this.loaded(img);
    else this.render(record);
  }

  private enqueue(record: ImageRecord): void {
    record.state = 'queued';
    clearTimeout(record.timer);
    record.timer = undefined;
    this.queue.add(record);
    if (this.queue.isClose(record)) this.startClock(record);
    this.pump();
  }

  /** The time limit counts from when an image is on screen or approaching it: far-away images wait by design. */
  private startClock(record: ImageRecord): void {
    if (record.timer === undefined && (record.state === 'queued' || record.state === 'scanning')) {
      record.timer = setTimeout(() => this.timedOut(record), this.settings.scanTimeoutMs);
    }
  }

  /** The image's view changed (size, zoom, object-fit): scan again if it now shows faces smaller than its scan looked for. */
  private viewChanged(img: HTMLImageElement): void {
    const record = this.records.get(img);
    if (!record || record.state !== 'done' || record.minFacePx === undefined || record.user) return;
    if (covers(record.minFacePx, this.neededMinFace(img))) return;
    // Runs before the larger view is painted: the image stays covered (whole) until the finer scan answers.
    if (this.settings.hideUntilScanned) markImage(img, 'blurred');
    this.enqueue(record);
  }

  private neededMinFace(img: HTMLImageElement): number {
    return minFaceForView({ w: img.naturalWidth, h: img.naturalHeight }, drawnSize(img), this.settings.minScreenFacePx);
  }

  private reset(record: ImageRecord): void {
    this.removeOverlay(record);
    record.state = 'waiting';
    record.faces = [];
    record.partial = undefined;
    record.minFacePx = undefined;
    clearTimeout(record.timer);
    record.timer = undefined;
    if (record.user !== 'faces') record.user = undefined;
    this.queue.delete(record);
    if (this.auto) markImage(record.img, null);
    this.reportCount();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT) {
      const next = this.queue.take();
      if (!next) return;
      this.startClock(next);
      this.inFlight++;
      void this.scan(next).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async scan(record: ImageRecord): Promise<void> {
    const { img, src } = record;
    record.state = 'scanning';
    record.partial = undefined;
    // As fine as the image is drawn now; the pixels shrunk to what that needs (a thumbnail costs a fraction).
    const minFacePx = this.neededMinFace(img);
    const pixels = await readPixels(img, pixelScale(minFacePx)).catch(() => null);
    const natural = { w: img.naturalWidth, h: img.naturalHeight };
    const result = await sendMessage('scanImage', { src, minFacePx, natural, pixels: pixels ?? undefined }).catch(
      (error: unknown) => ({ ok: false as const, reason: `no answer from the extension: ${String(error)}` }),
    );
    if (record.src !== src || this.records.get(img) !== record) return; // the image changed meanwhile
    record.partial = undefined;
    if (result.ok) {
      record.faces = result.faces;
      record.minFacePx = result.minFacePx;
      record.state = 'done';
      this.render(record);
      this.views.watch(img);
      this.viewChanged(img); // it may have grown while it was scanned
    } else {
      record.state = 'failed';
      console.warn('[FaceVeil] could not scan image:', result.reason, src.slice(0, 120));
      this.applyFailurePolicy(record);
    }
  }

  private timedOut(record: ImageRecord): void {
    if (record.state === 'done' || record.state === 'skipped') return;
    console.warn(`[FaceVeil] no scan result after ${this.settings.scanTimeoutMs} ms:`, record.src.slice(0, 120));
    this.applyFailurePolicy(record);
  }

  private applyFailurePolicy(record: ImageRecord): void {
    clearTimeout(record.timer);
    if (record.user === 'clear') markImage(record.img, 'clear');
    else markImage(record.img, this.settings.onTimeout === 'reveal' && record.user !== 'whole' ? 'clear' : 'blurred');
  }

  /** Shows the record's current verdict: faces covered, whole image blurred, or nothing. */
  private render(record: ImageRecord): void {
    clearTimeout(record.timer);
    const { img, user } = record;
    if (user === 'whole' || user === 'clear') {
      this.removeOverlay(record);
      markImage(img, user === 'whole' ? 'blurred' : 'clear');
      this.reportCount();
      return;
    }
    this.drawOverlay(record, this.shownFaces(record));
    // Reveal only after the overlay is in place: both reach the screen in the same frame.
    markImage(img, 'clear');
    this.reportCount();
  }

  private drawOverlay(record: ImageRecord, faces: Face[]): void {
    const boxes = faces.map((face) => face.box);
    const look = { shape: this.settings.shape, strength: this.settings.blurStrength };
    if (boxes.length === 0) this.removeOverlay(record);
    else if (record.overlay) record.overlay.update(boxes, look);
    else {
      record.overlay = new FaceOverlay(record.img, boxes, look);
      this.aligner.add(record.overlay);
    }
  }

  /** A finished scan's faces; while a (re)scan runs, the last ones together with what it found so far. */
  private shownFaces(record: ImageRecord): Face[] {
    const faces = record.partial ? mergeDetections([...record.faces, ...record.partial]) : record.faces;
    return record.state === 'done' || record.state === 'scanning' || record.state === 'queued' ? this.facesAbove(faces) : [];
  }

  private facesAbove(faces: Face[]): Face[] {
    return faces.filter((face) => face.score >= this.settings.threshold);
  }

  private removeOverlay(record: ImageRecord): void {
    if (!record.overlay) return;
    this.aligner.delete(record.overlay);
    record.overlay.remove();
    record.overlay = undefined;
  }

  /** Faces currently covered in this frame, sent to the background for the badge (debounced). */
  private reportCount(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      let count = 0;
      for (const record of this.records.values()) {
        if (!record.img.isConnected) {
          this.removeOverlay(record);
          this.records.delete(record.img);
          this.queue.delete(record);
          this.views.unwatch(record.img);
        } else if (record.overlay) count += this.shownFaces(record).length;
      }
      sendMessage('reportFaces', count).catch(() => undefined);
    }, 100);
  }
}

function skipReason(img: HTMLImageElement, minPx: number): string | null {
  if (img.naturalWidth === 0 || img.naturalHeight === 0) return 'broken or empty image';
  const src = img.currentSrc || img.src;
  if (/^data:image\/svg|\.svg(\?|#|$)/i.test(src)) return 'SVG image';
  if (Math.min(img.naturalWidth, img.naturalHeight) < minPx) return `smaller than ${minPx} px`;
  return null;
}
