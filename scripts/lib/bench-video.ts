// Bench section "video": what playing videos cost with FaceVeil. A pan across a group photo is recorded in the browser
// (tests/e2e/pages/assets/video-make.js, 640x360, 30 fps), then played by 1 and 2 videos at once for WINDOW_MS: the
// detections per second each video gets, the detector's time per scan, frames the player dropped, and the CPU time of
// the page's and the extension's renderers (% of one core), with and without FaceVeil; and a video out of sight.
import type { BrowserContext, Page } from '@playwright/test';
import { launch } from '../../tests/e2e/support/browser';
import { generateVideo } from '../../tests/e2e/support/generate';
import type { FixtureServer } from '../../tests/e2e/support/server';
import type { Scene } from '../../tests/e2e/support/video-frames';
import { motionBench } from './bench-motion';
import { OffscreenProbe } from './offscreen-cdp';
import { processes, sum } from './process-stats';

const PHOTO = 'group/faceapi__sample1.jpg';
/** Still, then a pan right and back: faces always in view, moving most of the time. */
const SCENES: Scene[] = [
  { photo: PHOTO, ms: 1_000, x0: 0, x1: 0 },
  { photo: PHOTO, ms: 3_000, x0: 0, x1: 120 },
  { photo: PHOTO, ms: 2_000, x0: 120, x1: 0 },
];
const WARM_MS = 4_000;
const WINDOW_MS = 10_000;

// In-page code as strings: tsx would wrap named functions in a helper the page does not have.
const READY = `new Promise((resolve) => { const t = setInterval(() => window.videoReady && (clearInterval(t), resolve()), 50); })`;
const ADD_VIDEO = `(async () => {
  const v = document.createElement('video');
  Object.assign(v, { muted: true, loop: true, src: document.getElementById('v').src });
  v.style.cssText = 'display: block; width: 640px; height: 360px';
  document.body.append(v);
  await v.play();
})()`;
/** Puts the videos a screen and more below the fold (the page scrolled to its top). */
const OUT_OF_SIGHT = `document.body.prepend(Object.assign(document.createElement('div'), { style: 'height: 2000px' }))`;
const FRAMES = `[...document.querySelectorAll('video')].reduce((t, v) => {
  const q = v.getVideoPlaybackQuality();
  return { total: t.total + q.totalVideoFrames, dropped: t.dropped + q.droppedVideoFrames };
}, { total: 0, dropped: 0 })`;

interface Figures {
  pageCpu: number;
  extensionCpu: number;
  dropped: number;
  frames: number;
  scans: number;
  scanMs: number;
}

async function scanStats(context: BrowserContext): Promise<{ count: number; ms: number }> {
  const probe = await OffscreenProbe.attach(context);
  const { result } = await probe.call<{ result: { value: string } }>('Runtime.evaluate', { expression: 'JSON.stringify(globalThis.faceveilScanStats)', returnByValue: true });
  return JSON.parse(result.value) as { count: number; ms: number };
}

async function play(context: BrowserContext, url: string, videos: number, faceVeil: boolean, inSight = true): Promise<Figures> {
  const page: Page = await context.newPage();
  try {
    await page.goto(url);
    await page.evaluate(READY);
    for (let i = 1; i < videos; i++) await page.evaluate(ADD_VIDEO);
    if (!inSight) await page.evaluate(OUT_OF_SIGHT);
    await page.waitForTimeout(WARM_MS);
    const [p0, f0, s0] = [await processes(context), (await page.evaluate(FRAMES)) as { total: number; dropped: number }, faceVeil ? await scanStats(context) : null];
    await page.waitForTimeout(WINDOW_MS);
    const [p1, f1, s1] = [await processes(context), (await page.evaluate(FRAMES)) as { total: number; dropped: number }, faceVeil ? await scanStats(context) : null];
    const share = (kind: 'page' | 'extension') => (100 * (sum(p1, kind, 'cpuMs') - sum(p0, kind, 'cpuMs'))) / WINDOW_MS;
    const scans = s0 && s1 ? s1.count - s0.count : 0;
    return {
      pageCpu: share('page'),
      extensionCpu: share('extension'),
      frames: f1.total - f0.total,
      dropped: f1.dropped - f0.dropped,
      scans,
      scanMs: scans > 0 ? (s1!.ms - s0!.ms) / scans : NaN,
    };
  } finally {
    await page.close();
  }
}

export async function videoBench(server: FixtureServer, out: (s?: string) => void, fmt: (v: number) => string): Promise<void> {
  out(`playing videos (640x360 VP8 pan across a group photo; ${WINDOW_MS / 1000} s after ${WARM_MS / 1000} s of warm-up; CPU as % of one core):`);
  motionBench(out, fmt);
  const withFaceVeil = await launch({ extension: true });
  const without = await launch({ extension: false });
  try {
    const src = await generateVideo(without, server, 'bench-pan.webm', SCENES);
    const url = `${server.origin}/pages/video.html?src=${encodeURIComponent(src)}`;
    for (const videos of [1, 2]) {
      const ext = await play(withFaceVeil, url, videos, true);
      const base = await play(without, url, videos, false);
      const seconds = WINDOW_MS / 1000;
      out(
        `  ${videos} video${videos > 1 ? 's' : ''}: ${fmt(ext.scans / seconds / videos)} detections/s per video (${fmt(ext.scanMs)} ms each); ` +
          `frames shown ${ext.frames}, dropped ${ext.dropped} (without FaceVeil ${base.frames}, ${base.dropped}); ` +
          `CPU page ${fmt(ext.pageCpu)} % + extension ${fmt(ext.extensionCpu)} % (without FaceVeil: page ${fmt(base.pageCpu)} %), ` +
          `FaceVeil's share per video ${fmt((ext.pageCpu + ext.extensionCpu - base.pageCpu) / videos)} %`,
      );
    }
    const hidden = await play(withFaceVeil, url, 1, true, false);
    out(`  1 video out of sight: ${fmt(hidden.scans / (WINDOW_MS / 1000))} detections/s; CPU page ${fmt(hidden.pageCpu)} % + extension ${fmt(hidden.extensionCpu)} %`);
  } finally {
    await withFaceVeil.close();
    await without.close();
  }
}
