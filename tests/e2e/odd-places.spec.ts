// Photos where FaceVeil used not to reach: frames with opaque origins (data:, blob:, sandboxed srcdoc), a closed shadow
// root, an SVG file wrapping a photo, and a tiny file shown large. Each is scanned and its faces blurred on screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { pageUrl, shoot } from './support/helpers';
import { label } from './support/labels';
import { DATA_DIR, type FixtureServer } from './support/server';
import { core, laplacianVariance, type Region } from './support/sharpness';

/** The labelled faces of `file`, shown `width` px wide with its top-left corner at `at` (viewport px). */
function facesAt(file: string, at: { x: number; y: number }, width: number): Region[] {
  const l = label(file);
  const k = width / l.width;
  return l.faces.filter((f) => !f.ignore).map((f) => ({ x: at.x + f.x * k, y: at.y + f.y * k, w: f.w * k, h: f.h * k }));
}

async function makeAssets(server: FixtureServer, baseline: BrowserContext): Promise<void> {
  const jpeg = readFileSync(join(DATA_DIR, 'group/insightface__t1.jpg')).toString('base64');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="886"><image href="data:image/jpeg;base64,${jpeg}" width="1280" height="886"/></svg>`;
  server.put('wrapped.svg', Buffer.from(svg), 'image/svg+xml');
  // One face of a photo as a 39 x 39 file.
  const page = await baseline.newPage();
  await page.goto(pageUrl(server, 'blank.html'));
  const png = await page.evaluate(async () => {
    const photo = await createImageBitmap(await (await fetch('/data/group/face_recognition__two_people.jpg')).blob());
    const canvas = new OffscreenCanvas(39, 39);
    canvas.getContext('2d')!.drawImage(photo, 200, 0, 215, 240, 0, 0, 39, 39); // the left face, with some hair and neck
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  });
  await page.close();
  server.put('tiny-face.png', Buffer.from(png, 'base64'), 'image/png');
}

const where = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

// Known, not yet understood (README, known limitations): in CI's full runs, about one run in three to eight, the
// sandboxed srcdoc frame's faces measured sharp (1.05, 1.01, the same figures every time) although its image was marked
// scanned and its cover sat visible on it; never seen in runs of this file alone. The reference page is now waited for
// until every photo in it is decoded (it may have been the one missing its photo), and each line prints the
// reference's own detail, which tells the two apart. One retry, in a fresh browser, until full runs confirm it; a
// failure that repeats still fails, and the first attempt's diagnostics stay in the output.
test.describe.configure({ retries: 1 });

test('photos in opaque-origin frames, a closed shadow root, an SVG wrapper and a tiny file shown large are covered', async ({ page, baseline, server }) => {
  await makeAssets(server, baseline);
  const url = pageUrl(server, 'odd-places.html');
  await page.goto(url);
  const marked = (frame: string | null, id: string) =>
    frame ? page.frameLocator(frame).locator(id).getAttribute('data-faceveil') : page.locator(id).getAttribute('data-faceveil');
  for (const [frame, id] of [['#data-frame', '#a'], ['#srcdoc-frame', '#b'], ['#blob-frame', '#c'], [null, '#svg'], [null, '#tiny']] as const) {
    await expect.poll(() => marked(frame, id), { timeout: 20_000, message: `${frame ?? ''} ${id} scanned` }).toBe('clear');
  }
  await page.waitForTimeout(1_000); // the closed shadow root's mark cannot be read from the page: give it time too
  const base = await baseline.newPage();
  await base.goto(url);
  await base.waitForLoadState('load');
  // The reference must show every photo: in a full run the sandboxed srcdoc frame's photo could still be missing from
  // it after the load event and half a second (its blank region then matched the covered one: ratios 1.05, 1.01).
  for (const frame of base.frames()) {
    await frame.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 20_000 });
    await frame.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
  }
  await base.waitForTimeout(500);
  const [ext, without] = [await shoot(page), await shoot(base)];

  const places: [string, Region[]][] = [
    ['data: frame', facesAt('group/face_recognition__two_people.jpg', await where(page, '#data-frame'), 420)],
    ['sandboxed srcdoc frame', facesAt('group/yolov5__zidane.jpg', await where(page, '#srcdoc-frame'), 420)],
    ['blob: frame', facesAt('group/faceapi__sample1.jpg', await where(page, '#blob-frame'), 420)],
    ['closed shadow root', facesAt('group/dlib__2008_001322.jpg', await where(page, '#card'), 420)],
    ['SVG wrapping a photo', facesAt('group/insightface__t1.jpg', await where(page, '#svg'), 420)],
  ];
  const tiny = await where(page, '#tiny');
  places.push(['39-px file shown 300 px', [{ x: tiny.x + 60, y: tiny.y + 40, w: 180, h: 200 }]]);
  // Where each frame's covers are against its image (read when a place fails, to tell a missing cover from a misplaced one).
  const coverBoxes = async () => {
    const out: string[] = [];
    for (const frame of page.frames()) {
      const boxes = await frame
        .evaluate(() =>
          [...document.querySelectorAll('img, faceveil-overlay')].map((e) => {
            const r = e.getBoundingClientRect();
            const shown = e.localName === 'img' ? '' : ` ${getComputedStyle(e).visibility}`;
            return `${e.localName}#${e.id} ${e.getAttribute('data-faceveil') ?? ''} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}${shown}`;
          }),
        )
        .catch((e: unknown) => [`unreadable: ${String(e)}`]);
      out.push(`${frame.url().slice(0, 40)}: ${boxes.join('; ')}`);
    }
    return out.join('\n');
  };
  // The canvases inside each cover's closed shadow root, per frame (DevTools protocol: pages cannot see them).
  const coverCanvases = async () => {
    const out: string[] = [];
    for (const frame of page.frames()) {
      const session = await page.context().newCDPSession(frame).catch(() => null);
      if (!session) continue; // a frame in the page's own process: the page's session below covers it
      out.push(`${frame.url().slice(0, 40)}: ${await canvasesIn(session)}`);
      await session.detach().catch(() => undefined);
    }
    const own = await page.context().newCDPSession(page);
    out.push(`page and its in-process frames: ${await canvasesIn(own)}`);
    await own.detach().catch(() => undefined);
    return out.join('\n');
  };
  for (const [name, faces] of places) {
    const ratios = faces.map((f) => laplacianVariance(ext, core(f)) / laplacianVariance(without, core(f)));
    const detail = faces.map((f) => laplacianVariance(without, core(f)).toFixed(0));
    console.log(`${name}: ${ratios.map((r) => r.toFixed(3)).join(', ')} (detail without FaceVeil ${detail.join(', ')})`);
    expect(ratios.length, name).toBeGreaterThan(0);
    if (ratios.some((r) => r >= 0.35)) {
      console.log(`${name} not covered; images and covers per frame:\n${await coverBoxes()}\ncanvases in covers:\n${await coverCanvases()}`);
      // A cover that comes late and one that never shows fail alike; the second look tells them apart.
      await page.waitForTimeout(2_000);
      const again = await shoot(page);
      console.log(`  2 s later: ${faces.map((f) => (laplacianVariance(again, core(f)) / laplacianVariance(without, core(f))).toFixed(3)).join(', ')}`);
    }
    for (const r of ratios) expect(r, name).toBeLessThan(0.35);
  }
  await base.close();
});

interface DomNode {
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** Every <canvas> inside a faceveil-overlay's shadow root, as its style and backing size. */
async function canvasesIn(session: import('@playwright/test').CDPSession): Promise<string> {
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true }).catch(() => ({ root: null }))) as { root: DomNode | null };
  if (!root) return 'unreadable';
  const found: string[] = [];
  const walk = (node: DomNode, inCover: boolean) => {
    const cover = inCover || node.nodeName === 'FACEVEIL-OVERLAY';
    if (cover && node.nodeName === 'CANVAS') {
      const a = Object.fromEntries((node.attributes ?? []).reduce<[string, string][]>((acc, v, i, all) => (i % 2 ? acc : [...acc, [v, all[i + 1]!]]), []));
      found.push(`${a.width ?? '?'}x${a.height ?? '?'} "${a.style ?? ''}"`);
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child, cover);
    if (node.contentDocument) walk(node.contentDocument, false);
  };
  walk(root, false);
  return found.length ? found.join('; ') : 'none';
}
