// Tests for the multi-scale tile planner and the mapping of tile boxes back to image coordinates.
import { describe, expect, it } from 'vitest';
import { planTiles } from '../../lib/detect/blazeface/plan';
import { isEquirectangular, mapTileBox, tileSlices, type Tile } from '../../lib/detect/tiles';

/** Does some tile contain the face [x, x+s) x [y, y+s)? x may run past the width (a face cut by the seam). */
function covered(tiles: Tile[], x: number, y: number, s: number, width: number, wrap: boolean): boolean {
  const shifts = wrap ? [-width, 0, width] : [0];
  return tiles.some(
    (t) => y >= t.y && y + s <= t.y + t.h && shifts.some((d) => x >= t.x + d && x + s <= t.x + t.w + d),
  );
}

function levelsOf(tiles: Tile[]): Tile[][] {
  const byLevel: Tile[][] = [];
  for (const t of tiles) (byLevel[t.level] ??= []).push(t);
  return byLevel;
}

/** Property: every face a level is responsible for, at any grid position, is wholly inside one of its tiles. */
function expectLevelsCoverTheirFaces(tiles: Tile[], width: number, wrap: boolean, step: number) {
  for (const level of levelsOf(tiles).slice(1)) {
    const sizes = [Math.ceil(level[0]!.minFacePx), Math.floor(level[0]!.maxFacePx)];
    // A banded finest level answers only for faces inside the rows it covers.
    const top = Math.min(...level.map((t) => t.y));
    const bottom = Math.max(...level.map((t) => t.y + t.h));
    for (const s of sizes) {
      const xEnd = wrap ? width : width - s;
      for (let y = top; y <= bottom - s; y += step) {
        for (let x = 0; x <= xEnd; x += step) {
          if (!covered(level, x, y, s, width, wrap)) throw new Error(`level ${level[0]!.level}: face ${s}px at ${x},${y} not covered`);
        }
      }
    }
  }
}

describe('isEquirectangular', () => {
  it('accepts 2:1 within tolerance and rejects other shapes and small banners', () => {
    expect(isEquirectangular(4096, 2048)).toBe(true);
    expect(isEquirectangular(4096, 2060)).toBe(true);
    expect(isEquirectangular(4000, 2048)).toBe(false);
    expect(isEquirectangular(1920, 1080)).toBe(false);
    expect(isEquirectangular(800, 400)).toBe(false);
  });
});

describe('planTiles', () => {
  it('gives a small image very few calls, and a thumbnail the whole-image pass alone', () => {
    expect(planTiles(400, 300).length).toBeLessThanOrEqual(5);
    expect(planTiles(200, 150)).toEqual([{ x: 0, y: 0, w: 200, h: 150, level: 0, minFacePx: 25, maxFacePx: Infinity }]);
  });

  it('starts with the whole image, goes coarse to fine, and stays within the budget', () => {
    for (const [w, h, maxTiles] of [[640, 480, 12], [1920, 1080, 40], [1920, 1080, 100], [4096, 2048, 300], [1024, 768, 1]]) {
      const tiles = planTiles(w!, h!, { maxTiles });
      expect(tiles.length).toBeLessThanOrEqual(maxTiles!);
      expect(tiles[0]).toMatchObject({ x: 0, y: 0, w, h, level: 0 });
      tiles.slice(1).forEach((t, i) => expect(t.level).toBeGreaterThanOrEqual(tiles[i]!.level));
      for (const t of tiles) {
        expect(t.y >= 0 && t.y + t.h <= h! && t.x >= 0 && t.x < w! && t.w <= w!).toBe(true);
      }
    }
  });

  it('gives levels contiguous face-size ranges down to minFacePx when the budget allows', () => {
    const tiles = planTiles(1920, 1080, { minFacePx: 16, maxTiles: 1000 });
    const levels = levelsOf(tiles);
    expect(levels.length).toBeGreaterThan(2);
    levels.slice(1).forEach((level, i) => expect(level[0]!.maxFacePx).toBeCloseTo(levels[i]![0]!.minFacePx, 6));
    expect(levels.at(-1)![0]!.minFacePx).toBeLessThanOrEqual(16);
    // Consecutive levels differ by at most the scale step (2).
    levels.slice(1).forEach((level) => expect(level[0]!.maxFacePx / level[0]!.minFacePx).toBeLessThanOrEqual(2));
  });

  it('raises the smallest face instead of exceeding a tight budget', () => {
    const roomy = planTiles(1920, 1080, { maxTiles: 1000 });
    const tight = planTiles(1920, 1080, { maxTiles: 20 });
    expect(tight.length).toBeLessThanOrEqual(20);
    expect(Math.min(...tight.map((t) => t.minFacePx))).toBeGreaterThan(Math.min(...roomy.map((t) => t.minFacePx)));
  });

  it('covers every face of each level wholly in one tile on a photo (grid of positions)', () => {
    const tiles = planTiles(1920, 1080, { maxTiles: 120 });
    expect(tiles.some((t) => t.x + t.w > 1920)).toBe(false);
    expectLevelsCoverTheirFaces(tiles, 1920, false, 7);
  });

  it('covers every face of each level wholly in one tile on a panorama, across the seam too', () => {
    const tiles = planTiles(4096, 2048);
    expect(tiles.some((t) => t.x + t.w > 4096)).toBe(true);
    expectLevelsCoverTheirFaces(tiles, 4096, true, 11);
  });

  it('keeps the horizon band for the finest level of an over-budget panorama, horizon rows first', () => {
    const tiles = planTiles(4096, 2048, { minFacePx: 30, maxTiles: 200 });
    const finest = levelsOf(tiles).at(-1)!;
    expect(Math.min(...finest.map((t) => t.y))).toBeLessThanOrEqual(0.2 * 2048);
    expect(Math.max(...finest.map((t) => t.y + t.h))).toBeGreaterThanOrEqual(0.85 * 2048);
    expect(Math.min(...finest.map((t) => t.y))).toBeGreaterThan(0); // the sky is left out
    const horizon = 0.525 * 2048;
    const distance = (t: Tile) => Math.abs(t.y + t.h / 2 - horizon);
    expect(distance(finest[0]!)).toBeLessThanOrEqual(distance(finest.at(-1)!));
  });
});

