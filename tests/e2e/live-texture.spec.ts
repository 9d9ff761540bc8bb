// A texture uploaded again every frame (a canvas redrawn live): the face is never shown sharp while it changes, FaceVeil
// does not fall behind, and once it stands still its last upload is scanned and only the face stays blurred.
import { expect, test } from './support/fixtures';
import { BLURRED, pageUrl, shoot } from './support/helpers';
import { label } from './support/labels';
import { watchFrames, whenReady } from './support/panorama';
import { detailMatch, type Region } from './support/sharpness';

const PHOTO = 'group/face_recognition__two_people.jpg';

test('a texture redrawn every frame keeps its faces blurred, and shows only them blurred once it stops', async ({ page, baseline, server }) => {
  test.setTimeout(120_000);
  const viewport = { width: 800, height: 500 };
  const url = `${pageUrl(server, 'pano-live.html')}?img=${encodeURIComponent(PHOTO)}&ms=4000`;
  // The photo fills the window: its labelled faces land at the same fractions of the screen.
  const image = label(PHOTO);
  const faces: Region[] = image.faces.filter((f) => !f.ignore).map((f) => {
    const x = ((f.x + f.w * 0.25) / image.width) * viewport.width;
    const y = ((f.y + f.h * 0.25) / image.height) * viewport.height;
    return { x, y, w: (f.w / 2 / image.width) * viewport.width, h: (f.h / 2 / image.height) * viewport.height };
  });
  const base = await baseline.newPage();
  await base.setViewportSize(viewport);
  await base.goto(url);
  await whenReady(base);
  await base.waitForFunction(() => (window as unknown as { uploads: number }).uploads > 0);
  await base.waitForTimeout(4_500);
  const reference = await shoot(base);

  await page.setViewportSize(viewport);
  const frames = await watchFrames(page, reference, faces);
  await page.goto(url);
  await whenReady(page);
  // Still while it changes and after: only the face-only texture of the last upload shows the rest sharp.
  const away: Region = { x: 0, y: viewport.height * 0.8, w: viewport.width, h: viewport.height * 0.2 };
  await expect.poll(async () => detailMatch(await shoot(page), reference, away), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(0.8);
  const uploads = await page.evaluate(() => (window as unknown as { uploads: number }).uploads);
  const watched = await frames.stop();
  const shown = await shoot(page);
  const matches = faces.map((r) => detailMatch(shown, reference, r));
  console.log(
    `live texture: ${uploads} uploads; ${watched.frames} frames watched, best face-detail match in any of them ` +
      `${watched.best.toFixed(3)}; after it stopped, faces ${matches.map((m) => m.toFixed(3)).join(', ')}`,
  );
  expect(uploads, 'the page uploaded its canvas many times').toBeGreaterThan(20);
  expect(watched.frames, 'frames were painted and compared').toBeGreaterThan(3);
  expect(watched.best, 'no frame shows a face sharp').toBeLessThan(0.5);
  for (const m of matches) expect(m, 'faces blurred after the last upload').toBeLessThan(BLURRED);
  await base.close();
});
