// Reads which metadata segments a JPEG carries (APP1 holds EXIF: camera, date, GPS), to show and test what a download strips.

export interface JpegSegment {
  /** 0xE0 = APP0 (JFIF), 0xE1 = APP1 (EXIF or XMP), 0xDB = quantization tables, ... */
  marker: number;
  /** Offset of the segment's payload (after marker and length). */
  start: number;
  /** Payload length in bytes. */
  length: number;
}

/** The segments of a JPEG's header, up to its image data (metadata never comes after it in practice). */
export function jpegHeaderSegments(b: Uint8Array): JpegSegment[] {
  if (b[0] !== 0xff || b[1] !== 0xd8) return [];
  const segments: JpegSegment[] = [];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const length = ((b[i + 2]! << 8) | b[i + 3]!) - 2;
    segments.push({ marker, start: i + 4, length });
    i += 4 + length;
  }
  return segments;
}

/** Whether the JPEG has an APP1 segment starting "Exif\0\0" (the EXIF block, where GPS tags live). */
export function hasExif(b: Uint8Array): boolean {
  return jpegHeaderSegments(b).some(
    (s) => s.marker === 0xe1 && String.fromCharCode(...b.subarray(s.start, s.start + 6)) === 'Exif\0\0',
  );
}
