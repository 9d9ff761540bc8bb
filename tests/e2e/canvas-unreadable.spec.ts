// Canvases FaceVeil cannot look into (a worker draws them; raw decoded bytes, a GPU-compressed photo or video frames
// uploaded to WebGL) are blurred whole while it is on for the site, and shown as they are once the site is switched off.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startAgain } from './support/faults';
import { BLURRED, SHARP, openBaseline, pageUrl, resetSettings, setSettings, shoot } from './support/helpers';
import { core, laplacianVariance } from './support/sharpness';

const CANVASES = ['#worker', '#bytes', '#compressed', '#video'];

async function sharpness(page: Page, id: string): Promise<number> {
  const png = await shoot(page.locator(id));
  return laplacianVariance(png, core({ x: 0, y: 0, w: png.width, h: png.height }, 0.9));
}

test('a canvas drawn by a worker, one fed raw pixel bytes, one with a compressed texture and one with video frames are blurred whole; the site switch shows them, also after a second start', async ({ page, context, baseline, server }) => {
  const url = pageUrl(server, 'canvas-unreadable.html');
  const ready = (p: Page) => p.waitForFunction(() => (window as unknown as { drawn?: boolean }).drawn === true, null, { timeout: 30_000 });
  await page.goto(url);
  await ready(page);
  const base = await openBaseline(baseline, url);
  await ready(base);
  const ratios: string[] = [];
  for (const id of CANVASES) {
    await expect(page.locator(id)).toHaveAttribute('data-faceveil-canvas', 'whole');
    const ratio = (await sharpness(page, id)) / (await sharpness(base, id));
    ratios.push(`${id} ${ratio.toFixed(3)}`);
    expect(ratio, `${id} blurred whole`).toBeLessThan(BLURRED);
  }
  // FaceVeil started a second time in the tab (as when it is installed while the page loads): the new copy takes the
  // texture bridge over, so the site switch still reaches the page's world.
  await startAgain(context, url);
  await setSettings(context, { disabledSites: ['127.0.0.1'] });
  for (const id of CANVASES) {
    await expect(page.locator(id)).not.toHaveAttribute('data-faceveil-canvas', 'whole');
    const ratio = (await sharpness(page, id)) / (await sharpness(base, id));
    ratios.push(`${id} off ${ratio.toFixed(3)}`);
    expect(ratio, `${id} as it is with the site switched off`).toBeGreaterThan(SHARP);
  }
  console.log(`unreadable canvases, whole sharpness with FaceVeil / without: ${ratios.join(', ')}`);
  await resetSettings(context);
  await base.close();
});