describe('mapTileBox and tileSlices', () => {
  const tile = (x: number, y: number, w: number, h: number): Tile => ({ x, y, w, h, level: 1, minFacePx: 10, maxFacePx: 20 });

  it('maps a tile-normalized box to image-normalized coordinates', () => {
    const [box, ...rest] = mapTileBox(tile(100, 50, 200, 100), { x: 0.5, y: 0.5, w: 0.25, h: 0.5 }, 1000, 500);
    expect(rest).toEqual([]);
    expect(box!.x).toBeCloseTo(0.2);
    expect(box!.y).toBeCloseTo(0.2);
    expect(box!.w).toBeCloseTo(0.05);
    expect(box!.h).toBeCloseTo(0.1);
  });

  it('clips boxes that stick out of the image', () => {
    const [box] = mapTileBox(tile(0, 0, 100, 100), { x: -0.1, y: 0.9, w: 0.3, h: 0.2 }, 100, 100);
    expect(box).toEqual({ x: 0, y: 0.9, w: 0.2, h: expect.closeTo(0.1, 9) });
  });

  it('splits a face straddling the panorama seam into one box on each side', () => {
    const seam = tile(3900, 0, 400, 400);
    const boxes = mapTileBox(seam, { x: 0.25, y: 0.5, w: 0.5, h: 0.1 }, 4096, 2048); // px 4000..4200
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.x * 4096).toBeCloseTo(4000);
    expect(boxes[0]!.w * 4096).toBeCloseTo(96);
    expect(boxes[1]!.x).toBe(0);
    expect(boxes[1]!.w * 4096).toBeCloseTo(104);
    expect(boxes[1]!.y * 2048).toBeCloseTo(200);
    // Wholly past the seam: shifted back to the left edge, not split.
    const [past, ...none] = mapTileBox(seam, { x: 0.75, y: 0, w: 0.1, h: 0.1 }, 4096, 2048);
    expect(none).toEqual([]);
    expect(past!.x * 4096).toBeCloseTo(104);
    expect(past!.w * 4096).toBeCloseTo(40);
  });

  it('composes a wrapped tile from the right end of the image and then its left edge', () => {
    expect(tileSlices(tile(3900, 10, 400, 300), 4096)).toEqual([
      { sx: 3900, sy: 10, sw: 196, sh: 300, dx: 0 },
      { sx: 0, sy: 10, sw: 204, sh: 300, dx: 196 },
    ]);
    expect(tileSlices(tile(10, 10, 400, 300), 4096)).toEqual([{ sx: 10, sy: 10, sw: 400, sh: 300, dx: 0 }]);
  });
});

describe('reachedFacePx', () => {
  it('is the finest level when it spans the picture, and the level before when only the horizon band is searched', async () => {
    const { reachedFacePx } = await import('../../lib/detect/blazeface/engine');
    const full = planTiles(1920, 1080, { minFacePx: 20, maxTiles: 1000 });
    expect(reachedFacePx(full, 1080)).toBeCloseTo(20);
    const banded = planTiles(4096, 2048, { minFacePx: 12, maxTiles: 60, wrap: true });
    const finest = Math.min(...banded.map((t) => t.minFacePx));
    expect(reachedFacePx(banded, 2048)).toBeGreaterThan(finest);
  });
  it('never claims less than what a capped budget really searched', async () => {
    const { reachedFacePx } = await import('../../lib/detect/blazeface/engine');
    const capped = planTiles(1920, 1280, { minFacePx: 8, maxTiles: 40 });
    expect(reachedFacePx(capped, 1280)).toBeGreaterThan(8);
  });
});
