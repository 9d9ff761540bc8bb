// Remembers scan results per image URL so the same picture is not analysed twice while the worker lives.
import type { ScanResult } from '@/lib/messages';

const MAX_ENTRIES = 2_000;
const entries = new Map<string, Extract<ScanResult, { ok: true }>>();

export function cachedScan(src: string): ScanResult | undefined {
  const hit = entries.get(src);
  if (!hit) return undefined;
  entries.delete(src); // re-insert: Map order doubles as least-recently-used order
  entries.set(src, hit);
  return { ...hit, ms: 0, cached: true };
}

export function rememberScan(src: string, result: ScanResult): void {
  // Only URLs name an image for good; data: URLs are unique already and blob: URLs die with the page.
  if (!result.ok || !/^https?:/.test(src)) return;
  entries.set(src, result);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}
