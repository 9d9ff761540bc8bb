import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hasExif, jpegHeaderSegments } from '@/lib/photo/exif';
import { checkPhotoPixels, checkPhotoSize, formatBytes, MAX_PHOTO_BYTES } from '@/lib/photo/limits';
import { jpegCompleteness, pngCompleteness, sniffType, webpCompleteness } from '@/lib/photo/sniff';
import { checkPhotoUrl, inspectPhoto } from '@/lib/photo/validate';
import type { Phrase } from '@/lib/phrase';
import { english } from './support/english';

const DATA = resolve(process.env.FACEVEIL_DATA ?? join(import.meta.dirname, '../../../shared/facedata'));
const jpeg = new Uint8Array(readFileSync(join(DATA, 'group/faceapi__sample1.jpg')));
const png = new Uint8Array(PNG.sync.write(Object.assign(new PNG({ width: 4, height: 3 }), {})));
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const words = (p: Phrase | null) => p && english(p);
const urlProblem = (url: string) => {
  const r = checkPhotoUrl(url);
  return r.ok ? null : english(r.message);
};

/** The sample with every APP1 segment removed, and with one synthetic segment put right after SOI. */
function withoutApp1(b: Uint8Array): Uint8Array {
  const drop = jpegHeaderSegments(b).filter((s) => s.marker === 0xe1);
  const keep: number[] = [];
  let at = 0;
  for (const s of drop) {
    keep.push(...b.subarray(at, s.start - 4));
    at = s.start + s.length;
  }
  return new Uint8Array([...keep, ...b.subarray(at)]);
}
function withApp1(b: Uint8Array, payload: Uint8Array): Uint8Array {
  const n = payload.length + 2;
  return new Uint8Array([...b.subarray(0, 2), 0xff, 0xe1, n >> 8, n & 0xff, ...payload, ...b.subarray(2)]);
}

describe('size limits', () => {
  it('refuses empty files and files over 50 MB, from the size alone', () => {
    expect(words(checkPhotoSize(0, 'a.jpg'))).toBe('“a.jpg” is empty (0 bytes). Choose a photo file.');
    expect(words(checkPhotoSize(1, 'a.jpg'))).toBeNull();
    expect(words(checkPhotoSize(MAX_PHOTO_BYTES, 'a.jpg'))).toBeNull();
    expect(words(checkPhotoSize(MAX_PHOTO_BYTES + 1, 'a.jpg'))).toBe('“a.jpg” is over 50 MB; photos up to 50 MB can be blurred here.');
    expect(words(checkPhotoSize(63.2 * 1024 * 1024, 'a.jpg'))).toContain('is 63.2 MB');
    expect(words(checkPhotoSize(Number.NaN, 'a.jpg'))).toContain('unknown');
  });
  it('formats sizes for people', () => {
    expect([1, 900, 4096, 5 * 1024 * 1024, 2.45 * 1024 * 1024].map((n) => english(formatBytes(n)))).toEqual(['1 byte', '900 bytes', '4 KB', '5 MB', '2.5 MB']);
  });
  it('refuses decoded photos above 100 megapixels', () => {
    expect(words(checkPhotoPixels(6000, 4000, 'a'))).toBeNull();
    expect(words(checkPhotoPixels(12000, 9000, 'a'))).toBe('“a” is 12000 × 9000 (108 megapixels); photos up to 100 megapixels can be blurred here.');
    expect(words(checkPhotoPixels(0, 10, 'a'))).toContain('no pixels');
  });
});

