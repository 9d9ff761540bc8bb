// In-page probes for the bench: when every image on screen is covered, and the long tasks on the page's main thread.
import type { Page } from '@playwright/test';

/**
 * Installed before the page's own scripts (a string: tsx's helpers would not exist in the page).
 * `__faceveilCovered()` resolves with performance.now() once every <img> that intersects the viewport is marked
 * 'clear' (faces covered, or none); long tasks are collected from the start. (Long animation frames cannot tell
 * FaceVeil's work apart: they attribute no time to content scripts. Compare with the same page without FaceVeil.)
 */
export const PAGE_PROBE = `(() => {
  const probe = (window.__fvProbe = { longTasks: [] });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const onScreen = (img) => {
    const r = img.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  window.__faceveilCovered = () => new Promise((resolve) => {
    const check = () => {
      const shown = [...document.images].filter(onScreen);
      if (document.readyState !== 'loading' && shown.length && shown.every((img) => img.getAttribute('data-faceveil') === 'clear')) resolve(performance.now());
      else setTimeout(check, 10);
    };
    check();
  });
})();`;

export interface ScreenTimes {
  /** Navigation start to every image of the first screen covered (ms). */
  first: number;
  /** Scrolling one screen down to every image of that screen covered, per later screen (ms). */
  later: number[];
}

export async function timeScreens(page: Page, url: string): Promise<ScreenTimes> {
  await page.goto(url);
  const first = await page.evaluate(() => (window as unknown as { __faceveilCovered(): Promise<number> }).__faceveilCovered());
  const later: number[] = [];
  for (;;) {
    const next = await page.evaluate(async () => {
      if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) return null;
      const started = performance.now();
      scrollBy(0, innerHeight);
      return (await (window as unknown as { __faceveilCovered(): Promise<number> }).__faceveilCovered()) - started;
    });
    if (next === null) break;
    later.push(next);
  }
  return { first, later };
}

export interface LongTasks {
  /** Long tasks (> 50 ms) on the page's main thread, whoever caused them. */
  count: number;
  longestMs: number;
}

export async function longTasks(page: Page): Promise<LongTasks> {
  const probe = await page.evaluate(() => (window as unknown as { __fvProbe: { longTasks: number[] } }).__fvProbe);
  return { count: probe.longTasks.length, longestMs: Math.max(0, ...probe.longTasks) };
}
