// Decides whether a photo's bytes can be blurred, with a message that says what is wrong when not.
import { checkPhotoSize } from './limits';
import { completeness, sniffType, type PhotoType } from './sniff';

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; message: string };

const FORMATS = 'JPEG, PNG, WebP, GIF, BMP or AVIF';
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
  if (type === 'svg') return { ok: false, message: `“${name}” is an SVG drawing, not a photo. Choose a ${FORMATS} file.` };
  if (!type) return { ok: false, message: `“${name}” is not an image: it does not start like a ${FORMATS} file.` };
  if (completeness(type, bytes) === 'truncated') {
    return {
      ok: false,
      message: `“${name}” is a truncated ${NAMES[type]}: the file ends before its image data does (an incomplete download or copy?).`,
    };
  }
  return { ok: true, type };
}

/** Message for bytes that passed inspection but that the browser still could not decode. */
export function undecodableMessage(name: string, type: PhotoType): string {
  return `“${name}” could not be decoded as ${NAMES[type]}; the file is probably damaged.`;
}

/** The image URL the user typed, if it is one the page may fetch: http(s) only, no credentials in it. */
export function checkPhotoUrl(text: string): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'That is not a valid URL. Give the full address, starting with https://.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Only http:// and https:// image URLs can be fetched.' };
  }
  if (url.username || url.password) return { ok: false, message: 'The URL must not contain a username or password.' };
  return { ok: true, url: url.href };
}
