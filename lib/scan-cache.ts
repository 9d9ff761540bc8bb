// Remembers scan results by picture content (SHA-256 of the bytes analysed) and detector, so the same picture is not analysed twice.
import { covers } from './detect/scale';
import type { ScanResult } from './messages';

type Scanned = Extract<ScanResult, { ok: true }>;

/**
 * Keyed by content, never by URL: a URL may serve another picture tomorrow (or to the next request), and the
 * same picture often comes under many URLs. Least recently used entries go first.
 */
export class ScanCache {
  private readonly entries = new Map<string, Scanned>();

  constructor(private readonly maxEntries = 2_000) {}

  /** A result for this content that looked for faces at least as small as `minFacePx` (natural px). */
  get(key: string, minFacePx: number): Scanned | undefined {
    const hit = this.entries.get(key);
    if (!hit || !covers(hit.minFacePx, minFacePx)) return undefined;
    this.entries.delete(key); // re-insert: Map order doubles as least-recently-used order
    this.entries.set(key, hit);
    return { ...hit, ms: 0, cached: true };
  }

  set(key: string, result: ScanResult): void {
    if (!result.ok) return;
    const known = this.entries.get(key);
    if (known && known.minFacePx < result.minFacePx) return; // a finer scan of the same picture answers more views
    this.entries.delete(key);
    this.entries.set(key, result);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
