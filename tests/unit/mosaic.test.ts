// Mosaic grids in messages: RGB packed as base64 and unpacked to opaque RGBA; malformed data refused; the sampled area.
import { describe, expect, it } from 'vitest';
import { sampleArea } from '@/lib/blur';
import { packRgb, unpackRgb } from '@/lib/mosaic';

describe('packRgb / unpackRgb', () => {
  it('round-trips the colours of a grid and makes every cell opaque', () => {
    const rgba = Uint8ClampedArray.from([10, 20, 30, 0, 200, 150, 100, 128]);
    const back = unpackRgb(packRgb(rgba), 2)!;
    expect(Array.from(back)).toEqual([10, 20, 30, 255, 200, 150, 100, 255]);
  });
  it('refuses data that is not base64 or holds another number of cells', () => {
    expect(unpackRgb('***', 1)).toBeNull();
    expect(unpackRgb(packRgb(new Uint8ClampedArray(8)), 3)).toBeNull();
  });
});

describe('sampleArea', () => {
  it('grows a cover on every side by the margin the strongest blur reads', () => {
    const area = sampleArea({ x: 100, y: 100, w: 60, h: 90 });
    expect(area.x).toBeCloseTo(70);
    expect(area.w).toBeCloseTo(120);
    expect(area.h).toBeCloseTo(150);
  });
});
