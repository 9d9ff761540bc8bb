// File names the app shows and saves under.
import type { ExportFormat } from './protocol';

/** A short name for a URL's photo: its last path segment, else the host. */
export function nameFromUrl(url: string): string {
  const u = new URL(url);
  let last = u.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // a stray % sign: keep the segment as it is
  }
  return last || u.hostname;
}

/** "holiday.jpeg" → "holiday-blurred.png": the original stem, never a path, a fixed extension. */
export function blurredFileName(name: string, format: ExportFormat): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const stem = base.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'photo';
  return `${stem}-blurred.${format === 'image/png' ? 'png' : 'jpg'}`;
}
