// Decides whether a photo's bytes can be blurred, with a phrase that says what is wrong when not.
import { phrase, type Phrase } from '../phrase';
import { checkPhotoSize } from './limits';
import { completeness, sniffType, type PhotoType } from './sniff';

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; message: Phrase };

const FORMATS = phrase('app.check.formats');
const NAMES: Record<PhotoType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/bmp': 'BMP',
  'image/avif': 'AVIF',
};

export function formatName(type: PhotoType): string {
  return NAMES[type];
}

/** Every check that needs only the bytes: size, format, and whether the file was cut short. */
export function inspectPhoto(bytes: Uint8Array, name: string): PhotoCheck {
  const size = checkPhotoSize(bytes.length, name);
  if (size) return { ok: false, message: size };
  const type = sniffType(bytes);
  if (type === 'svg') return { ok: false, message: phrase('app.check.svg', [name, FORMATS]) };
  if (!type) return { ok: false, message: phrase('app.check.notImage', [name, FORMATS]) };
  if (completeness(type, bytes) === 'truncated') {
    return { ok: false, message: phrase('app.check.truncated', [name, NAMES[type]]) };
  }
  return { ok: true, type };
}

/** For bytes that passed inspection but that the browser still could not decode. */
export function undecodableMessage(name: string, type: PhotoType): Phrase {
  return phrase('app.check.undecodable', [name, NAMES[type]]);
}

/** The image URL the user typed, if it is one the page may fetch: http(s) only, no credentials in it. */
export function checkPhotoUrl(text: string): { ok: true; url: string } | { ok: false; message: Phrase } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: phrase('app.url.invalid') };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: phrase('app.url.scheme') };
  }
  if (url.username || url.password) return { ok: false, message: phrase('app.url.credentials') };
  return { ok: true, url: url.href };
}
