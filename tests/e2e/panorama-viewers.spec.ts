// 360° panoramas in real WebGL viewers (from npm): every labelled face blurred when the view is turned to it, the rest of
// the panorama as sharp as without FaceVeil, and no frame painted from navigation on showing a face sharp.
import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import { expect, test } from './support/fixtures';
import { BLURRED, compareImage, pageUrl, shoot, tabIdOf, worker } from './support/helpers';
import { generateMultires } from './support/generate';
import type { FixtureServer } from './support/server';
import { label, type LabelFace } from './support/labels';
import { VIEWERS, centreCore, centreOf, lookAt, watchFrames, whenReady, type Viewer } from './support/panorama';
import { detailMatch, laplacianVariance, patchesAvoiding, type Region } from './support/sharpness';

const PANO = 'synthetic/syn_s_4096x2048_h1-25_0.jpg';
/** Smaller than the suite's window: SwiftShader draws every frame on the CPU, and a viewer drawing 60 a second is costly. */
const VIEWPORT = { width: 800, height: 500 };
const FACES = label(PANO).faces.filter((f) => !f.ignore);
/** Turned so that this face straddles the 0°/360° seam. */
const SEAM_FACE = FACES[3]!;
const SEAM_ROLL = label(PANO).width - SEAM_FACE.x - Math.round(SEAM_FACE.w / 2);
/** A frame showing a face's detail at least this much like the sharp picture showed it sharp. */
const SHARP_MATCH = 0.5;
/** A face turned to must show less of its detail than this (a sharp one shows ~1, a covered one ~0.1 or less). */
const BLURRED_MATCH = 0.35;

/** Mean detail match, against the page without FaceVeil, of patches away from the face at the centre: ~1 when sharp. */
function awayMatch(shown: PNG, reference: PNG, face: Region): number {
  const patches = patchesAvoiding(reference, [{ x: face.x - face.w, y: face.y - face.h, w: face.w * 3, h: face.h * 3 }], 48);
  const detailed = patches.filter((p) => laplacianVariance(reference, p) > 20);
  return detailed.reduce((sum, p) => sum + detailMatch(shown, reference, p), 0) / Math.max(1, detailed.length);
}

/**
 * Which labelled faces FaceVeil covers when the same picture is a plain <img> (the detector misses a few faces in any
 * picture): the viewers must blur exactly those. Measured once per worker.
 */
let coveredAsImage: Promise<Set<LabelFace>> | undefined;
function facesCoveredAsImage(page: Page, base: Page, server: FixtureServer): Promise<Set<LabelFace>> {
  coveredAsImage ??= (async () => {
    const url = `${pageUrl(server, 'pano-image.html')}?img=${encodeURIComponent(PANO)}`;
    await Promise.all([page.goto(url), base.goto(url)]);
    await expect(page.locator('#pano')).toHaveAttribute('data-faceveil', 'clear', { timeout: 60_000 });
    const c = await compareImage(page.locator('#pano'), base.locator('#pano'), 20);
    return new Set(c.ratios.filter((r) => r.ratio < BLURRED).map((r) => r.face.face));
  })();
  return coveredAsImage;
}

async function open(page: Page, url: string): Promise<void> {
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await whenReady(page);
}

for (const viewer of VIEWERS) {
  test(`${viewer.name}: faces blurred from every angle, never a sharp frame, the rest sharp`, async ({ page, context, baseline, server }) => {
    test.setTimeout(180_000);
    const base = await baseline.newPage();
    const expected = await facesCoveredAsImage(page, base, server);
    await checkViewer(viewer, page, base, pageUrl(server, viewer.page), { img: PANO, ...viewer.params }, expected);
    // The toolbar badge counts the panorama's faces (the texture's; the page has no image).
    const tabId = await tabIdOf(context, page);
    const badge = await (await worker(context)).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    console.log(`${viewer.name}: badge ${badge}`);
    expect(Number(badge)).toBeGreaterThanOrEqual(expected.size);
  });
}

test('a face across the 0°/360° seam is blurred whole (Pannellum)', async ({ page, baseline, server }) => {
  test.setTimeout(120_000);
  const base = await baseline.newPage();
  await checkViewer(VIEWERS[0]!, page, base, pageUrl(server, VIEWERS[0]!.page), { img: PANO, roll: String(SEAM_ROLL) }, new Set([SEAM_FACE]), [SEAM_FACE]);
});

