// The life cycle of every surface on one page (images, CSS backgrounds, 2D canvases): found, hidden, loaded, scanned
// in screen order, covered; rescanned when drawn larger; failure policy when a scan fails; forgotten when it leaves.
// What differs per kind of surface (where its picture is, how it is hidden and painted) is in its adapter (surfaces/).
import { mergeDetections } from '@/lib/detect/merge';
import { covers, minFaceForView, pixelScale } from '@/lib/detect/scale';
import type { Face } from '@/lib/face';
import type { ContextAction, ScanResult } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { GeometryWatcher } from './geometry-watch';
import { tallyFaces } from './face-tally';
import { FaceOverlay } from './overlay';
import { OverlayKeeper } from './overlay-keeper';
import { Proximity } from './proximity';
import { forgetScans, requestScan } from './scan-client';
import type { Surface } from './surfaces/surface';

type State = 'waiting' | 'queued' | 'scanning' | 'done' | 'failed' | 'skipped';

interface SurfaceRecord {
  surface: Surface;
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
  /** The page kept removing this surface's cover: it is blurred whole instead, until its picture changes. */
  coverLost?: boolean;
  overlay?: FaceOverlay;
  timer?: ReturnType<typeof setTimeout>;
  /** Aborts the surface's own load listeners when it is forgotten. */
  listeners: AbortController;
  /** What the user asked for from the context menu; it outranks automatic blurring. */
  user?: 'faces' | 'whole' | 'clear';
}

const MAX_IN_FLIGHT = 2;
/** Pictures larger than this are never read on the page's main thread to draw a cover. */
const HUGE_PX = 16e6;

