// FaceVeil's side of the texture hook (entrypoints/page-hook.content): scans the snapshots the page's world hands over and
// answers with their faces. Everything from that world is checked first; it gets back only boxes and the blur's look.
import { FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import { blobToDataUrl } from '@/lib/photo/base64';
import type { Settings } from '@/lib/settings';
import { acceptBridge, type Bridge } from '@/lib/texture/bridge';
import { readFromPage, SCAN_SIDE, type ToPage } from '@/lib/texture/protocol';
import { tallyFaces } from './face-tally';
import { requestScan } from './scan-client';

/** Scans of one frame's textures at a time: a tiled panorama uploads dozens at once. */
const CONCURRENCY = 2;
/** Snapshots waiting at most; beyond, the oldest are dropped and their textures stay blurred (safe). */
const MAX_QUEUED = 128;
/** Textures whose faces are counted for the badge (the latest answered). */
const MAX_COUNTED = 256;

interface Job {
  id: number;
  picture: Blob;
  w: number;
  h: number;
}

export class TextureScanner {
  private bridge: Bridge | null = null;
  private readonly queue: Job[] = [];
  private running = 0;
  private readonly counted = new Map<number, number>();

  private settings: Settings | null = null;
  private active = true;

  /** Call at document_start, before any page script: the bridge is handed over then (lib/texture/bridge.ts). */
  constructor(private readonly signal: AbortSignal) {
    acceptBridge(
      (raw) => this.receive(raw),
      (bridge) => {
        this.bridge = bridge;
        this.sendLook();
        this.send({ type: 'resend' });
      },
    );
  }

  /** The settings, and whether blurring is on for this page; textures wait for the first call. */
  setSettings(settings: Settings, active: boolean): void {
    this.settings = settings;
    this.active = active;
    this.sendLook();
    if (!active) for (const job of this.queue.splice(0)) this.send({ type: 'faces', id: job.id, faces: [] });
    this.pump();
  }

  private send(message: ToPage): void {
    if (!this.signal.aborted) this.bridge?.send(message);
  }

  private sendLook(): void {
    if (this.settings) this.send({ type: 'look', on: this.active, strength: this.settings.blurStrength, shape: this.settings.shape });
  }

  private receive(raw: unknown): void {
    const message = readFromPage(raw, (v): v is Blob => v instanceof Blob);
    if (!message || this.signal.aborted) return;
    if (message.type === 'unreadable') {
      console.info(`[FaceVeil] a canvas is blurred whole: its pixels cannot be read (${message.why})`);
      return;
    }
    if (this.settings && !this.active) return this.send({ type: 'faces', id: message.id, faces: [] });
    this.queue.push(message);
    if (this.queue.length > MAX_QUEUED) console.warn('[FaceVeil] too many textures waiting; the oldest stay blurred');
    while (this.queue.length > MAX_QUEUED) this.send({ type: 'keep', id: this.queue.shift()!.id });
    this.pump();
  }

  private pump(): void {
    while (this.settings && this.running < CONCURRENCY && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      void this.scan(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async scan({ id, picture, w, h }: Job): Promise<void> {
    const result = await requestScan({
      src: `faceveil-texture:${id}`,
      read: () => blobToDataUrl(picture),
      natural: { w, h },
      // Faces as small as a full-resolution scan finds in a picture of SCAN_SIDE px at most (a larger image's own file
      // is looked at as its JPEG snapshot would have been).
      minFacePx: FULL_RESOLUTION_MIN_FACE_PX * Math.max(1, Math.max(w, h) / SCAN_SIDE),
      wanted: () => !this.signal.aborted,
      stable: false, // the page may draw the same texture again with other pixels
      fetchable: false,
    });
    const settings = this.settings!;
    if (!result) return;
    if (!result.ok) {
      const reveal = settings.onTimeout === 'reveal';
      console.warn(`[FaceVeil] a texture's scan failed (${result.reason}); ${reveal ? 'shown as it is' : 'it stays blurred'}`);
      return this.send(reveal ? { type: 'faces', id, faces: [] } : { type: 'keep', id });
    }
    const faces = result.faces.filter((f) => f.score >= settings.threshold).map((f) => f.box);
    this.send({ type: 'faces', id, faces });
    this.counted.set(id, faces.length);
    if (this.counted.size > MAX_COUNTED) this.counted.delete(this.counted.keys().next().value!);
    tallyFaces('textures', [...this.counted.values()].reduce((a, b) => a + b, 0));
  }
}
