// Chooses what to upload for one image: its URL, its bytes as they are, or an upright JPEG re-encoded under 5 MB.
import { canSendUrl, maxImageBytes } from '../faceblurest/request';
import type { RequestInput } from '../faceblurest/types';
import { phrase, phraseOf, PhraseError } from '../phrase';

/** A decoded picture, upright (EXIF orientation applied), that can be re-encoded at another size. */
export interface DecodedImage {
  width: number;
  height: number;
  /** JPEG of the picture scaled to width x height. */
  encode(width: number, height: number, quality: number): Promise<Uint8Array>;
  close(): void;
}

/** Injected so the logic runs in unit tests; the service worker uses createImageBitmap + OffscreenCanvas. */
export type Decoder = (bytes: Uint8Array, type: string) => Promise<DecodedImage>;

export interface Prepared {
  input: RequestInput;
  /** Upright size of the original: remote boxes are normalized, so they apply to it unchanged. */
  width: number;
  height: number;
  how: 'url' | 'original' | 'reencoded';
  /** Image bytes in the request (0 for a URL). */
  bytes: number;
}

export interface PrepareOptions {
  /** The public URL the bytes came from, when the service may fetch it itself. */
  url?: string;
  maxBytes?: number;
  /** Longer side of re-encoded images; faces the service can find stay findable at this size. */
  maxSide?: number;
}

/** 'jpeg' | 'png' when the bytes say so: the formats the service is sure to read. Others are re-encoded. */
export function sniffType(b: Uint8Array): 'jpeg' | 'png' | null {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  return null;
}

/**
 * EXIF orientation of a JPEG (1 = upright; 0 when absent or unreadable). Browsers show rotated photos
 * upright, but the service may not: such photos are re-encoded upright so its boxes match what is shown.
 */
export function jpegOrientation(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const size = view.getUint16(i + 2);
    if (marker === 0xda || size < 2) return 0; // image data starts: no EXIF before it
    if (marker === 0xe1 && i + 10 <= b.length && view.getUint32(i + 4) === 0x45786966 /* "Exif" */) {
      const tiff = i + 10;
      if (tiff + 8 > b.length) return 0;
      const little = view.getUint16(tiff) === 0x4949;
      const ifd = tiff + view.getUint32(tiff + 4, little);
      if (ifd + 2 > b.length) return 0;
      const entries = view.getUint16(ifd, little);
      for (let e = 0; e < entries; e++) {
        const at = ifd + 2 + e * 12;
        if (at + 10 > b.length) return 0;
        if (view.getUint16(at, little) === 0x0112) return view.getUint16(at + 8, little);
      }
      return 0;
    }
    i += 2 + size;
  }
  return 0;
}

/** Plain base64 of bytes, in chunks (spreading megabytes into fromCharCode overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes and type of a base64 image data URL (what content scripts send as `pixels`). */
export function dataUrlBytes(dataUrl: string): { bytes: Uint8Array; type: string } {
  const m = /^data:(image\/[\w.+-]+)(?:;[\w=.+-]+)*;base64,/.exec(dataUrl.slice(0, 200));
  if (!m) throw new PhraseError(phrase('faceblurest.notDataUrl'));
  const binary = atob(dataUrl.slice(m[0].length));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, type: m[1]! };
}

export async function prepareUpload(bytes: Uint8Array, type: string, decode: Decoder, opts: PrepareOptions = {}): Promise<Prepared> {
  const maxBytes = opts.maxBytes ?? maxImageBytes();
  const maxSide = opts.maxSide ?? 4096;
  let image: DecodedImage;
  try {
    image = await decode(bytes, type);
  } catch (e) {
    throw new PhraseError(phrase('faceblurest.undecodable', [phraseOf(e)]));
  }
  try {
    const { width, height } = image;
    if (!(width > 0 && height > 0)) throw new PhraseError(phrase('faceblurest.empty'));
    const kind = sniffType(bytes);
    const upright = kind === 'png' || (kind === 'jpeg' && jpegOrientation(bytes) <= 1);
    if (kind && upright && bytes.length <= maxBytes && Math.max(width, height) <= maxSide) {
      if (opts.url && canSendUrl(opts.url)) return { input: { photoUrl: opts.url }, width, height, how: 'url', bytes: 0 };
      return { input: { base64: toBase64(bytes) }, width, height, how: 'original', bytes: bytes.length };
    }
    // Shrink until it fits: each retry scales by the square root of the overshoot (JPEG size ~ pixel count).
    let scale = Math.min(1, maxSide / Math.max(width, height));
    let quality = 0.9;
    for (let attempt = 0; attempt < 6; attempt++) {
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const jpeg = await image.encode(w, h, quality);
      if (jpeg.length > 0 && jpeg.length <= maxBytes) {
        return { input: { base64: toBase64(jpeg) }, width, height, how: 'reencoded', bytes: jpeg.length };
      }
      scale *= Math.sqrt(maxBytes / Math.max(1, jpeg.length)) * 0.9;
      quality = Math.max(0.6, quality - 0.1);
    }
    throw new PhraseError(phrase('faceblurest.cannotShrink'));
  } finally {
    image.close();
  }
}
