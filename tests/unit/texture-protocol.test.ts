// Messages across the texture bridge: what each world accepts from the other.
import { describe, expect, it } from 'vitest';
import { MAX_FACES_PER_TEXTURE, readFromPage, readToPage } from '@/lib/texture/protocol';

const isBlob = (v: unknown): v is Blob => v instanceof Blob;
const jpeg = (bytes = 100) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });

describe('readFromPage', () => {
  it("accepts a texture snapshot, a large image's own file and an unreadable-canvas note", () => {
    const picture = jpeg();
    expect(readFromPage({ type: 'texture', id: 3, picture, w: 8192, h: 4096 }, isBlob)).toEqual({ type: 'texture', id: 3, picture, w: 8192, h: 4096 });
    const png = new Blob([new Uint8Array(10)], { type: 'image/png' });
    expect(readFromPage({ type: 'texture', id: 4, picture: png, w: 4096, h: 2048 }, isBlob)).toEqual({ type: 'texture', id: 4, picture: png, w: 4096, h: 2048 });
    expect(readFromPage({ type: 'unreadable', why: 'x'.repeat(500) }, isBlob)).toEqual({ type: 'unreadable', why: 'x'.repeat(200) });
  });

  it('refuses anything else the page world could send', () => {
    for (const raw of [
      null, 'texture', 42, {},
      { type: 'texture', id: 1, picture: { size: 10, type: 'image/jpeg' }, w: 10, h: 10 },
      { type: 'texture', id: -1, picture: jpeg(), w: 10, h: 10 },
      { type: 'texture', id: 1.5, picture: jpeg(), w: 10, h: 10 },
      { type: 'texture', id: 1, picture: jpeg(), w: 0, h: 10 },
      { type: 'texture', id: 1, picture: jpeg(), w: 10, h: 40_000 },
      { type: 'texture', id: 1, picture: new Blob(['<svg/>'], { type: 'image/svg+xml' }), w: 10, h: 10 },
      { type: 'texture', id: 1, picture: jpeg(0), w: 10, h: 10 },
      { type: 'texture', id: 1, picture: new Blob([new Uint8Array(10)], { type: 'application/octet-stream' }), w: 10, h: 10 },
      { type: 'unreadable', why: 3 },
      { type: 'faces', id: 1, faces: [] },
    ]) {
      expect(readFromPage(raw, isBlob)).toBeNull();
    }
  });
});

describe('readToPage', () => {
  it('accepts the look, faces, keep and resend', () => {
    expect(readToPage({ type: 'look', on: true, strength: 6, shape: 'ellipse' })).toEqual({ type: 'look', on: true, strength: 6, shape: 'ellipse' });
    const faces = [{ x: 0.1, y: 0.2, w: 0.05, h: 0.08 }, { x: -0.01, y: 0.5, w: 0.02, h: 0.03 }];
    expect(readToPage({ type: 'faces', id: 7, faces })).toEqual({ type: 'faces', id: 7, faces });
    expect(readToPage({ type: 'keep', id: 7 })).toEqual({ type: 'keep', id: 7 });
    expect(readToPage({ type: 'resend', id: 7 })).toEqual({ type: 'resend' });
  });

  it('refuses malformed looks and boxes, and too many faces', () => {
    expect(readToPage({ type: 'look', on: 'yes', strength: 6, shape: 'ellipse' })).toBeNull();
    expect(readToPage({ type: 'look', on: true, strength: Infinity, shape: 'ellipse' })).toBeNull();
    expect(readToPage({ type: 'look', on: true, strength: 6, shape: 'star' })).toBeNull();
    expect(readToPage({ type: 'faces', id: 1, faces: [{ x: 0, y: 0, w: 0, h: 0.1 }] })).toBeNull();
    expect(readToPage({ type: 'faces', id: 1, faces: [{ x: 5, y: 0, w: 0.1, h: 0.1 }] })).toBeNull();
    expect(readToPage({ type: 'faces', id: 1, faces: [{ x: 0, y: 0, w: NaN, h: 0.1 }] })).toBeNull();
    const many = Array.from({ length: MAX_FACES_PER_TEXTURE + 1 }, () => ({ x: 0, y: 0, w: 0.1, h: 0.1 }));
    expect(readToPage({ type: 'faces', id: 1, faces: many })).toBeNull();
  });
});
