// Size limits for photos the Face Blur app accepts, checked before any byte is decoded.
import { phrase, samePhrase, type Phrase } from '../phrase';

/** Larger files are refused before reading: decoding them could take more memory than a tab gets. */
export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

/** Decoded size limit: the worker holds the photo twice (decoded and blurred) at 4 bytes a pixel. */
export const MAX_PHOTO_PIXELS = 100_000_000;

/** "2.4 MB", "812 KB", "0 bytes": sizes as people read them (1 MB = 1024 KB, as the limit is counted). */
export function formatBytes(bytes: number): Phrase {
  if (bytes < 1024) return phrase('app.size.bytes', [bytes], bytes);
  if (bytes < 1024 * 1024) return phrase('app.size.kb', [Math.round(bytes / 1024)]);
  return phrase('app.size.mb', [Math.round((bytes / (1024 * 1024)) * 10) / 10]);
}

/** Why a photo of this size cannot be used, or null when its size is fine. */
export function checkPhotoSize(bytes: number, name: string): Phrase | null {
  if (!Number.isFinite(bytes) || bytes < 0) return phrase('app.check.sizeUnknown', [name]);
  if (bytes === 0) return phrase('app.check.empty', [name]);
  if (bytes > MAX_PHOTO_BYTES) return tooLargeMessage(name, bytes);
  return null;
}

/** For a file over the limit; without `bytes` (a download stopped at the limit) it says "over 50 MB". */
export function tooLargeMessage(name: string, bytes?: number): Phrase {
  const limit = formatBytes(MAX_PHOTO_BYTES);
  // 50.01 MB would read "50 MB", the limit itself.
  const size = bytes === undefined ? limit : formatBytes(bytes);
  if (samePhrase(size, limit)) return phrase('app.check.overLimit', [name, limit]);
  return phrase('app.check.tooLarge', [name, size, limit]);
}

/** Why a decoded photo is too large to blur, or null. */
export function checkPhotoPixels(width: number, height: number, name: string): Phrase | null {
  if (width <= 0 || height <= 0) return phrase('app.check.noPixels', [name]);
  if (width * height > MAX_PHOTO_PIXELS) {
    const mp = (n: number) => Math.round(n / 1e6);
    return phrase('app.check.tooManyPixels', [name, String(width), String(height), mp(width * height), mp(MAX_PHOTO_PIXELS)]);
  }
  return null;
}
