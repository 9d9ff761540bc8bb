// Recognizes image formats by their first bytes and spots files cut short, which browsers decode as grey without an error.

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/bmp' | 'image/avif';

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The image format the bytes start with, 'svg' for SVG/XML text, or null when it is none we read. */
export function sniffType(bytes: Uint8Array): PhotoType | 'svg' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, 'BM') && bytes.length > 26) return 'image/bmp';
  if (ascii(bytes, 4, 'ftypavif') || ascii(bytes, 4, 'ftypavis')) return 'image/avif';
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return null;
}

export type Completeness = 'complete' | 'truncated' | 'unknown';

/**
 * Walks a JPEG's segments to its end-of-image marker. Running out of bytes first means the file was
 * cut short. A structure this walk does not understand is 'unknown': the decoder gets the last word.
 */
export function jpegCompleteness(b: Uint8Array): Completeness {
  const n = b.length;
  let i = 2;
  for (;;) {
    if (i >= n) return 'truncated';
    if (b[i] !== 0xff) return 'unknown';
    while (i < n && b[i] === 0xff) i++; // fill bytes
    if (i >= n) return 'truncated';
    const marker = b[i++]!;
    if (marker === 0xd9) return 'complete';
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // markers without a length
    if (i + 2 > n) return 'truncated';
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2) return 'unknown';
    i += length;
    if (i > n) return 'truncated';
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker: 0xFF not followed by a stuffed 0x00 or a restart marker.
      while (i + 1 < n && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
      if (i + 1 >= n) return 'truncated';
    }
  }
}

/** Walks a PNG's chunks (length, type, data, CRC) to IEND. */
export function pngCompleteness(b: Uint8Array): Completeness {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i + 8 <= b.length) {
    const length = view.getUint32(i);
    if (ascii(b, i + 4, 'IEND')) return 'complete';
    i += 12 + length;
  }
  return 'truncated';
}

/** A WebP's RIFF header states the file size: fewer bytes than that means it was cut short. */
export function webpCompleteness(b: Uint8Array): Completeness {
  if (b.length < 12) return 'truncated';
  const riffSize = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
  return b.length >= riffSize + 8 ? 'complete' : 'truncated';
}

export function completeness(type: PhotoType, bytes: Uint8Array): Completeness {
  if (type === 'image/jpeg') return jpegCompleteness(bytes);
  if (type === 'image/png') return pngCompleteness(bytes);
  if (type === 'image/webp') return webpCompleteness(bytes);
  return 'unknown';
}
