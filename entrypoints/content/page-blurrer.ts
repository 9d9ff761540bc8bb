// The per-image life cycle on one page: wait for the pixels, scan, cover the faces, and fall back safely when a scan fails.
import type { Face } from '@/lib/face';
import { sendMessage, type ContextAction } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import type { OverlayAligner } from './alignment';
import { markImage } from './marks';
import { FaceOverlay } from './overlay';
import { readPixels } from './read-pixels';

type State = 'waiting' | 'queued' | 'scanning' | 'done' | 'failed' | 'skipped';

interface ImageRecord {
  img: HTMLImageElement;
  /** The source the state refers to; a new currentSrc starts over. */
  src: string;
  state: State;
  faces: Face[];
  overlay?: FaceOverlay;
  timer?: ReturnType<typeof setTimeout>;
  /** What the user asked for from the context menu; it outranks automatic blurring. */
  user?: 'faces' | 'whole' | 'clear';
}

const MAX_IN_FLIGHT = 2;

export class PageBlurrer {
  private readonly records = new Map<HTMLImageElement, ImageRecord>();
  private readonly queue = new Set<ImageRecord>();
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
    }
    this.reportCount();
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    for (const record of this.records.values()) if (record.state === 'done') this.render(record);
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
    record.state = 'queued';
    this.queue.add(record);
    clearTimeout(record.timer);
    record.timer = setTimeout(() => this.timedOut(record), this.settings.scanTimeoutMs);
    this.pump();
  }

  /** Faces found so far while a scan is still running: cover them now; the image stays hidden until the end. */
  progress(src: string, faces: Face[]): void {
    for (const record of this.records.values()) {
      if (record.src !== src || record.state !== 'scanning') continue;
      record.faces = faces;
      this.drawOverlay(record, this.facesAbove(faces));
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

  private reset(record: ImageRecord): void {
    this.removeOverlay(record);
    record.state = 'waiting';
    record.faces = [];
    if (record.user !== 'faces') record.user = undefined;
    this.queue.delete(record);
    if (this.auto) markImage(record.img, null);
    this.reportCount();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.size > 0) {
      const next = pickNext(this.queue);
      this.queue.delete(next);
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
    const pixels = await readPixels(img).catch(() => null);
    const result = await sendMessage('scanImage', { src, pixels: pixels ?? undefined }).catch(
      (error: unknown) => ({ ok: false as const, reason: `no answer from the extension: ${String(error)}` }),
    );
    if (record.src !== src || this.records.get(img) !== record) return; // the image changed meanwhile
    if (result.ok) {
      record.faces = result.faces;
      record.state = 'done';
      this.render(record);
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

  private shownFaces(record: ImageRecord): Face[] {
    return record.state === 'done' ? this.facesAbove(record.faces) : [];
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

/** Images on screen first, then the rest in page order. */
function pickNext(queue: Set<ImageRecord>): ImageRecord {
  let first: ImageRecord | undefined;
  for (const record of queue) {
    first ??= record;
    const r = record.img.getBoundingClientRect();
    if (r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth) return record;
  }
  return first!;
}
