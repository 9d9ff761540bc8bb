import { describe, expect, it } from 'vitest';
import { agreement } from '@/lib/photo/compare';

describe('agreement', () => {
  it('pairs each face at most once, best overlap first', () => {
    const a = { x: 0.1, y: 0.1, w: 0.2, h: 0.2 };
    const b = { x: 0.6, y: 0.6, w: 0.2, h: 0.2 };
    const nearA = { x: 0.12, y: 0.1, w: 0.2, h: 0.2 };
    expect(agreement([a, b], [nearA, a])).toEqual({ local: 2, remote: 2, both: 1 });
    expect(agreement([a, b], [nearA, { ...b, x: 0.61 }])).toEqual({ local: 2, remote: 2, both: 2 });
  });
  it('does not count boxes that barely touch', () => {
    expect(agreement([{ x: 0, y: 0, w: 0.2, h: 0.2 }], [{ x: 0.15, y: 0.15, w: 0.2, h: 0.2 }]).both).toBe(0);
    expect(agreement([], []).both).toBe(0);
  });
});
