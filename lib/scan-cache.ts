// Remembers scan results by picture content (SHA-256 of the bytes analysed) and detector, so the same picture is not analysed twice.
import { covers } from './detect/scale';
import type { ScanResult } from './messages';

type Scanned = Extract<ScanResult, { ok: true }>;
type Size = { w: number; h: number };

/**
 * Keyed by content, never by URL: a URL may serve another picture tomorrow (or to the next request), and the
 * same picture often comes under many URLs. Least recently used entries go first.
 *
 * Sizes in a result are the asking page's natural px, and two pages may declare one file at different sizes (srcset
 * densities): coverage is compared, and a hit answered, in fractions of the picture's width.
 */
export class ScanCache {
  private readonly entries = new Map<string, Scanned>();

  constructor(private readonly maxEntries = 2_000) {}

  /** A result for this content that looked for faces at least as small as `minFacePx` (px of `natural`, default: the result's own). */
  get(key: string, minFacePx: number, natural?: Size): Scanned | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const size = natural && natural.w > 0 && natural.h > 0 ? natural : { w: hit.width, h: hit.height };
    const k = size.w / hit.width;
    if (!covers(hit.minFacePx * k, minFacePx)) return undefined;
    this.entries.delete(key); // re-insert: Map order doubles as least-recently-used order
    this.entries.set(key, hit);
    const reachedPx = hit.reachedPx === undefined ? undefined : hit.reachedPx * k;
    return { ...hit, width: size.w, height: size.h, minFacePx: hit.minFacePx * k, reachedPx, ms: 0, cached: true };
  }

  set(key: string, result: ScanResult): void {
    if (!result.ok) return;
    const known = this.entries.get(key);
    // A finer scan of the same picture answers more views.
    if (known && known.minFacePx / known.width < result.minFacePx / result.width) return;
    this.entries.delete(key);
    this.entries.set(key, result);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
