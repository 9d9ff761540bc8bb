// An animated picture (APNG) shows other faces in other frames: every frame's faces stay covered while it plays.
import type { Page } from '@playwright/test';
import { writeApng } from './support/apng';
import { expect, test } from './support/fixtures';
import { pageUrl, shoot } from './support/helpers';
import { label } from './support/labels';
import { core, laplacianVariance, type Region } from './support/sharpness';

const [W, H] = [640, 400];
const FRAMES = ['group/face_recognition__two_people.jpg', 'group/yolov5__zidane.jpg'];

/** Each photo stretched to W x H, as RGBA pixels, drawn in the browser (Node has no JPEG decoder here). */
async function framePixels(page: Page): Promise<Uint8Array[]> {
  const frames = await page.evaluate(async ({ files, W, H }) => {
    const out: string[] = [];
    for (const file of files) {
      const photo = await createImageBitmap(await (await fetch(`/data/${file}`)).blob());
      const ctx = new OffscreenCanvas(W, H).getContext('2d')!;
      ctx.drawImage(photo, 0, 0, W, H);
      const bytes = ctx.getImageData(0, 0, W, H).data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push(btoa(binary));
    }
    return out;
  }, { files: FRAMES, W, H });
  return frames.map((f) => new Uint8Array(Buffer.from(f, 'base64')));
}

/** Every labelled face of every frame, where the page shows the animation. */
function allFaces(at: { x: number; y: number }): Region[] {
  return FRAMES.flatMap((file) => {
    const l = label(file);
    return l.faces.filter((f) => !f.ignore).map((f) => ({ x: at.x + (f.x * W) / l.width, y: at.y + (f.y * H) / l.height, w: (f.w * W) / l.width, h: (f.h * H) / l.height }));
  });
}

for (const origin of ['same-origin', 'cross-origin'] as const) {
  test(`an animated PNG (${origin}): the faces of every frame stay covered while it plays`, async ({ page, baseline, server }) => {
    const helper = await baseline.newPage();
    await helper.goto(pageUrl(server, 'blank.html'));
    const frames = await framePixels(helper);
    await helper.close();
    server.put(`animated-${origin}.png`, writeApng(frames, W, H, 300), 'image/png');
    frames.forEach((f, i) => server.put(`still-${i}.png`, writeApng([f], W, H, 300), 'image/png'));
    const src = `${origin === 'same-origin' ? '' : server.crossOrigin}/gen/animated-${origin}.png`;
    const body = (name: string) => `<!doctype html><style>body{margin:0} img{display:block}</style><img id="anim" src="${name}" width="${W}" height="${H}">`;
    // Served from the fixture server itself: a page fulfilled by the test would count as public, and Chrome then
    // refuses it images from a loopback address.
    server.put(`animated-${origin}.html`, Buffer.from(body(src)), 'text/html');
    await page.goto(`${server.origin}/gen/animated-${origin}.html`);
    await expect(page.locator('#anim')).toHaveAttribute('data-faceveil', 'clear', { timeout: 20_000 });

    // How sharp each face region is in the stills (without FaceVeil): the cover must be far below both.
    const stills = await baseline.newPage();
    const sharpest = new Map<number, number>();
    const faces = allFaces({ x: 0, y: 0 });
    for (const i of [0, 1]) {
      server.put(`still-${i}.html`, Buffer.from(body(`/gen/still-${i}.png`)), 'text/html');
      await stills.goto(`${server.origin}/gen/still-${i}.html`);
      await expect.poll(() => stills.locator('#anim').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const shot = await shoot(stills);
      faces.forEach((f, k) => sharpest.set(k, Math.max(sharpest.get(k) ?? 0, laplacianVariance(shot, core(f)))));
    }
    await stills.close();
    let worst = 0;
    for (let t = 0; t < 8; t++) {
      const shot = await shoot(page);
      faces.forEach((f, k) => (worst = Math.max(worst, laplacianVariance(shot, core(f)) / sharpest.get(k)!)));
      await page.waitForTimeout(170);
    }
    console.log(`${origin} APNG, ${faces.length} faces over 2 frames, 8 screenshots: worst face sharpness ratio ${worst.toFixed(3)}`);
    expect(worst).toBeLessThan(0.35);
  });
}
