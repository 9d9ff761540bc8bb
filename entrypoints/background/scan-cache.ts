// Remembers scan results per image URL and detector, so the same picture is not analysed twice while the worker lives.
import { covers } from '@/lib/detect/scale';
import type { ScanResult } from '@/lib/messages';

const MAX_ENTRIES = 2_000;
const entries = new Map<string, Extract<ScanResult, { ok: true }>>();

/** A remembered result that looked for faces at least as small as `minFacePx` (natural px). */
export function cachedScan(key: string, minFacePx: number): ScanResult | undefined {
  const hit = entries.get(key);
  if (!hit || !covers(hit.minFacePx, minFacePx)) return undefined;
  entries.delete(key); // re-insert: Map order doubles as least-recently-used order
  entries.set(key, hit);
  return { ...hit, ms: 0, cached: true };
}

/** Callers only remember results for http(s) images: data: URLs are unique already and blob: URLs die with the page. */
export function rememberScan(key: string, result: ScanResult): void {
  if (!result.ok) return;
  const known = entries.get(key);
  if (known && known.minFacePx < result.minFacePx) return; // a finer scan of the same picture answers more views
  entries.delete(key);
  entries.set(key, result);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}
