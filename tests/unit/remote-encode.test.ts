// Unit tests for choosing and preparing the upload of one image (lib/remote/encode.ts).
import { describe, expect, it } from 'vitest';
import { dataUrlBytes, jpegOrientation, prepareUpload, sniffType, toBase64, type Decoder } from '@/lib/remote/encode';
import { maxImageBytes } from '@/lib/faceblurest/request';
import { phraseOf } from '@/lib/phrase';
import { english } from './support/english';

/** A JPEG head with an EXIF orientation tag (big- or little-endian TIFF), then start-of-scan. */
function jpegWithOrientation(orientation: number, little = false): Uint8Array {
  const u16 = (v: number) => (little ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
  const u32 = (v: number) => (little ? [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24] : [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
  const tiff = [...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(1), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0, ...u32(0)];
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, ...[(app1.length + 2) >> 8, (app1.length + 2) & 0xff], ...app1, 0xff, 0xda, 0, 2]);
}
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const GIF = new TextEncoder().encode('GIF89a....');

/** Fake decoder: reports a size; "encodes" to a JPEG whose length is proportional to the pixel count. */
function fakeDecoder(width: number, height: number, bytesPerPixel = 0.5, size = (w: number, h: number) => Math.ceil(w * h * bytesPerPixel)) {
  const calls: { w: number; h: number; q: number }[] = [];
  let closed = 0;
  const decode: Decoder = async () => ({
    width,
    height,
    encode: async (w, h, q) => {
      calls.push({ w, h, q });
      const out = new Uint8Array(size(w, h));
      out.set([0xff, 0xd8, 0xff]);
      return out;
    },
    close: () => void closed++,
  });
  return { decode, calls, closed: () => closed };
}

describe('format sniffing and EXIF orientation', () => {
  it('recognises JPEG and PNG only', () => {
    expect(sniffType(jpegWithOrientation(1))).toBe('jpeg');
    expect(sniffType(PNG)).toBe('png');
    expect(sniffType(GIF)).toBeNull();
  });
  it('reads the orientation in both byte orders; 0 without EXIF or on garbage', () => {
    expect(jpegOrientation(jpegWithOrientation(6))).toBe(6);
    expect(jpegOrientation(jpegWithOrientation(3, true))).toBe(3);
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(0);
    expect(jpegOrientation(jpegWithOrientation(6).slice(0, 20))).toBe(0);
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toBe(0);
  });
});

describe('base64 and data URLs', () => {
  it('round-trips bytes larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff);
    expect(Buffer.from(toBase64(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
    const { bytes: back, type } = dataUrlBytes(`data:image/jpeg;base64,${toBase64(bytes)}`);
    expect(type).toBe('image/jpeg');
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });
  it('refuses anything but a base64 image data URL', () => {
    expect(() => dataUrlBytes('data:text/html;base64,AAAA')).toThrow();
    expect(() => dataUrlBytes('data:image/svg+xml,<svg/>')).toThrow();
  });
});

describe('prepareUpload', () => {
  it('sends a public URL when the image could be sent as it is', async () => {
    const d = fakeDecoder(800, 600);
    const p = await prepareUpload(jpegWithOrientation(1), 'image/jpeg', d.decode, { url: 'https://cdn.example.com/a.jpg' });
    expect(p).toMatchObject({ input: { photoUrl: 'https://cdn.example.com/a.jpg' }, how: 'url', width: 800, height: 600 });
    expect(d.closed()).toBe(1);
  });
  it('sends the bytes for private URLs (the service could not fetch them)', async () => {
    const bytes = jpegWithOrientation(1);
    for (const url of ['http://127.0.0.1:8080/a.jpg', 'http://intranet/a.jpg', 'http://192.168.1.2/a.jpg', undefined]) {
      const p = await prepareUpload(bytes, 'image/jpeg', fakeDecoder(10, 10).decode, { url });
      expect(p).toMatchObject({ input: { base64: toBase64(bytes) }, how: 'original' });
    }
  });
  it('re-encodes rotated JPEGs and other formats upright, at full size when that fits', async () => {
    for (const bytes of [jpegWithOrientation(6), GIF]) {
      const d = fakeDecoder(600, 800);
      const p = await prepareUpload(bytes, '', d.decode, { url: 'https://cdn.example.com/a' });
      expect(p.how).toBe('reencoded');
      expect(p).toMatchObject({ width: 600, height: 800 });
      expect(d.calls[0]).toMatchObject({ w: 600, h: 800 });
    }
  });
  it('downscales until the request fits under 5 MB; boxes stay valid because they are normalized', async () => {
    const d = fakeDecoder(4000, 3000, 1); // 12 MB at full size
    const big = new Uint8Array(6_000_000);
    big.set(jpegWithOrientation(1));
    const p = await prepareUpload(big, 'image/jpeg', d.decode, { maxSide: 8192 });
    expect(p.how).toBe('reencoded');
    expect(p.bytes).toBeLessThanOrEqual(maxImageBytes());
    expect(p).toMatchObject({ width: 4000, height: 3000 }); // the original size, what the boxes refer to
    const last = d.calls.at(-1)!;
    expect(last.w / last.h).toBeCloseTo(4 / 3, 2);
    expect(d.calls.length).toBeGreaterThan(1);
  });
  it('caps the longer side, and fails cleanly when nothing fits or the image is unreadable', async () => {
    const d = fakeDecoder(10_000, 5_000, 0.01);
    expect((await prepareUpload(PNG, 'image/png', d.decode)).how).toBe('reencoded');
    expect(d.calls[0]).toMatchObject({ w: 4096, h: 2048 });
    const refusal = (p: Promise<unknown>) => p.then(() => 'no refusal', (e: unknown) => english(phraseOf(e)));
    expect(await refusal(prepareUpload(GIF, '', fakeDecoder(100, 100, 0, () => 6_000_000).decode))).toBe('the image cannot be made small enough for the 5 MB limit.');
    expect(await refusal(prepareUpload(GIF, '', async () => { throw new Error('bad'); }))).toBe('the image cannot be decoded (bad).');
    await expect(prepareUpload(GIF, '', fakeDecoder(0, 0).decode)).rejects.toThrow(/empty/);
  });
});
