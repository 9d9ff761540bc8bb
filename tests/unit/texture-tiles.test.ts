import { describe, expect, it } from 'vitest';
import { passedOn, placementOf, stepBetween, TileAxes, tileName, type Side, type TileEdges } from '@/lib/texture/tiles';

/** A smooth picture with detail (so neighbouring pixels are alike, distant ones not), cut into tiles of `n` px. */
function picture(x: number, y: number): [number, number, number] {
  return [128 + 100 * Math.sin(x / 7) * Math.cos(y / 11), 128 + 90 * Math.cos((x + y) / 9), 128 + 80 * Math.sin((x - 2 * y) / 13)];
}

function edgesOfTile(col: number, row: number, n: number): TileEdges {
  const line = (points: [number, number][]) => {
    const out = new Uint8ClampedArray(points.length * 4);
    points.forEach(([x, y], i) => out.set([...picture(x, y), 255], i * 4));
    return out;
  };
  const x0 = col * n;
  const y0 = row * n;
  const range = [...Array(n).keys()];
  const at = (side: Side, inset: number) =>
    line(
      side === 'left' ? range.map((i) => [x0 + inset, y0 + i])
      : side === 'right' ? range.map((i) => [x0 + n - 1 - inset, y0 + i])
      : side === 'top' ? range.map((i) => [x0 + i, y0 + inset])
      : range.map((i) => [x0 + i, y0 + n - 1 - inset]),
    );
  const sides: Side[] = ['left', 'right', 'top', 'bottom'];
  return {
    w: n,
    h: n,
    outer: Object.fromEntries(sides.map((s) => [s, at(s, 0)])) as TileEdges['outer'],
    inner: Object.fromEntries(sides.map((s) => [s, at(s, 1)])) as TileEdges['inner'],
  };
}

describe('tile names', () => {
  it('takes the numbers out of a URL; ids and hashes stay in the group', () => {
    expect(tileName('https://x.test/pano/3/f2_1.jpg')).toEqual({ group: 'https://x.test/pano/#/f#_#.jpg', numbers: [3, 2, 1] });
    expect(tileName('https://x.test/t/1234567890/0-1.png')).toEqual({ group: 'https://x.test/t/1234567890/#-#.png', numbers: [0, 1] });
    expect(tileName('https://x.test/photo.jpg')).toBeNull();
    expect(tileName('https://x.test/photo2.jpg')).toBeNull();
  });

  it('finds the one number that moves by one', () => {
    expect(stepBetween([3, 2, 1], [3, 2, 2])).toEqual({ field: 2, step: 1 });
    expect(stepBetween([3, 2, 1], [3, 1, 1])).toEqual({ field: 1, step: -1 });
    expect(stepBetween([3, 2, 1], [3, 3, 2])).toBeNull();
    expect(stepBetween([3, 2, 1], [3, 2, 3])).toBeNull();
    expect(stepBetween([3, 2, 1], [3, 2, 1])).toBeNull();
  });
});

describe('where a neighbour lies', () => {
  const n = 64;
  it('places tiles that continue each other and refuses unrelated ones', () => {
    const a = edgesOfTile(1, 1, n);
    expect(placementOf(a, edgesOfTile(2, 1, n))).toEqual({ dx: 1, dy: 0 });
    expect(placementOf(a, edgesOfTile(0, 1, n))).toEqual({ dx: -1, dy: 0 });
    expect(placementOf(a, edgesOfTile(1, 2, n))).toEqual({ dx: 0, dy: 1 });
    expect(placementOf(a, edgesOfTile(1, 0, n))).toEqual({ dx: 0, dy: -1 });
    expect(placementOf(a, edgesOfTile(5, 7, n))).toBeNull();
  });

  it('learns which number is the column and which the row, whatever their order in the URL', () => {
    const axes = new TileAxes();
    // Zoomify-like names: level, column, row.
    const name = (col: number, row: number) => [2, col, row];
    for (const [c, r, c2, r2] of [
      [0, 0, 1, 0],
      [0, 1, 1, 1],
      [0, 0, 0, 1],
      [1, 0, 1, 1],
    ] as const) {
      axes.vote('g', name(c, r), name(c2, r2), placementOf(edgesOfTile(c, r, n), edgesOfTile(c2, r2, n))!);
    }
    expect(axes.axis('g', 1)).toEqual({ dx: 1, dy: 0 });
    expect(axes.axis('g', 2)).toEqual({ dx: 0, dy: 1 });
    expect(axes.axis('g', 0)).toBeNull();
    expect(axes.neighbour('g', name(1, 1), -1, -1)).toEqual(name(0, 0));
    expect(axes.neighbour('g', name(1, 1), 1, 0)).toEqual(name(2, 1));
    expect(axes.neighbour('g', name(0, 0), -1, 0)).toBeNull();
    expect(axes.neighbour('other', name(1, 1), 1, 0)).toBeNull();
  });

  it('trusts a field only when its votes agree', () => {
    const axes = new TileAxes();
    axes.vote('g', [0, 0], [0, 1], { dx: 1, dy: 0 });
    expect(axes.axis('g', 1)).toBeNull();
    axes.vote('g', [1, 0], [1, 1], { dx: 1, dy: 0 });
    expect(axes.axis('g', 1)).toEqual({ dx: 1, dy: 0 });
    axes.vote('g', [2, 0], [2, 1], { dx: 0, dy: 1 });
    expect(axes.axis('g', 1)).toBeNull();
  });
});

describe('faces passed on to neighbouring tiles', () => {
  const tile = { w: 256, h: 256 };
  const right = { x: 256, y: 0, w: 256, h: 256 };
  it('gives the part of a face across the edge to the neighbour, in its fractions', () => {
    // A face from x 224 to 288 px: a quarter of it reaches into the tile on the right.
    const face = { x: 224 / 256, y: 0.5, w: 64 / 256, h: 0.25 };
    expect(passedOn([face], tile, right, [])).toEqual([{ x: -32 / 256, y: 0.5, w: 0.25, h: 0.25 }]);
    expect(passedOn([{ ...face, x: 0.1 }], tile, right, [])).toEqual([]);
  });

  it('does not pass on what the neighbour blurred already', () => {
    const face = { x: 224 / 256, y: 0.5, w: 64 / 256, h: 0.25 };
    expect(passedOn([face], tile, right, [{ x: -0.14, y: 0.49, w: 0.27, h: 0.27 }])).toEqual([]);
  });
});