test('a face across a cube edge is blurred on both sides (Pannellum cube map: faces scanned padded with their neighbours)', async ({ page, baseline, server }) => {
  test.setTimeout(120_000);
  const cube = VIEWERS.find((v) => v.params?.cube)!;
  // The edge between the front and the right face (u = 0.625) cuts the face a quarter of its width from its left side:
  // alone, that sliver is too little of a face to be found.
  const cut = { u: 0.625, side: 0.25 };
  const url = `${pageUrl(server, cube.page)}?${new URLSearchParams({ img: PANO, roll: String(rollFor(cut)), ...cube.params })}`;
  await checkCutFace('cube edge', page, await baseline.newPage(), url, cut, cube.fov);
});

test('a face across a tile edge is blurred on both sides (Pannellum multires: tiles scanned padded with their neighbours)', async ({ page, context, baseline, server }) => {
  test.setTimeout(150_000);
  const pannellum = VIEWERS[0]!;
  // 256-px tiles on 1024-px faces; at this field of view Pannellum shows the finest level, whose column edge at the
  // front face's centre (u = 0.5) cuts the face a quarter of its width from its left side.
  const cut = { u: 0.5, side: 0.25 };
  const roll = rollFor(cut);
  const multires = await generateMultires(context, server, { img: PANO, roll, tile: 256 });
  const url = `${pageUrl(server, pannellum.page)}?${new URLSearchParams({ multires, tile: '256', face: String(label(PANO).width / 4) })}`;
  await checkCutFace('tile edge', page, await baseline.newPage(), url, cut, pannellum.fov);
});

/** How far to turn the panorama so that the edge at `u` cuts SEAM_FACE a fraction `side` of its width from its left. */
function rollFor(cut: { u: number; side: number }): number {
  return Math.round(cut.u * label(PANO).width - (SEAM_FACE.x + SEAM_FACE.w * cut.side));
}

/**
 * Looks straight at SEAM_FACE where an edge at `cut.u` cuts it (the centre of the view): no frame from navigation shows
 * it sharp, and once the face-only texture is up (the rest as sharp as without FaceVeil) both parts stay blurred.
 */
async function checkCutFace(what: string, page: Page, base: Page, url: string, cut: { u: number; side: number }, fov: number): Promise<void> {
  const { width, height } = label(PANO);
  const { u } = cut;
  const v = (SEAM_FACE.y + SEAM_FACE.h / 2) / height;
  const view = `${url}&${new URLSearchParams({ u: String(u), v: String(v), fov: String(fov) })}`;
  await open(base, view);
  const ppd = await lookAt(base, u, v, fov);
  const reference = await shoot(base);
  const w = (SEAM_FACE.w / width) * 360 * ppd;
  const h = (SEAM_FACE.h / height) * 180 * ppd;
  const [cx, cy] = [VIEWPORT.width / 2, VIEWPORT.height / 2];
  const parts = { 'small side': { x: cx - cut.side * w, y: cy - h / 2, w: cut.side * w, h }, 'large side': { x: cx, y: cy - h / 2, w: (1 - cut.side) * w, h } };
  const face = { x: cx - cut.side * w, y: cy - h / 2, w, h };
  const frames = await watchFrames(page, reference, Object.values(parts));
  await open(page, view);
  await expect
    .poll(async () => (await lookAt(page, u, v, fov), awayMatch(await shoot(page), reference, face)), { timeout: 60_000, intervals: [500] })
    .toBeGreaterThan(0.8);
  const seen = await frames.stop();
  const shown = await shoot(page);
  const matches = Object.values(parts).map((r) => detailMatch(shown, reference, r));
  console.log(
    `face across a ${what}: detail match ${Object.keys(parts).map((k, i) => `${k} ${matches[i]!.toFixed(3)}`).join(', ')} (sharp ≈ 1); ` +
      `best match in ${seen.frames} frames from navigation ${seen.best.toFixed(3)}`,
  );
  for (const m of matches) expect(m).toBeLessThan(BLURRED_MATCH);
  expect(seen.frames).toBeGreaterThan(0);
  expect(seen.best).toBeLessThan(SHARP_MATCH);
  await base.close();
}

test("a page whose CSP refuses FaceVeil's fetch of the panorama's file: decoded through the image instead (three.js)", async ({ page, baseline, server }) => {
  test.setTimeout(120_000);
  const base = await baseline.newPage();
  const expected = await facesCoveredAsImage(page, base, server);
  const some = FACES.filter((f) => expected.has(f)).slice(0, 3);
  const three = VIEWERS.find((v) => v.page === 'pano-three.html')!;
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) refused.push(m.text());
  });
  await checkViewer(three, page, base, pageUrl(server, three.page), { img: PANO, csp: 'no-connect' }, expected, some);
  console.log(`no-connect page: ${refused.length} fetch(es) refused by its CSP`);
  expect(refused.length).toBeGreaterThan(0);
});

