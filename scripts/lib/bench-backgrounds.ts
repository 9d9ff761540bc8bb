// Bench section "backgrounds": what looking at every element's CSS background costs a large page (load, a class
// change on <body> that restyles everything), with and without FaceVeil.
import type { Page } from '@playwright/test';
import { launch } from '../../tests/e2e/support/browser';
import type { FixtureServer } from '../../tests/e2e/support/server';
import { longTasks, PAGE_PROBE } from './page-timing';

const CARDS = 3000;
const PHOTO_EVERY = 50;
const PHOTOS = ['faceapi__sample1', 'yolov5__zidane', 'dlib__2008_001322', 'face_recognition__two_people', 'insightface__t1'];

function pageHtml(): string {
  const cards = Array.from({ length: CARDS }, (_, i) => {
    const photo = i % PHOTO_EVERY === 0 ? ` photo" style="background-image: url('/data/group/${PHOTOS[(i / PHOTO_EVERY) % PHOTOS.length]}.jpg')` : '';
    return `<div class="card${photo}"><span>Card ${i}</span> <span>some text</span> <span>more text</span></div>`;
  }).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 14px sans-serif; }
.grid { display: grid; grid-template-columns: repeat(6, 200px); gap: 6px; }
.card { height: 130px; padding: 6px; border-radius: 6px; background: linear-gradient(#f4f4f4, #e4e4e4); }
.card.photo { background-position: center; background-size: cover; }
.alt .card { outline: 1px solid #bbb; }
</style></head><body><div class="grid">${cards}</div></body></html>`;
}

// In-page code as strings: tsx would wrap named functions in a helper the page does not have.
const FIRST_SCREEN = `new Promise((resolve) => {
  const check = () => {
    const shown = [...document.querySelectorAll('.photo')].filter((el) => el.getBoundingClientRect().top < innerHeight);
    if (shown.length && shown.every((el) => /\\bbox\\b/.test(el.getAttribute('data-faceveil-bg') ?? ''))) resolve(performance.now());
    else setTimeout(check, 10);
  };
  check();
})`;

const TOGGLES = (n: number) => `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const out = [];
  for (let i = 0; i < ${n}; i++) {
    await frame();
    const t = performance.now();
    document.body.classList.toggle('alt');
    await frame();
    await frame();
    out.push(performance.now() - t);
  }
  return out;
})()`;

/** Navigation start to every photo card on the first screen shown with its faces covered (ms). */
async function firstScreen(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(FIRST_SCREEN) as Promise<number>;
}

/** Median and longest time from toggling a class on <body> to the second frame after it (ms), over `n` toggles. */
async function toggles(page: Page, n: number): Promise<{ median: number; max: number }> {
  const times = (await page.evaluate(TOGGLES(n))) as number[];
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

export async function backgroundsBench(server: FixtureServer, out: (s: string) => void, fmt: (v: number) => string): Promise<void> {
  server.put('bench-backgrounds.html', Buffer.from(pageHtml()), 'text/html');
  const url = `${server.origin}/gen/bench-backgrounds.html`;
  out(`CSS backgrounds (${CARDS} cards, ${CARDS * 4} elements, a photo background on every ${PHOTO_EVERY}th card, 1280x800 window):`);
  for (const extension of [true, false]) {
    const context = await launch({ extension, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(PAGE_PROBE);
      if (extension) {
        await page.goto(`${server.origin}/pages/blank.html`); // the detector loads once, before the measured load
        out(`  with FaceVeil: first screen's photo backgrounds shown, faces covered, ${fmt(await firstScreen(page, url))} ms after navigation`);
      } else {
        await page.goto(url);
        await page.waitForLoadState('load');
      }
      const tasks = await longTasks(page);
      const t = await toggles(page, 20);
      out(
        `  ${extension ? 'with' : 'without'} FaceVeil: long tasks during load ${tasks.count} (longest ${fmt(tasks.longestMs)} ms); ` +
          `class toggled on <body> to the second frame after it: median ${fmt(t.median)} ms, longest ${fmt(t.max)} ms`,
      );
    } finally {
      await context.close();
    }
  }
}
