// Size limits for photos the Face Blur app accepts, checked before any byte is decoded.

/** Larger files are refused before reading: decoding them could take more memory than a tab gets. */
export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

/** Decoded size limit: the worker holds the photo twice (decoded and blurred) at 4 bytes a pixel. */
export const MAX_PHOTO_PIXELS = 100_000_000;

/** "2.4 MB", "812 KB", "0 bytes": sizes as people read them (1 MB = 1024 KB, as the limit is counted). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** A user-facing reason why a photo of this size cannot be used, or null when its size is fine. */
export function checkPhotoSize(bytes: number, name: string): string | null {
  if (!Number.isFinite(bytes) || bytes < 0) return `The size of “${name}” is unknown.`;
  if (bytes === 0) return `“${name}” is empty (0 bytes). Choose a photo file.`;
  if (bytes > MAX_PHOTO_BYTES) return tooLargeMessage(name, bytes);
  return null;
}

/** For a file over the limit; without `bytes` (a download stopped at the limit) it says "over 50 MB". */
export function tooLargeMessage(name: string, bytes?: number): string {
  const limit = formatBytes(MAX_PHOTO_BYTES);
  // 50.01 MB would read "50 MB", the limit itself.
  const size = bytes === undefined || formatBytes(bytes) === limit ? `over ${limit}` : formatBytes(bytes);
  return `“${name}” is ${size}; photos up to ${limit} can be blurred here.`;
}

/** A user-facing reason why a decoded photo is too large to blur, or null. */
export function checkPhotoPixels(width: number, height: number, name: string): string | null {
  if (width <= 0 || height <= 0) return `“${name}” has no pixels.`;
  if (width * height > MAX_PHOTO_PIXELS) {
    const mp = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    return `“${name}” is ${width} × ${height} (${mp(width * height)}); photos up to ${mp(MAX_PHOTO_PIXELS)} can be blurred here.`;
  }
  return null;
}
