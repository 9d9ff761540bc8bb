// YuNet's pass plan: the finest scale from the smallest face wanted, coarse passes for big faces, tiles that see every face whole.
import { describe, expect, it } from 'vitest';
import type { Tile } from '@/lib/detect/tiles';
import { inputSide, planYunet, YUNET_MAX_FACE_PX, YUNET_MIN_FACE_PX } from '@/lib/detect/yunet/plan';

const levels = (tiles: Tile[]) => [...new Set(tiles.map((t) => t.level))];

/** Is the face [x, x+s) x [y, y+s) wholly inside a tile of this level (x may run past the seam)? */
function seenWhole(tiles: Tile[], width: number, x: number, y: number, s: number, wrap: boolean): boolean {
  const shifts = wrap ? [-width, 0, width] : [0];
  return tiles.some((t) => y >= t.y && y + s <= t.y + t.h && shifts.some((d) => x >= t.x + d && x + s <= t.x + t.w + d));
}

describe('planYunet', () => {
  it('scans a thumbnail-sized need in a fraction of the pixels', () => {
    // A 1920x1280 photo drawn 300 px wide: faces under 64 natural px are under 10 px on screen.
    const plan = planYunet(1920, 1280, { minFacePx: 64 });
    expect(plan.scales.at(-1)).toBeCloseTo(YUNET_MIN_FACE_PX / 64);
    expect(plan.tiles.at(-1)).toMatchObject({ x: 0, y: 0, w: 1920, h: 1280, minFacePx: 0 });
    const pixels = plan.tiles.reduce((sum, t) => sum + t.w * t.h * plan.scales[t.level]! ** 2, 0);
    expect(pixels / (1920 * 1280)).toBeLessThan(0.03);
    expect(plan.tiles.length).toBeLessThanOrEqual(2);
  });

  it('adds coarser passes, coarse first, until a face filling the picture is well inside what the network finds', () => {
    const plan = planYunet(1920, 1280, { minFacePx: 10 });
    expect(plan.scales).toEqual([1 / 16, 1 / 4, 1]);
    expect(levels(plan.tiles)).toEqual([0, 1, 2]);
    expect(1280 * plan.scales[0]!).toBeLessThanOrEqual(YUNET_MAX_FACE_PX / 2);
    // A coarse pass keeps only faces bigger than the next finer one sees well; the finest keeps all.
    expect(plan.tiles.find((t) => t.level === 1)!.minFacePx).toBeCloseTo(128);
    expect(plan.tiles.find((t) => t.level === 2)!.minFacePx).toBe(0);
    // A portrait whose face fills the frame gets a pass where that face is at most half the input.
    const portrait = planYunet(1024, 1497, { minFacePx: 10 });
    expect(1024 * portrait.scales[0]!).toBeLessThanOrEqual(128);
  });

  it('never upscales more than 2x nor runs a pass over 16 megapixels', () => {
    expect(planYunet(400, 300, { minFacePx: 1 }).scales.at(-1)).toBe(2);
    const huge = planYunet(12000, 12000, { minFacePx: 10 });
    expect(huge.scales.at(-1)! * 12000).toBeCloseTo(4000);
  });

  it('cuts a large pass into tiles of at most 2048 network px that see every face up to the overlap whole', () => {
    const upscaled = planYunet(1600, 1200, { minFacePx: 5 }); // a 2x pass: 3200 x 2400 network px
    expect(upscaled.scales.at(-1)).toBe(2);
    for (const t of upscaled.tiles) expect(Math.max(t.w, t.h) * upscaled.scales[t.level]!).toBeLessThanOrEqual(2048);
    expect(upscaled.tiles.filter((t) => t.level === upscaled.scales.length - 1).length).toBeGreaterThan(1);
    const plan = planYunet(4000, 3000, { minFacePx: 10 });
    const finest = plan.tiles.filter((t) => t.level === levels(plan.tiles).at(-1));
    expect(finest.length).toBeGreaterThan(1);
    const scale = plan.scales.at(-1)!;
    for (const t of finest) {
      expect(t.w * scale).toBeLessThanOrEqual(2048);
      expect(t.h * scale).toBeLessThanOrEqual(2048);
      expect(t.x >= 0 && t.y >= 0 && t.x + t.w <= 4000 && t.y + t.h <= 3000).toBe(true);
    }
    for (let y = 0; y <= 3000 - 160; y += 37) {
      for (let x = 0; x <= 4000 - 160; x += 37) expect(seenWhole(finest, 4000, x, y, 160, false)).toBe(true);
    }
  });

  it("wraps a panorama's passes around the seam so a face cut by it is seen whole", () => {
    const plan = planYunet(4096, 2048, { minFacePx: 10 });
    expect(plan.wrap).toBe(true);
    for (const level of levels(plan.tiles)) {
      const tiles = plan.tiles.filter((t) => t.level === level);
      const face = Math.min(160, YUNET_MAX_FACE_PX) / plan.scales[level]! / 4; // well inside the pass's range
      for (const x of [4096 - face / 2, 4096 - face, 0, 2000]) expect(seenWhole(tiles, 4096, x, 1024, face, true)).toBe(true);
    }
    expect(planYunet(4096, 2048, { minFacePx: 10, wrap: false }).tiles.every((t) => t.x + t.w <= 4096)).toBe(true);
  });
});

describe('inputSide', () => {
  it('pads to the multiple of 32 the network needs', () => {
    expect([1, 32, 33, 1080, 1920].map(inputSide)).toEqual([32, 32, 64, 1088, 1920]);
  });
});
