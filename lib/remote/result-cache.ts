// Remote results per image content hash, kept in storage so a service-worker restart does not pay again.
import { FaceCache } from '../faceblurest/cache';
import type { Face } from '../face';

export interface CachedResult {
  faces: Face[];
  width: number;
  height: number;
}

/** Where the snapshot lives (storage.local in the extension, a variable in tests). */
export interface SnapshotStore {
  load(): Promise<unknown>;
  save(snapshot: Snapshot): Promise<void>;
}

/** [hash, faces as [x, y, w, h, score], width, height, savedAt], oldest first. */
type Row = [string, number[][], number, number, number];
export interface Snapshot {
  v: 1;
  rows: Row[];
}

export interface ResultCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  /** Delay before writing, so a page of new images is stored in one write. */
  saveDelayMs?: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
function faceOf(r: unknown): Face | null {
  if (!Array.isArray(r) || r.length !== 5 || !r.every(isNum)) return null;
  const [x, y, w, h, score] = r as [number, number, number, number, number];
  return { box: { x, y, w, h }, score };
}

export class ResultCache {
  private readonly faces: FaceCache;
  private readonly meta = new Map<string, { width: number; height: number; at: number }>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly saveDelayMs: number;
  /** Lets restored entries keep their original age: FaceCache stamps expiry from now(). */
  private clockOverride: number | null = null;
  private loading?: Promise<void>;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly store: SnapshotStore, opts: ResultCacheOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.maxEntries = opts.maxEntries ?? 1000;
    // A picture's faces do not change; a month keeps repeat visits free without growing forever.
    this.ttlMs = opts.ttlMs ?? 30 * 24 * 60 * 60 * 1000;
    this.saveDelayMs = opts.saveDelayMs ?? 300;
    this.faces = new FaceCache({ maxEntries: this.maxEntries, ttlMs: this.ttlMs, now: () => this.clockOverride ?? this.now() });
  }

  async get(hash: string): Promise<CachedResult | undefined> {
    await this.ready();
    const faces = this.faces.get(hash);
    const meta = this.meta.get(hash);
    if (!faces || !meta) {
      this.meta.delete(hash);
      return undefined;
    }
    // Keep insertion order in step with the LRU so the snapshot drops the same entries FaceCache would.
    this.meta.delete(hash);
    this.meta.set(hash, meta);
    return { faces, width: meta.width, height: meta.height };
  }

  async set(hash: string, result: CachedResult): Promise<void> {
    await this.ready();
    this.faces.set(hash, result.faces);
    this.meta.delete(hash);
    this.meta.set(hash, { width: result.width, height: result.height, at: this.now() });
    while (this.meta.size > this.maxEntries) this.meta.delete(this.meta.keys().next().value!);
    this.scheduleSave();
  }

  /** Forgets everything; answers how many results were dropped. */
  async clear(): Promise<number> {
    await this.ready();
    const dropped = this.meta.size;
    this.faces.clear();
    this.meta.clear();
    await this.store.save({ v: 1, rows: [] });
    return dropped;
  }

  get size(): number {
    return this.meta.size;
  }

  /** Writes now (tests; and callers that must not lose the last result). */
  async flush(): Promise<void> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const rows: Row[] = [];
    for (const [hash, m] of this.meta) {
      if (m.at + this.ttlMs <= this.now()) continue;
      const faces = this.faces.get(hash);
      if (faces) rows.push([hash, faces.map((f) => [f.box.x, f.box.y, f.box.w, f.box.h, f.score]), m.width, m.height, m.at]);
    }
    await this.store.save({ v: 1, rows });
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => void this.flush().catch((e: unknown) => console.warn('[FaceVeil] remote cache not saved:', e)), this.saveDelayMs);
  }

  private ready(): Promise<void> {
    this.loading ??= this.store.load().then(
      (raw) => this.restore(raw),
      () => undefined, // an unreadable snapshot costs only repeat uploads
    );
    return this.loading;
  }

  /** Restores a snapshot, skipping anything malformed or expired (storage may hold an older format). */
  private restore(raw: unknown): void {
    const rows = typeof raw === 'object' && raw !== null && Array.isArray((raw as Snapshot).rows) ? (raw as Snapshot).rows : [];
    for (const row of rows.slice(-this.maxEntries)) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1])) continue;
      const [hash, rawFaces, width, height, at] = row;
      if (!isNum(width) || !isNum(height) || !isNum(at) || at + this.ttlMs <= this.now() || at > this.now()) continue;
      const faces = rawFaces.map(faceOf);
      if (faces.some((f) => f === null)) continue;
      this.clockOverride = at;
      this.faces.set(hash, faces as Face[]);
      this.clockOverride = null;
      this.meta.set(hash, { width, height, at });
    }
  }
}
