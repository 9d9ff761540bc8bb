// Bench: what following a playing video's motion costs the page's main thread per presented frame (lib/video): the cut
// test against the previous frame, and the covers of the frame shown (the picture's shift since the scanned frame, each
// face's patch, what that frame does not explain). Synthetic 64x36 thumbnails of a textured picture panning 0.65 cell a
// frame (195 px/s at 30 fps on a 640-px frame), a scan every 6 frames, 3 faces.
import { performance } from 'node:perf_hooks';
import { coversNow, type Scanned } from '../../lib/video/covers';
import { frameStep, GRID_H, GRID_W, type Shift, type Thumb } from '../../lib/video/motion';

const FRAMES = 3_000;
const SPEED = 0.65;
const SCAN_EVERY = 6;
const FACES = [0.2, 0.45, 0.7].map((x) => ({ x, y: 0.3, w: 0.08, h: 0.18 }));

/** A smooth, busy picture (a few waves at random phases), seen `offset` cells to the right. */
function frameAt(offset: number): Thumb {
  const luma = new Float32Array(GRID_W * GRID_H);
  for (let y = 0; y < GRID_H; y++)
    for (let x = 0; x < GRID_W; x++) {
      const u = x + offset;
      luma[y * GRID_W + x] = 40 * Math.sin(u * 0.7 + y * 0.3) + 30 * Math.sin(u * 0.23 - y * 0.9 + 1) + 25 * Math.cos(u * 1.3 + y * 0.5 + 2);
    }
  return { w: GRID_W, h: GRID_H, luma };
}

/** Mean ms per frame of the cut test and of the covers; `hinted`: each search starts next to the last frame's answer (the product's way). */
function run(frames: Thumb[], hinted: boolean) {
  let [cut, covers, cuts] = [0, 0, 0];
  let scanned: Scanned | null = null;
  let step: Shift | undefined;
  let picture: Shift | undefined;
  for (let i = 1; i < frames.length; i++) {
    let t = performance.now();
    const s = frameStep(frames[i - 1]!, frames[i]!, hinted ? step : undefined);
    cut += performance.now() - t;
    if (s.cut) cuts++;
    step = s;
    if (i % SCAN_EVERY === 1) [scanned, picture] = [{ thumb: frames[i]!, faces: FACES }, undefined];
    t = performance.now();
    picture = coversNow(scanned, frames[i]!, [], true, hinted ? picture : undefined).picture;
    covers += performance.now() - t;
  }
  return { cut: cut / (frames.length - 1), covers: covers / (frames.length - 1), cuts };
}

export function motionBench(out: (s?: string) => void, fmt: (v: number) => string): void {
  const frames = Array.from({ length: FRAMES }, (_, i) => frameAt(i * SPEED));
  run(frames.slice(0, 300), true); // warm-up (JIT)
  const full = run(frames, false);
  const hinted = run(frames, true);
  out(`  following motion, main thread, per presented frame (${FRAMES} synthetic 64x36 frames of a pan; cuts seen: ${hinted.cuts}, expected 0):`);
  out(`    cut test ${fmt(hinted.cut)} ms, covers ${fmt(hinted.covers)} ms (every shift tried each time: ${fmt(full.cut)} and ${fmt(full.covers)} ms)`);
}
