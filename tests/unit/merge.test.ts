// Tests for merging detections across tiles and scales: NMS, containment, tile-edge cuts, seam faces.
import { describe, expect, it } from 'vitest';
import type { Face } from '../../lib/face';
import { boxIou } from '../../lib/box';
import {
  dropTileEdgeCuts,
  mergeDetections,
  mergeTileDetections,
  type TileDetection,
} from '../../lib/detect/merge';
import type { Tile } from '../../lib/detect/tiles';

const face = (x: number, y: number, w: number, h: number, score: number): Face => ({ box: { x, y, w, h }, score });
const tile = (x: number, y: number, w: number, h: number, minFacePx = 10): Tile => ({ x, y, w, h, level: 1, minFacePx, maxFacePx: 2 * minFacePx });

describe('mergeDetections', () => {
  it('keeps the best of heavily overlapping boxes and all separate faces, best first', () => {
    const merged = mergeDetections([
      face(0.1, 0.1, 0.1, 0.1, 0.7),
      face(0.11, 0.1, 0.1, 0.1, 0.9), // same face from another scale
      face(0.5, 0.5, 0.1, 0.1, 0.8),
      face(0.21, 0.1, 0.1, 0.1, 0.6), // next face, touching
    ]);
    expect(merged.map((f) => f.score)).toEqual([0.9, 0.8, 0.6]);
  });

  it('suppresses a half face lying inside a better-scoring whole face even at low IoU', () => {
    const whole = face(0.1, 0.1, 0.2, 0.2, 0.9);
    const part = face(0.1, 0.1, 0.2, 0.05, 0.6); // a quarter of it: IoU 0.25
    expect(boxIou(whole.box, part.box)).toBeCloseTo(0.25);
    expect(mergeDetections([part, whole])).toEqual([whole]);
    expect(mergeDetections([part, whole], { containedThreshold: 1.01 })).toHaveLength(2);
  });

  it('keeps a bigger, lower-scoring box that contains a better-scoring small one', () => {
    const small = face(0.1, 0.1, 0.05, 0.05, 0.9);
    const big = face(0.08, 0.08, 0.2, 0.2, 0.5);
    expect(mergeDetections([small, big])).toEqual([small, big]);
  });

  it('respects the IoU threshold option', () => {
    const a = face(0, 0, 0.1, 0.1, 0.9);
    const b = face(0.05, 0, 0.1, 0.1, 0.8); // IoU 1/3, b half inside a
    expect(mergeDetections([a, b])).toHaveLength(1);
    expect(mergeDetections([a, b], { iouThreshold: 0.5, containedThreshold: 0.9 })).toHaveLength(2);
  });
});

describe('dropTileEdgeCuts', () => {
  // Two tiles of one level overlapping by 50 px on a 350x200 image.
  const left = tile(0, 0, 200, 200);
  const right = tile(150, 0, 200, 200);
  const det = (t: Tile, x: number, w: number, y = 0.4, h = 0.1): TileDetection => ({ tile: t, boxInTile: { x, y, w, h }, score: 0.8 });

  it('drops a face cut by an inner edge when a neighbour sees all of it', () => {
    const cut = det(left, 0.9, 0.1); // px 180..200, the face likely runs to 220: inside `right`
    expect(dropTileEdgeCuts([cut], [left, right], 350, 200)).toEqual([]);
    const cutOnLeft = det(right, 0, 0.1); // px 150..170, likely from 130: inside `left`
    expect(dropTileEdgeCuts([cutOnLeft], [left, right], 350, 200)).toEqual([]);
  });

  it('keeps faces away from edges, at image borders, or that no other tile could see whole', () => {
    const inside = det(left, 0.4, 0.1);
    const atImageBorder = det(left, 0, 0.1);
    const tooBig = det(left, 0.7, 0.3); // px 140..200 -> 140..260: `right` starts at 150
    const dets = [inside, atImageBorder, tooBig];
    expect(dropTileEdgeCuts(dets, [left, right], 350, 200)).toEqual(dets);
    // The neighbour has not run yet (progressive merging): the partial face is all we have.
    expect(dropTileEdgeCuts([det(left, 0.9, 0.1)], [left], 350, 200)).toHaveLength(1);
    // The neighbour's level cannot find faces that small.
    expect(dropTileEdgeCuts([det(left, 0.9, 0.1)], [left, tile(150, 0, 200, 200, 100)], 350, 200)).toHaveLength(1);
  });

  it('checks top and bottom edges the same way', () => {
    const top = tile(0, 0, 200, 120);
    const bottom = tile(0, 80, 200, 120);
    const cut = { tile: top, boxInTile: { x: 0.4, y: 0.85, w: 0.1, h: 0.15 }, score: 0.8 }; // y 102..120 -> 138
    expect(dropTileEdgeCuts([cut], [top, bottom], 200, 200)).toEqual([]);
  });

  it('treats the panorama seam as an inner edge', () => {
    const a = tile(0, 0, 400, 200);
    const wrapped = tile(650, 0, 400, 200); // runs 650..1050, i.e. on to x = 50
    const atSeam = det(a, 0, 0.05); // px 0..20, likely from -20: inside `wrapped`
    expect(dropTileEdgeCuts([atSeam], [a, wrapped], 1000, 200)).toEqual([]);
    expect(dropTileEdgeCuts([atSeam], [a, tile(300, 0, 400, 200)], 1000, 200)).toHaveLength(1);
  });
});

describe('mergeTileDetections', () => {
  it('splits a seam face into two image boxes and removes duplicates from other scales', () => {
    const seam = tile(3900, 0, 400, 400);
    const coarse = { ...tile(0, 0, 4096, 2048, 500), level: 0 };
    const dets: TileDetection[] = [
      { tile: seam, boxInTile: { x: 0.25, y: 0.5, w: 0.5, h: 0.2 }, score: 0.9 }, // px 4000..4200 -> split
      { tile: seam, boxInTile: { x: 0.26, y: 0.5, w: 0.47, h: 0.2 }, score: 0.7 }, // duplicate of it
      { tile: coarse, boxInTile: { x: 0.5, y: 0.5, w: 0.2, h: 0.4 }, score: 0.8 }, // separate big face
    ];
    const faces = mergeTileDetections(dets, [coarse, seam], 4096, 2048);
    expect(faces.map((f) => [Math.round(f.box.x * 4096), Math.round(f.box.w * 4096), f.score])).toEqual([
      [4000, 96, 0.9],
      [0, 104, 0.9],
      [2048, 819, 0.8],
    ]);
  });
});
