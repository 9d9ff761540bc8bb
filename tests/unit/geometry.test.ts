import { describe, expect, it } from 'vitest';
import { backingSize, intersect, mapToElement, paintedImageRect, parseObjectPosition } from '@/lib/geometry';

const box = { w: 400, h: 200 };
const natural = { w: 800, h: 800 }; // square image in a 2:1 box

describe('paintedImageRect', () => {
  it('fill stretches the image over the box', () => {
    expect(paintedImageRect(box, natural, 'fill')).toEqual({ x: 0, y: 0, w: 400, h: 200 });
  });
  it('contain letterboxes and centres by default', () => {
    expect(paintedImageRect(box, natural, 'contain')).toEqual({ x: 100, y: 0, w: 200, h: 200 });
  });
  it('cover overflows and centres by default', () => {
    expect(paintedImageRect(box, natural, 'cover')).toEqual({ x: 0, y: -100, w: 400, h: 400 });
  });
  it('cover honours object-position', () => {
    expect(paintedImageRect(box, natural, 'cover', '0% 0%').y).toBeCloseTo(0);
    expect(paintedImageRect(box, natural, 'cover', '100% 100%').y).toBe(-200);
    expect(paintedImageRect(box, natural, 'cover', 'center top').y).toBeCloseTo(0);
    expect(paintedImageRect(box, natural, 'cover', 'left 0px top 10px').y).toBe(10);
  });
  it('none keeps natural size; scale-down picks the smaller of none and contain', () => {
    expect(paintedImageRect(box, natural, 'none')).toEqual({ x: -200, y: -300, w: 800, h: 800 });
    expect(paintedImageRect(box, natural, 'scale-down')).toEqual({ x: 100, y: 0, w: 200, h: 200 });
    expect(paintedImageRect(box, { w: 100, h: 50 }, 'scale-down')).toEqual({ x: 150, y: 75, w: 100, h: 50 });
  });
  it('returns an empty rect for zero sizes instead of NaN', () => {
    expect(paintedImageRect(box, { w: 0, h: 0 }, 'cover')).toEqual({ x: 0, y: 0, w: 0, h: 0 });
  });
});

describe('parseObjectPosition', () => {
  const at = (value: string, freeX: number, freeY: number) => {
    const [x, y] = parseObjectPosition(value);
    return [x(freeX), y(freeY)];
  };
  it('reads percentages, pixels and keywords in either order', () => {
    expect(at('50% 50%', 100, 40)).toEqual([50, 20]);
    expect(at('10px 25%', 100, 40)).toEqual([10, 10]);
    expect(at('right bottom', 100, 40)).toEqual([100, 40]);
    expect(at('top right', 100, 40)).toEqual([100, 0]);
    expect(at('bottom', 100, 40)).toEqual([50, 40]);
    expect(at('right 10px bottom 5px', 100, 40)).toEqual([90, 35]);
    expect(at('', 100, 40)).toEqual([50, 20]);
  });
});

describe('mapping faces onto the element', () => {
  it('maps a normalized box through the painted rect', () => {
    const painted = paintedImageRect(box, natural, 'contain');
    expect(mapToElement({ x: 0.5, y: 0.25, w: 0.25, h: 0.5 }, painted)).toEqual({ x: 200, y: 50, w: 50, h: 100 });
  });
  it('intersect clips to the visible box and says when nothing is left', () => {
    expect(intersect({ x: -10, y: -10, w: 30, h: 30 }, { x: 0, y: 0, w: 100, h: 100 })).toEqual({ x: 0, y: 0, w: 20, h: 20 });
    expect(intersect({ x: 200, y: 0, w: 10, h: 10 }, { x: 0, y: 0, w: 100, h: 100 })).toBeNull();
  });
});

describe('backingSize', () => {
  it('multiplies by the device pixel ratio', () => {
    expect(backingSize(300, 200, 2)).toEqual({ w: 600, h: 400 });
  });
  it('caps memory for huge overlays while keeping the aspect ratio', () => {
    const { w, h } = backingSize(10_000, 5_000, 2, 1_000_000);
    expect(w * h).toBeLessThanOrEqual(1_000_000 + w + h);
    expect(w / h).toBeCloseTo(2, 2);
  });
});
