import { describe, expect, it } from 'vitest';
import { blurParams, coverBox } from '@/lib/blur';

describe('coverBox', () => {
  it('grows the detector box most towards the forehead, keeping its centre column', () => {
    const face = { x: 100, y: 100, w: 100, h: 100 };
    const cover = coverBox(face);
    expect(cover.y).toBeLessThan(face.y - 20);
    expect(cover.y + cover.h).toBeGreaterThan(face.y + face.h);
    expect(cover.x + cover.w / 2).toBeCloseTo(face.x + face.w / 2);
    expect(cover.w).toBeGreaterThan(face.w);
  });
});

describe('blurParams', () => {
  it('scales the blur radius with the face: a big face never gets a small blur', () => {
    expect(blurParams(400, 6).radius).toBe(4 * blurParams(100, 6).radius);
    expect(blurParams(400, 3).radius).toBeGreaterThanOrEqual(400 / 25);
  });
  it('reduces a face to a handful of mosaic cells, fewer when stronger', () => {
    expect(blurParams(100, 10).mosaicCells).toBeLessThan(blurParams(100, 3).mosaicCells);
    expect(blurParams(100, 3).mosaicCells).toBeLessThanOrEqual(10);
    expect(blurParams(100, 10).mosaicCells).toBeGreaterThanOrEqual(3);
  });
});
