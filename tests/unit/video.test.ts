import { describe, expect, it } from 'vitest';
import { coversNow } from '@/lib/video/covers';
import { frameStep, GRID_H, GRID_W, shiftOf, toThumb, unexplained, type Thumb } from '@/lib/video/motion';
import { frameMediaMs } from '@/lib/video/media-time';
import { wholeBlurReason } from '@/lib/video/policy';
import { FaceTracks, KEEP_MS } from '@/lib/video/tracks';

/** A textured 64x36 thumbnail: `at(x, y)` gives each cell's luma (0-255). */
function grid(at: (x: number, y: number) => number): Thumb {
  const rgba = new Uint8ClampedArray(GRID_W * GRID_H * 4);
  for (let y = 0; y < GRID_H; y++)
    for (let x = 0; x < GRID_W; x++) rgba.fill(at(x, y), (y * GRID_W + x) * 4, (y * GRID_W + x) * 4 + 3);
  return toThumb(rgba, GRID_W, GRID_H);
}
/** A scene with detail everywhere (no two nearby patches alike), seen moved right by `dx` cells (new detail coming in). */
const texture = (x: number, y: number) => 60 + ((Math.imul(x + 1, 73856093) ^ Math.imul(y + 1, 19349663)) >>> 0) % 150;
const scene = (dx: number, extra?: (x: number, y: number) => number | undefined) => grid((x, y) => extra?.(x, y) ?? (x - dx < 0 ? 255 - texture(y, x) : texture(x - dx, y)));
const box = (x: number, y: number, w: number, h: number) => ({ x: x / GRID_W, y: y / GRID_H, w: w / GRID_W, h: h / GRID_H });

describe('scene cuts', () => {
  it('reads luma from RGBA, its mean taken out', () => {
    const t = toThumb(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]), 2, 1);
    expect(t.luma[0]).toBeCloseTo(127.5, 3);
    expect(t.luma[1]).toBeCloseTo(-127.5, 3);
  });

  it('tells a cut from a pan and from a fade', () => {
    const other = grid((x, y) => 255 - texture(y, x));
    expect(frameStep(scene(0), scene(3))).toEqual({ dx: 3, dy: 0, cut: false });
    expect(frameStep(scene(0), grid((x, y) => texture(x, y) * 0.8 + 40)).cut).toBe(false);
    expect(frameStep(scene(0), other).cut).toBe(true);
    // Looked for next to the last step first: the same answers.
    expect(frameStep(scene(0), scene(3), { dx: 2, dy: 0 })).toEqual({ dx: 3, dy: 0, cut: false });
    expect(frameStep(scene(0), scene(3), { dx: -4, dy: 1 })).toEqual({ dx: 3, dy: 0, cut: false });
    expect(frameStep(scene(0), other, { dx: 0, dy: 0 }).cut).toBe(true);
  });
});

describe('face tracks', () => {
  const face = (x: number) => ({ x, y: 0.4, w: 0.1, h: 0.2 });

  it('predicts a face moving at constant speed, its cover grown by what it may have moved', () => {
    const tracks = new FaceTracks();
    tracks.update([face(0.1)], 0);
    tracks.update([face(0.2)], 500); // 0.1 per 500 ms
    const [c] = tracks.coversAt(1000, 100);
    const centre = c!.x + c!.w / 2;
    expect(centre).toBeCloseTo(0.35, 5);
    // Margin (10 % of the face) plus half of 500 ms and the 100 ms of slack at 0.0002 per ms.
    expect(c!.w).toBeCloseTo(0.1 + 2 * (0.01 + 0.0002 * 350), 5);
    expect(c!.y).toBeCloseTo(0.4 - 0.02, 5);
  });

  it('keeps covering a face a detection missed, for a while', () => {
    const tracks = new FaceTracks();
    tracks.update([face(0.1), face(0.6)], 0);
    tracks.update([face(0.1)], 500);
    expect(tracks.size).toBe(2);
    tracks.update([face(0.1)], KEEP_MS + 1);
    expect(tracks.size).toBe(1);
  });

  it('starts a new track for a face far from every other, and forgets all on clear', () => {
    const tracks = new FaceTracks();
    tracks.update([face(0.1)], 0);
    tracks.update([face(0.1), face(0.7)], 200);
    const covers = tracks.coversAt(400, 0);
    expect(covers).toHaveLength(2);
    // The new face has no speed yet: its cover stays where it was seen.
    expect(covers[1]!.x + covers[1]!.w / 2).toBeCloseTo(0.75, 5);
    tracks.clear();
    expect(tracks.coversAt(400, 0)).toEqual([]);
  });
});

describe('whole-video blur', () => {
  it('strict: before the first detection, after a cut, when the detection is too old or much changed since', () => {
    const base = { mode: 'strict' as const, now: 1000, detectedAt: 800, cutSince: false };
    expect(wholeBlurReason(base)).toBeNull();
    expect(wholeBlurReason({ ...base, detectedAt: null })).toBe('not scanned yet');
    expect(wholeBlurReason({ ...base, cutSince: true })).toMatch(/cut/);
    expect(wholeBlurReason({ ...base, now: 2500 })).toMatch(/too old/);
    expect(wholeBlurReason({ ...base, now: -500 })).toMatch(/too old/);
    expect(wholeBlurReason({ ...base, changed: 0.3 })).toBeNull();
    expect(wholeBlurReason({ ...base, changed: 0.5 })).toMatch(/changed/);
  });

  it('both modes: just before a looping video jumps back to its start', () => {
    for (const mode of ['strict', 'smooth'] as const) {
      const base = { mode, now: 1000, detectedAt: 900, cutSince: false };
      expect(wholeBlurReason({ ...base, loopsIn: 500 })).toBeNull();
      expect(wholeBlurReason({ ...base, loopsIn: 40 })).toMatch(/loop/);
    }
  });

  it('smooth: only before the first detection', () => {
    const base = { mode: 'smooth' as const, now: 5000, detectedAt: 800, cutSince: true, changed: 0.9 };
    expect(wholeBlurReason(base)).toBeNull();
    expect(wholeBlurReason({ ...base, detectedAt: null })).toBe('not scanned yet');
  });
});

