// The scan scale from what the screen shows: natural vs drawn size, quantization, coverage, how far pixels may shrink.
import { describe, expect, it } from 'vitest';
import { covers, FULL_RESOLUTION_MIN_FACE_PX, minFaceForView, pixelScale, quantize } from '@/lib/detect/scale';

describe('minFaceForView', () => {
  it('is the natural size of a face that shows minScreenPx tall where the image is drawn', () => {
    // 1920 px photo drawn 300 device px wide: an 8-px face on screen is 51.2 natural px; rounded down a quarter octave.
    expect(minFaceForView({ w: 1920, h: 1280 }, { w: 300, h: 200 }, 8)).toBe(quantize(51.2));
    expect(quantize(51.2)).toBeLessThanOrEqual(51.2);
    expect(quantize(51.2)).toBeGreaterThan(51.2 / 2 ** 0.25);
  });

  it('looks finer when the image is drawn larger (zoom, lightbox, devicePixelRatio), down to 4 natural px', () => {
    const small = minFaceForView({ w: 1920, h: 1280 }, { w: 480, h: 320 }, 8);
    const large = minFaceForView({ w: 1920, h: 1280 }, { w: 1920, h: 1280 }, 8);
    expect(large).toBeLessThan(small);
    expect(large).toBe(8);
    expect(minFaceForView({ w: 39, h: 39 }, { w: 450, h: 450 }, 8)).toBe(4); // a tiny file shown huge
  });

  it('takes the larger magnification of a stretched image', () => {
    expect(minFaceForView({ w: 1000, h: 1000 }, { w: 500, h: 2000 }, 8)).toBe(4);
  });

  it('falls back to full resolution when the drawn size is unknown or broken', () => {
    expect(minFaceForView({ w: 800, h: 600 }, null, 8)).toBe(FULL_RESOLUTION_MIN_FACE_PX);
    expect(minFaceForView({ w: 800, h: 600 }, { w: 0, h: 0 }, 8)).toBe(FULL_RESOLUTION_MIN_FACE_PX);
    expect(minFaceForView({ w: 0, h: 0 }, { w: 10, h: 10 }, 8)).toBe(FULL_RESOLUTION_MIN_FACE_PX);
  });
});

describe('covers', () => {
  it('a scan for smaller faces answers a view that needs larger ones, not the other way round', () => {
    expect(covers(8, 16)).toBe(true);
    expect(covers(16, 16)).toBe(true);
    expect(covers(16, 8)).toBe(false);
  });
});

describe('pixelScale', () => {
  it('shrinks what is sent to the detail the finest pass uses, never enlarging', () => {
    expect(pixelScale(64, 'yunet')).toBeCloseTo(12.5 / 64);
    expect(pixelScale(10, 'yunet')).toBe(1);
    expect(pixelScale(4, 'yunet+blazeface')).toBe(1);
  });
  it('keeps more detail for BlazeFace, whose smallest face fills more of its window', () => {
    expect(pixelScale(64, 'blazeface')).toBeCloseTo(30 / 64);
  });
});
