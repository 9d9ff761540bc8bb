// Panorama viewers in the e2e pages (pages/pano-*.html): open one at a view, turn it to a labelled face, and watch every
// frame it paints for a face shown sharp.
import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import { label, type LabelFace } from './labels';
import { detailMatch, readPng, type Region } from './sharpness';

export interface Viewer {
  name: string;
  page: string;
  /** Field of view the faces are checked at (degrees, as the viewer counts it). */
  fov: number;
  /**
   * Draws again only when its view changes, and nothing FaceVeil can send (a window 'resize') reaches it: the face-only
   * texture shows at the user's first pan or zoom, so the test pans a little to see it.
   */
  needsPan?: boolean;
  /** More of the page's query (a cube map made from the same picture). */
  params?: Record<string, string>;
}

export const VIEWERS: Viewer[] = [
  { name: 'Pannellum (WebGL1, texImage2D)', page: 'pano-pannellum.html', fov: 30 },
  { name: 'Photo Sphere Viewer (three.js, WebGL2, texStorage2D)', page: 'pano-psv.html', fov: 20, needsPan: true },
  { name: 'three.js sphere (WebGL2, mipmapped)', page: 'pano-three.html', fov: 20 },
  { name: 'Marzipano (WebGL1, flipped and premultiplied uploads)', page: 'pano-marzipano.html', fov: 20 },
  { name: 'Pannellum cube map (TEXTURE_CUBE_MAP, six faces)', page: 'pano-pannellum.html', fov: 30, params: { cube: '1' } },
];

/** A face's centre as fractions of the picture. */
export function centreOf(file: string, face: LabelFace, roll = 0): { u: number; v: number } {
  const { width, height } = label(file);
  return { u: (((face.x + face.w / 2 + roll) % width) + width) % width / width, v: (face.y + face.h / 2) / height };
}

export async function whenReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { panoReady?: boolean }).panoReady === true, null, { timeout: 30_000 });
}

/** Turns the view to (u, v) at `fov`; the screen px a degree takes at the centre. */
export function lookAt(page: Page, u: number, v: number, fov: number): Promise<number> {
  return page.evaluate(([u, v, fov]) => (window as unknown as { lookAt(u: number, v: number, f: number): Promise<number> }).lookAt(u, v, fov), [u, v, fov] as const);
}

/** The face's core (the middle half of its height, square) at the centre of the screen, looking straight at it. */
export function centreCore(screen: { width: number; height: number }, file: string, face: LabelFace, pxPerDegree: number): Region {
  const side = ((face.h / label(file).height) * 180 * pxPerDegree) / 2;
  return { x: screen.width / 2 - side / 2, y: screen.height / 2 - side / 2, w: side, h: side };
}

export interface FrameWatch {
  /** Frames seen and the best match of the face's detail with the sharp reference in any of them. */
  stop(): Promise<{ frames: number; best: number; bestAt: number }>;
}

/**
 * Every frame Chromium paints for `page` (DevTools screencast), each compared with `reference` in `regions` as it
 * arrives and then dropped: a viewer drawing 60 frames a second would not fit in memory otherwise.
 */
export async function watchFrames(page: Page, reference: PNG, regions: Region[]): Promise<FrameWatch> {
  const cdp = await page.context().newCDPSession(page);
  const started = Date.now();
  let frames = 0;
  let best = 0;
  let bestAt = 0;
  cdp.on('Page.screencastFrame', (frame) => {
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    const png = readPng(Buffer.from(frame.data, 'base64'));
    if (png.width !== reference.width || png.height !== reference.height) return;
    frames++;
    const match = Math.max(...regions.map((r) => detailMatch(png, reference, r)));
    if (match > best) [best, bestAt] = [match, Date.now() - started];
  });
  await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  return {
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return { frames, best, bestAt };
    },
  };
}
