// Small LRU of remote detection results keyed by image content hash, so one picture is paid for once.
import type { Face } from '../face';

export interface FaceCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  /** Injected for tests; milliseconds like Date.now(). */
  now?: () => number;
}

interface Entry {
  faces: Face[];
  expires: number;
}

/** Copies on the way in and out: callers map boxes in place, and that must not corrupt the cache. */
const copy = (faces: readonly Face[]): Face[] => faces.map((f) => ({ box: { ...f.box }, score: f.score }));

export class FaceCache {
  // A Map iterates in insertion order; re-inserting on read moves an entry to the "recent" end.
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ maxEntries = 500, ttlMs = 24 * 60 * 60 * 1000, now = () => Date.now() }: FaceCacheOptions = {}) {
    this.maxEntries = Math.max(1, Math.floor(maxEntries));
    this.ttlMs = ttlMs;
    this.now = now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Faces for this hash, or undefined if absent or expired. An empty array is a valid "no faces" hit. */
  get(key: string): Face[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return copy(entry.faces);
  }

  set(key: string, faces: readonly Face[]): void {
    this.entries.delete(key);
    this.entries.set(key, { faces: copy(faces), expires: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Hex SHA-256 of the image bytes (Web Crypto: available in browsers, extension workers and Node 20). */
export async function hashBytes(bytes: Uint8Array): Promise<string> {
  // Copy into a plain ArrayBuffer: digest() rejects views over SharedArrayBuffer.
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
