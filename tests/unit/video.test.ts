import { describe, expect, it } from 'vitest';
import { CUT_THRESHOLD, isCut, luma, thumbDifference } from '@/lib/video/cut';
import { wholeBlurReason } from '@/lib/video/policy';
import { FaceTracks, KEEP_MS } from '@/lib/video/tracks';

const thumb = (f: (i: number) => number) => Float32Array.from({ length: 144 }, (_, i) => f(i));

describe('scene cuts', () => {
  it('reads luma from RGBA', () => {
    expect([...luma(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]))].map(Math.round)).toEqual([255, 0]);
  });

  it('tells a cut from motion and from a fade', () => {
    const scene = thumb((i) => (i * 37) % 200);
    const moved = thumb((i) => ((i + 1) * 37) % 200 * 0.1 + ((i * 37) % 200) * 0.9);
    const faded = thumb((i) => ((i * 37) % 200) * 0.9 + 30);
    const other = thumb((i) => 255 - ((i * 53) % 220));
    expect(isCut(scene, moved)).toBe(false);
    expect(thumbDifference(scene, faded)).toBeLessThan(CUT_THRESHOLD);
    expect(isCut(scene, other)).toBe(true);
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
  it('strict: before the first detection, after a cut, and when the detection is too old', () => {
    const base = { mode: 'strict' as const, now: 1000, detectedAt: 800, cutSince: false };
    expect(wholeBlurReason(base)).toBeNull();
    expect(wholeBlurReason({ ...base, detectedAt: null })).toBe('not scanned yet');
    expect(wholeBlurReason({ ...base, cutSince: true })).toMatch(/cut/);
    expect(wholeBlurReason({ ...base, now: 2500 })).toMatch(/too old/);
    expect(wholeBlurReason({ ...base, now: -500 })).toMatch(/too old/);
  });

  it('smooth: only before the first detection', () => {
    const base = { mode: 'smooth' as const, now: 5000, detectedAt: 800, cutSince: true };
    expect(wholeBlurReason(base)).toBeNull();
    expect(wholeBlurReason({ ...base, detectedAt: null })).toBe('not scanned yet');
  });
});