describe('format sniffing', () => {
  it('recognizes images by their first bytes, not their names', () => {
    expect(sniffType(jpeg)).toBe('image/jpeg');
    expect(sniffType(png)).toBe('image/png');
    expect(sniffType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffType(bytes('RIFF', [4, 0, 0, 0], 'WEBP'))).toBe('image/webp');
    expect(sniffType(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBe('image/avif');
    expect(sniffType(bytes('  <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffType(bytes('These are my notes.'))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe('truncation', () => {
  it('finds the end of a whole JPEG, also with bytes after it', () => {
    expect(jpegCompleteness(jpeg)).toBe('complete');
    expect(jpegCompleteness(new Uint8Array([...jpeg, 0, 0, 0x12]))).toBe('complete');
  });
  it('says a JPEG cut anywhere is truncated', () => {
    for (const keep of [3, 20, 600, Math.floor(jpeg.length / 2), jpeg.length - 2, jpeg.length - 1]) {
      expect(jpegCompleteness(jpeg.subarray(0, keep)), `cut at ${keep}`).toBe('truncated');
    }
  });
  it('leaves structures it does not follow to the decoder', () => {
    expect(jpegCompleteness(bytes([0xff, 0xd8, 0x12, 0x34]))).toBe('unknown');
  });
  it('walks PNG chunks to IEND and WebP to its RIFF size', () => {
    expect(pngCompleteness(png)).toBe('complete');
    expect(pngCompleteness(png.subarray(0, png.length - 12))).toBe('truncated');
    const webp = bytes('RIFF', [8, 0, 0, 0], 'WEBPVP8 ');
    expect(webpCompleteness(webp)).toBe('complete');
    expect(webpCompleteness(webp.subarray(0, 14))).toBe('truncated');
  });
});

describe('inspectPhoto', () => {
  it('accepts a whole photo and names what is wrong with the others', () => {
    expect(inspectPhoto(jpeg, 'a.jpg')).toEqual({ ok: true, type: 'image/jpeg' });
    const message = (b: Uint8Array, name: string) => {
      const r = inspectPhoto(b, name);
      return r.ok ? null : english(r.message);
    };
    expect(message(new Uint8Array(), 'e.jpg')).toContain('“e.jpg” is empty (0 bytes)');
    expect(message(bytes('hello, world'), 'notes.jpg')).toBe('“notes.jpg” is not an image: it does not start like a JPEG, PNG, WebP, GIF, BMP or AVIF file.');
    expect(message(jpeg.subarray(0, 5000), 'cut.jpg')).toContain('“cut.jpg” is a truncated JPEG');
    expect(message(png.subarray(0, 30), 'cut.png')).toContain('truncated PNG');
    expect(message(bytes('<svg></svg>'), 'd.svg')).toContain('SVG drawing');
  });
});

describe('checkPhotoUrl', () => {
  it('takes http(s) URLs only, without credentials', () => {
    expect(checkPhotoUrl(' https://example.com/a.jpg ')).toEqual({ ok: true, url: 'https://example.com/a.jpg' });
    expect(checkPhotoUrl('http://127.0.0.1:8080/x.png').ok).toBe(true);
    expect(urlProblem('file:///etc/passwd')).toBe('Only http:// and https:// image URLs can be fetched.');
    expect(urlProblem('example.com/a.jpg')).toBe('That is not a valid URL. Give the full address, starting with https://.');
    expect(checkPhotoUrl('https://u:p@example.com/a.jpg').ok).toBe(false);
  });
});

describe('EXIF detection', () => {
  it('finds the sample’s EXIF block and no EXIF once the APP1 segments are gone', () => {
    expect(hasExif(jpeg)).toBe(true);
    const bare = withoutApp1(jpeg);
    expect(jpegHeaderSegments(bare).map((s) => s.marker)).not.toContain(0xe1);
    expect(hasExif(bare)).toBe(false);
    expect(jpegCompleteness(bare)).toBe('complete');
  });
  it('tells an inserted EXIF segment from an XMP one (both APP1)', () => {
    const bare = withoutApp1(jpeg);
    expect(hasExif(withApp1(bare, bytes('Exif\0\0', 'MM', [0, 0x2a, 0, 0, 0, 8, 0, 0])))).toBe(true);
    const xmp = withApp1(bare, bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'));
    expect(hasExif(xmp)).toBe(false);
    expect(jpegHeaderSegments(xmp)[0]?.marker).toBe(0xe1);
  });
  it('reads nothing from what is not a JPEG', () => {
    expect(jpegHeaderSegments(png)).toEqual([]);
    expect(hasExif(png)).toBe(false);
  });
});