test('a page that forges the bridge and replaces the event natives gets nothing from FaceVeil and breaks nothing', async ({ page, baseline, server }) => {
  test.setTimeout(120_000);
  const base = await baseline.newPage();
  const expected = await facesCoveredAsImage(page, base, server);
  const some = FACES.filter((f) => expected.has(f)).slice(0, 3);
  await checkViewer(VIEWERS[0]!, page, base, pageUrl(server, VIEWERS[0]!.page), { img: PANO, hostile: '1' }, expected, some);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { leaks: string[]; hooked: object };
    return { leaks: w.leaks, hooked: w.hooked };
  });
  console.log(`hostile page: leaks ${JSON.stringify(seen.leaks)}; texImage2D as the page sees it: ${JSON.stringify(seen.hooked)}`);
  expect(seen.leaks).toEqual([]);
  expect(seen.hooked).toMatchObject({ name: 'texImage2D', length: 6 });
});

async function checkViewer(
  viewer: Viewer,
  page: Page,
  base: Page,
  url: string,
  params: Record<string, string>,
  expected: Set<LabelFace>,
  faces = FACES,
): Promise<void> {
  const roll = Number(params.roll ?? 0);
  const first = faces.find((f) => expected.has(f))!;
  const { u, v } = centreOf(PANO, first, roll);
  const firstUrl = `${url}?${new URLSearchParams({ ...params, u: String(u), v: String(v), fov: String(viewer.fov) })}`;
  await open(base, firstUrl);
  const ppd = await lookAt(base, u, v, viewer.fov);
  const reference = await shoot(base);
  const core = centreCore(reference, PANO, first, ppd);

  // From navigation until the rest of the panorama shows sharp: every frame, the first face never sharp.
  const started = Date.now();
  const frames = await watchFrames(page, reference, [core]);
  await open(page, firstUrl);
  let away = 0;
  let pans = 0;
  await expect
    .poll(
      async () => {
        // A pan there and back, as a user's first drag would (a viewer that draws only when its view changes).
        if (viewer.needsPan && ++pans) await lookAt(page, u + 0.001, v, viewer.fov).then(() => lookAt(page, u, v, viewer.fov));
        return (away = awayMatch(await shoot(page), reference, core));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBeGreaterThan(0.8);
  const faceOnly = Date.now() - started;
  await page.waitForTimeout(500);
  const watched = await frames.stop();
  console.log(
    `${viewer.name}: face-only texture on screen ${faceOnly} ms after navigation${viewer.needsPan ? ` (at a pan; ${pans} tried)` : ''} ` +
      `(away from faces: detail match ${away.toFixed(2)}); ` +
      `${watched.frames} frames, best match of the face's detail ${watched.best.toFixed(3)} at ${watched.bestAt} ms`,
  );
  expect(watched.frames, 'frames were painted and compared').toBeGreaterThan(3);
  expect(watched.best, 'no frame shows the face sharp').toBeLessThan(SHARP_MATCH);

  // Turned to each face in turn: blurred there, compared with the same view without FaceVeil.
  const ratios: string[] = [];
  let blurred = 0;
  for (const face of faces) {
    const c = centreOf(PANO, face, roll);
    const [px] = await Promise.all([lookAt(page, c.u, c.v, viewer.fov), lookAt(base, c.u, c.v, viewer.fov)]);
    const [shown, sharp] = await Promise.all([shoot(page), shoot(base)]);
    const r = centreCore(shown, PANO, face, px);
    const match = detailMatch(shown, sharp, r);
    const missed = expected.has(face) ? '' : ' (missed as an <img> too)';
    ratios.push(`${face.h}px@${Math.round(c.u * 360)}°→${match.toFixed(3)}${missed}`);
    if (match < BLURRED_MATCH) blurred++;
    if (!missed) expect.soft(match, `face at u=${c.u.toFixed(3)}, v=${c.v.toFixed(3)} blurred`).toBeLessThan(BLURRED_MATCH);
  }
  console.log(`${viewer.name}: ${blurred}/${faces.length} faces blurred; detail match with the picture without FaceVeil: ${ratios.join(', ')}`);
  await base.close();
}