describe('motion between the scanned frame and the frame shown', () => {
  it('finds how far the picture moved, and where one part went on its own', () => {
    expect(shiftOf(scene(0), scene(5))).toMatchObject({ dx: 5, dy: 0 });
    // A bright face-sized patch moved 6 cells left and 2 down in a still picture.
    const patch = (ox: number, oy: number) => (x: number, y: number) => (x >= ox && x < ox + 5 && y >= oy && y < oy + 5 ? 250 - (x - ox) * 30 - (y - oy) * 7 : undefined);
    const found = shiftOf(scene(0, patch(30, 10)), scene(0, patch(24, 12)), box(30, 10, 5, 5));
    expect(found).toMatchObject({ dx: -6, dy: 2 });
  });

  it('flags what came in at the edge and what changed, not what moved with the picture or lies under a cover', () => {
    const before = scene(0);
    const after = scene(4, (x, y) => (x >= 40 && x < 46 && y >= 20 && y < 26 ? 255 : undefined));
    const { boxes, share } = unexplained(before, after, { dx: 4, dy: 0 }, []);
    // The 4 columns that came in on the left and the 8 of the band along that edge (an eighth of the frame) moved in
    // from it (a face cut off there may have been missed), and the new bright patch, each grown by a cell.
    expect(boxes).toEqual([box(0, 0, 13, GRID_H), box(39, 19, 8, 8)]);
    // (The patch's plain inside shows no face: its edge is what is flagged.)
    expect(share).toBeCloseTo((12 * GRID_H + 20) / (GRID_W * GRID_H), 5);
    // Under a cover, the patch is left to the cover; a change one cell thin (a clock, a ticker) cannot hold a face.
    const thin = scene(0, (_x, y) => (y === GRID_H - 1 ? 255 : undefined));
    expect(unexplained(before, after, { dx: 4, dy: 0 }, [box(38, 18, 10, 10)]).boxes).toEqual([box(0, 0, 13, GRID_H)]);
    expect(unexplained(before, thin, { dx: 0, dy: 0 }, []).boxes).toEqual([]);
    // Plain black coming in at the edge shows no face: only the band next to it is flagged.
    const bars = grid((x, y) => (x < 4 ? 0 : texture(x - 4, y)));
    expect(unexplained(before, bars, { dx: 4, dy: 0 }, []).boxes).toEqual([box(2, 0, 11, GRID_H)]);
  });

  it('flags the band along the edge a pan comes in from, even on the scanned frame itself', () => {
    // Nothing moved since the scan, but the picture was panning right: a face half in at the left edge may be missed.
    expect(unexplained(scene(0), scene(0), { dx: 0, dy: 0 }, []).boxes).toEqual([]);
    expect(unexplained(scene(0), scene(0), { dx: 0, dy: 0 }, [], { dx: 2, dy: 0 }).boxes).toEqual([box(0, 0, 9, GRID_H)]);
    // Panning up: the bottom band (an eighth of 36 cells, rounded: 5), grown by a cell.
    expect(unexplained(scene(0), scene(0), { dx: 0, dy: 0 }, [], { dx: 0, dy: -1 }).boxes).toEqual([box(0, GRID_H - 6, GRID_W, 6)]);
    // A cover there takes the band's place.
    expect(unexplained(scene(0), scene(0), { dx: 0, dy: 0 }, [box(0, 0, 8, GRID_H)], { dx: 2, dy: 0 }).boxes).toEqual([]);
  });

  it('covers each face where the picture took it and where it went on its own, besides the prediction', () => {
    const face = box(20, 10, 5, 6);
    const covers = coversNow({ thumb: scene(0), faces: [face] }, scene(3), [face], true);
    // The prediction (the face where it was) and the face moved with the picture, grown by a cell and a tenth.
    expect(covers.faces).toHaveLength(2);
    const withPicture = covers.faces[1]!;
    expect(withPicture.x).toBeCloseTo(face.x + 3 / GRID_W - 1 / GRID_W - face.w * 0.1, 5);
    expect(withPicture.w).toBeCloseTo(face.w * 1.2 + 2 / GRID_W, 5);
    // The columns that came in, and the band along the edge, are unknown; in smooth mode nothing is.
    expect(covers.unknown).toEqual([box(0, 0, 12, GRID_H)]);
    expect(coversNow({ thumb: scene(0), faces: [face] }, scene(3), [face], false).unknown).toEqual([]);
  });
});

describe('media time of a presented frame', () => {
  it('is the frame callback\'s time, folded back into the video when a browser counts on across a loop (Firefox)', () => {
    expect(frameMediaMs(1.5, 3, true)).toBe(1500);
    expect(frameMediaMs(3.213, 3.006, true)).toBeCloseTo(207, 6);
    expect(frameMediaMs(3.213, 3.006, false)).toBe(3213); // not looping: nothing to fold
    expect(frameMediaMs(7.5, Infinity, true)).toBe(7500); // a stream: no end to fold at
    expect(frameMediaMs(2, NaN, true)).toBe(2000); // no metadata yet
  });
});
