// Base64 as the FaceBlurest API carries photos, and its shortened form for display (a photo's base64 runs to megabytes).

/** Characters shown before the ellipsis. */
export const DISPLAY_CHARS = 40;

/** Length of the (padded) base64 of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** "/9j/4AAQSkZJRgABAQ…(1234567 chars)"; strings short enough are shown whole. */
export function shortenBase64(base64: string, keep = DISPLAY_CHARS): string {
  return base64.length <= keep ? base64 : `${base64.slice(0, keep)}…(${base64.length} chars)`;
}

/**
 * The same display string as `shortenBase64(base64 of the whole file)`, from the file's first bytes and
 * its size: a 50 MB photo need not be encoded just to show its first 40 characters.
 */
export function shortBase64Of(head: Uint8Array, totalBytes: number, keep = DISPLAY_CHARS): string {
  const total = base64Length(totalBytes);
  const needBytes = Math.ceil(keep / 4) * 3;
  const shown = bytesToBase64(head.subarray(0, Math.min(needBytes, totalBytes)));
  return total <= keep ? shown : `${shown.slice(0, keep)}…(${total} chars)`;
}

/** Base64 of a small byte array (for large ones use blobToBase64, which does not block). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode(...) has an argument limit
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A data URL of a blob of any size, encoded by the browser off the main thread. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

/** Base64 of a blob of any size (the data URL without its header). */
export async function blobToBase64(blob: Blob): Promise<string> {
  return (await blobToDataUrl(blob)).replace(/^data:[^,]*,/, '');
}