export class PageBlurrer {
  private readonly records = new Map<Surface, SurfaceRecord>();
  /** The records of each element (an element can show several background layers). */
  private readonly byElement = new Map<Element, Set<SurfaceRecord>>();
  /** Loaded surfaces waiting for a scan; taken on-screen first, then approaching, never while far away. */
  private readonly queue = new Set<SurfaceRecord>();
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
      for (const el of els) for (const record of this.recordsOf(el)) this.startClock(record);
      this.pump();
    }, signal);
    this.geometry = new GeometryWatcher((el) => this.recordsOf(el).forEach((r) => this.geometryChanged(r)), signal);
    this.keeper = new OverlayKeeper((overlay) => this.coverLost(overlay.surface), signal);
    signal.addEventListener('abort', () => {
      for (const record of this.records.values()) stopClock(record);
      clearTimeout(this.reportTimer);
    });
  }

  /** Another copy of FaceVeil takes this frame over: it rescans every surface, hidden (not bare) until then. */
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
    if (engineChanged) forgetScans();
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

  /** A surface appeared or its source changed: until it has loaded and been scanned, it counts as unscanned. */
  found(surface: Surface, why: 'new' | 'source-changed'): void {
    let record = this.records.get(surface);
    if (record && why === 'source-changed') this.reset(record); // drop the old picture's cover before the new one paints
    if (!this.auto && !record?.user) return;
    record ??= this.newRecord(surface);
    this.proximity.track(surface.el);
    // The time limit counts from when it starts loading near the screen: a stalled download gets a decision too.
    if (this.proximity.place(surface.el) !== 'far') this.startClock(record);
  }

  /** The surface left the page or stopped showing a picture (a background that became a gradient). */
  gone(surface: Surface): void {
    const record = this.records.get(surface);
    if (record) this.forget(record);
  }

  loaded(surface: Surface): void {
    const src = surface.source();
    let record = this.records.get(surface);
    if (record && record.src === src && record.state !== 'waiting') {
      record.overlay?.sync();
      return;
    }
    // A new picture without a source attribute change (<picture>/srcset following the viewport): hide it before it paints.
    if (record && record.src !== src && record.state !== 'waiting') this.reset(record);
    if (!this.auto && !record?.user) return;
    if (!record) {
      this.found(surface, 'new');
      record = this.records.get(surface)!;
    }
    record.src = src;
    const skip = skipReason(surface, this.settings.minImagePx);
    if (skip) {
      record.state = 'skipped';
      stopClock(record);
      console.debug(`[FaceVeil] skipped ${surface.kind}:`, skip, src.slice(0, 120));
      surface.show('skip');
      this.geometry.watch(surface.el); // a small picture shown large later can hold a face worth covering
      this.reportCount(); // (which also forgets surfaces that left the page)
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

  contextAction(action: ContextAction, surface: Surface): void {
    const record = this.records.get(surface) ?? this.newRecord(surface);
    record.user = action === 'blur-faces' ? 'faces' : action === 'blur-whole' ? 'whole' : 'clear';
    if (record.user === 'faces' && record.state !== 'done') this.loaded(surface);
    else this.render(record);
  }

  /** The surfaces shown by `el` or its nearest ancestor that shows any (what a right-click there means). */
  surfacesAt(el: Element): Surface[] {
    let at: Node | null = el;
    for (let depth = 0; at && depth < 12; depth++) {
      if (at instanceof Element && this.byElement.has(at)) return this.recordsOf(at).map((r) => r.surface);
      at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null);
    }
    return [];
  }

  private newRecord(surface: Surface): SurfaceRecord {
    const record: SurfaceRecord = { surface, src: surface.source(), state: 'waiting', faces: [], listeners: new AbortController() };
    this.records.set(surface, record);
    let siblings = this.byElement.get(surface.el);
    if (!siblings) this.byElement.set(surface.el, (siblings = new Set()));
    siblings.add(record);
    // A mark copied with the element (cloneNode) is not FaceVeil's verdict on this surface.
    surface.show('hidden');
    surface.listen(() => this.loaded(surface), AbortSignal.any([this.signal, record.listeners.signal]));
    return record;
  }

  private recordsOf(el: Element): SurfaceRecord[] {
    return [...(this.byElement.get(el) ?? [])];
  }

  private enqueue(record: SurfaceRecord): void {
    record.state = 'queued';
    stopClock(record);
    this.queue.add(record);
    this.proximity.track(record.surface.el);
    if (this.proximity.place(record.surface.el) !== 'far') this.startClock(record);
    this.pump();
  }

  private startClock(record: SurfaceRecord): void {
    if (record.timer !== undefined || !['waiting', 'queued', 'scanning'].includes(record.state)) return;
    record.timer = setTimeout(() => this.timedOut(record), this.settings.scanTimeoutMs);
  }

  /** The surface may have moved or been resized: keep its cover aligned, and scan again if it now shows smaller faces. */
  private geometryChanged(record: SurfaceRecord): void {
    const { surface } = record;
    record.overlay?.sync();
    if (record.state === 'skipped' && !skipReason(surface, this.settings.minImagePx)) {
      if (this.settings.hideUntilScanned) surface.show('hidden');
      this.enqueue(record);
      return;
    }
    if (record.user === 'whole' || record.user === 'clear' || record.askedPx === undefined) return;
    if (record.state !== 'done' && record.state !== 'failed') return;
    if (covers(record.askedPx, this.neededMinFace(surface))) return;
    // Before the larger view is painted: the surface stays covered (whole) until the finer scan answers.
    if (this.settings.hideUntilScanned) surface.show('blurred');
    this.enqueue(record);
  }

  private neededMinFace(surface: Surface): number {
    return minFaceForView(surface.natural(), surface.drawnSize(), this.settings.minScreenFacePx);
  }

  private reset(record: SurfaceRecord): void {
    this.removeOverlay(record);
    Object.assign(record, { state: 'waiting', faces: [], partial: undefined, askedPx: undefined, stale: false, coverLost: false });
    stopClock(record);
    if (record.user !== 'faces') record.user = undefined;
    this.queue.delete(record);
    if (this.auto) record.surface.show('hidden');
    this.reportCount();
  }

  /** Stops tracking a surface altogether (it left the page, or blurring was switched off). */
  private forget(record: SurfaceRecord): void {
    const { surface } = record;
    this.removeOverlay(record);
    stopClock(record);
    record.listeners.abort();
    surface.show('hidden');
    this.records.delete(surface);
    this.queue.delete(record);
    const siblings = this.byElement.get(surface.el);
    siblings?.delete(record);
    if (siblings?.size) return;
    this.byElement.delete(surface.el);
    this.proximity.untrack(surface.el);
    this.geometry.unwatch(surface.el);
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

  /** On-screen surfaces first, then approaching ones; those that left the page are dropped on the way. */
  private takeNext(): SurfaceRecord | undefined {
    let near: SurfaceRecord | undefined;
    for (const record of this.queue) {
      if (!record.surface.el.isConnected) {
        this.forget(record);
        continue;
      }
      const place = this.proximity.place(record.surface.el);
      if (place === 'screen') {
        near = record;
        break;
      }
      if (place === 'near') near ??= record;
    }
    if (near) this.queue.delete(near);
    return near;
  }

  private async scan(record: SurfaceRecord): Promise<void> {
    const { surface, src } = record;
    record.state = 'scanning';
    record.partial = undefined;
    record.stale = false;
    this.startClock(record);
    const minFacePx = this.neededMinFace(surface);
    const current = () => !this.signal.aborted && record.src === src && this.records.get(surface) === record;
    // As fine as the picture is drawn now; the pixels shrunk to what that needs (a thumbnail costs a fraction).
    const read = () => surface.read(pixelScale(minFacePx, this.settings.detector));
    const result = await requestScan({ src, read, natural: surface.natural(), minFacePx, wanted: current, stable: surface.stable, fetchable: surface.fetchable });
    if (!result || !current()) return;
    record.partial = undefined;
    this.finish(record, result, minFacePx);
    if (record.stale) this.enqueue(record);
  }

  private finish(record: SurfaceRecord, result: ScanResult, askedPx: number): void {
    if (result.ok) {
      record.faces = result.faces;
      record.askedPx = askedPx;
      record.state = 'done';
      this.render(record);
      this.geometry.watch(record.surface.el);
      this.geometryChanged(record); // it may have grown while it was scanned
    } else {
      // A failed rescan keeps the faces it had (and their cover); the failure policy decides about the rest.
      record.state = 'failed';
      console.warn(`[FaceVeil] could not scan ${record.surface.kind}:`, result.reason, record.src.slice(0, 120));
      this.applyFailurePolicy(record);
    }
  }

  private timedOut(record: SurfaceRecord): void {
    if (!['waiting', 'queued', 'scanning'].includes(record.state)) return;
    console.warn(`[FaceVeil] no scan result after ${this.settings.scanTimeoutMs} ms:`, record.src.slice(0, 120));
    this.applyFailurePolicy(record);
  }

  private applyFailurePolicy(record: SurfaceRecord): void {
    stopClock(record);
    if (record.user === 'clear') record.surface.show('clear');
    else record.surface.show(this.settings.onTimeout === 'reveal' && record.user !== 'whole' ? 'clear' : 'blurred');
  }

  /** The page keeps taking this surface's cover away: blur it whole instead (that cannot be taken off). */
  private coverLost(surface: Surface): void {
    const record = this.records.get(surface);
    if (!record) return;
    console.warn(`[FaceVeil] the page keeps removing a cover; blurring the whole ${surface.kind} instead:`, record.src.slice(0, 120));
    record.coverLost = true;
    this.render(record);
  }

  /** Shows the record's current verdict: faces covered, the whole picture blurred, or nothing. */
  private render(record: SurfaceRecord): void {
    stopClock(record);
    const { surface, user } = record;
    const faces = this.shownFaces(record);
    const natural = surface.natural();
    // A cover is drawn from the detector's colour grid; without one (a remote result) it would read the page's picture,
    // which for a huge one means decoding all of it on the page's main thread: that picture is blurred whole.
    const unreadable = faces.some((f) => !f.mosaic) && natural.w * natural.h > HUGE_PX;
    // A surface without a box of its own (a pseudo-element's background) cannot have covers placed on its faces.
    const boxless = surface.layout() === 'none';
    const whole = user === 'whole' || ((record.coverLost || unreadable || boxless) && user !== 'clear' && faces.length > 0);
    if (whole || user === 'clear') {
      this.removeOverlay(record);
      surface.show(whole ? 'blurred' : 'clear');
      this.reportCount();
      return;
    }
    this.drawOverlay(record, faces);
    // Reveal only after the overlay is in place: both reach the screen in the same frame.
    surface.show('clear');
    this.reportCount();
  }

  private drawOverlay(record: SurfaceRecord, faces: Face[]): void {
    const look = { shape: this.settings.shape, strength: this.settings.blurStrength };
    if (faces.length === 0 || record.coverLost || record.surface.layout() === 'none') this.removeOverlay(record);
    else if (record.overlay) record.overlay.update(faces, look);
    else {
      record.overlay = new FaceOverlay(record.surface, faces, look);
      this.keeper.add(record.overlay);
      this.geometry.watch(record.surface.el);
    }
  }

  /** The last finished scan's faces, together with what a scan under way has found so far. */
  private shownFaces(record: SurfaceRecord): Face[] {
    const faces = record.partial ? mergeDetections([...record.faces, ...record.partial]) : record.faces;
    return record.state === 'skipped' || record.state === 'waiting' ? [] : this.facesAbove(faces);
  }

  private facesAbove(faces: Face[]): Face[] {
    return faces.filter((face) => face.score >= this.settings.threshold);
  }

  private removeOverlay(record: SurfaceRecord): void {
    if (!record.overlay) return;
    this.keeper.delete(record.overlay);
    record.overlay.remove();
    record.overlay = undefined;
  }

  /** Faces currently covered in this frame, sent to the background for the badge (debounced); forgets surfaces that left. */
  private reportCount(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      let count = 0;
      for (const record of this.records.values()) {
        if (!record.surface.el.isConnected) this.forget(record);
        else if (record.overlay || record.state === 'done') count += record.user === 'clear' ? 0 : this.shownFaces(record).length;
      }
      tallyFaces('surfaces', count);
    }, 100);
  }
}

/** Cancels the surface's time limit; `startClock` starts a new one only where none runs. */
function stopClock(record: SurfaceRecord): void {
  clearTimeout(record.timer);
  record.timer = undefined;
}

/**
 * Why a surface needs no scan: nothing decoded, or too small to hold a face anyone could see, both as a file and as
 * drawn (a 39-px file can be shown 450 px wide). SVG files are scanned: they can wrap a photo.
 */
function skipReason(surface: Surface, minPx: number): string | null {
  const natural = surface.natural();
  if (natural.w === 0 || natural.h === 0) return 'broken or empty picture';
  const box = surface.box();
  if (Math.min(natural.w, natural.h) < minPx && Math.min(box.w, box.h) < minPx) return `smaller than ${minPx} px`;
  return null;
}
