import { describe, expect, it } from 'vitest';
import { base64Length, bytesToBase64, shortBase64Of, shortenBase64 } from '@/lib/photo/base64';
import { displayResponse, formatJson, requestBody } from '@/lib/photo/json';
import { blurredFileName, nameFromUrl } from '@/lib/photo/names';
import { progressFraction, progressText } from '@/lib/photo/progress';
import { english } from './support/english';

const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) & 0xff);

describe('base64 for display', () => {
  it('encodes like Node and predicts the encoded length', () => {
    for (const n of [0, 1, 2, 3, 4, 100, 70_000]) {
      const data = random(n);
      expect(bytesToBase64(data)).toBe(Buffer.from(data).toString('base64'));
      expect(base64Length(n)).toBe(Buffer.from(data).toString('base64').length);
    }
  });
  it('shortens to the first 40 characters and the total length', () => {
    const full = Buffer.from(random(300)).toString('base64');
    expect(shortenBase64(full)).toBe(`${full.slice(0, 40)}…(400 chars)`);
    expect(shortenBase64('AAAA')).toBe('AAAA');
  });
  it('gives the same display string from a file’s first bytes as from its whole base64', () => {
    for (const n of [0, 1, 29, 30, 31, 100, 123_457]) {
      const data = random(n);
      expect(shortBase64Of(data.subarray(0, 64), n), `${n} bytes`).toBe(shortenBase64(Buffer.from(data).toString('base64')));
    }
  });
});

describe('request and response JSON', () => {
  it('sets exactly one input, the other the string "NO"', () => {
    expect(requestBody({ kind: 'file', base64: '/9j/AA==' })).toEqual({ base64_Photo_String: '/9j/AA==', photo_url: 'NO' });
    expect(requestBody({ kind: 'url', url: 'https://example.com/a.jpg' })).toEqual({ base64_Photo_String: 'NO', photo_url: 'https://example.com/a.jpg' });
    expect(Object.keys(requestBody({ kind: 'url', url: 'x' }))).toEqual(['base64_Photo_String', 'photo_url']);
  });
  it('shortens only final_photo for display', () => {
    const response = { created: '2020-05-02T12:28:09.989Z', predictions: [], final_photo: 'A'.repeat(100) };
    expect(displayResponse(response)).toEqual({ ...response, final_photo: `${'A'.repeat(40)}…(100 chars)` });
    expect(response.final_photo).toHaveLength(100);
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('names', () => {
  it('names a URL’s photo after its last path segment, else its host', () => {
    expect(nameFromUrl('https://example.com/photos/my%20cat.jpg?size=large')).toBe('my cat.jpg');
    expect(nameFromUrl('https://example.com/')).toBe('example.com');
    expect(nameFromUrl('https://example.com/100%')).toBe('100%');
  });
  it('saves as <stem>-blurred.<format>, never with a path', () => {
    expect(blurredFileName('holiday.jpeg', 'image/png')).toBe('holiday-blurred.png');
    expect(blurredFileName('a.b.JPG', 'image/jpeg')).toBe('a.b-blurred.jpg');
    expect(blurredFileName('../../etc/x:y.jpg', 'image/jpeg')).toBe('x_y-blurred.jpg');
    expect(blurredFileName('', 'image/jpeg')).toBe('photo-blurred.jpg');
  });
});

describe('progress', () => {
  it('counts detector passes while detecting and fills the bar by them', () => {
    const p = { stage: 'detecting', callsDone: 30, callsPlanned: 120, faces: 2 } as const;
    expect(english(progressText(p))).toBe('Looking for faces: 30 of 120 detector passes (2 faces so far)…');
    expect(progressFraction(p)).toBeCloseTo(0.05 + 0.85 / 4);
    expect(progressFraction({ stage: 'decoding' })).toBeNull();
    expect(english(progressText({ stage: 'blurring', faces: 1 }))).toBe('Blurring 1 face…');
    expect(english(progressText({ stage: 'detecting', callsDone: 3, callsPlanned: 9 }))).toBe('Looking for faces: 3 of 9 detector passes…');
    expect(english(progressText({ stage: 'loading-detector' }))).toBe('Loading the face detector…');
  });
});
