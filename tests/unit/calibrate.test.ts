import { describe, expect, it } from 'vitest';
import { calibrateFace } from '@/lib/detect/calibrate';

describe('calibrateFace', () => {
  it('makes the square detector box taller and a little narrower around the same centre', () => {
    const { box, score } = calibrateFace({ box: { x: 0.4, y: 0.4, w: 0.1, h: 0.1 }, score: 0.7 });
    expect(score).toBe(0.7);
    expect(box.h).toBeCloseTo(0.12);
    expect(box.w).toBeCloseTo(0.093);
    expect(box.x + box.w / 2).toBeCloseTo(0.45);
    expect(box.y + box.h / 2).toBeCloseTo(0.45);
  });
});
