// Faces of a labelled picture wherever a page paints it (a background tile, a canvas), and how sharp they and the
// rest of the picture are with FaceVeil against without.
import type { BrowserContext, Page } from '@playwright/test';
import { shoot } from './helpers';
import type { PNG } from 'pngjs';
import { label } from './labels';
import { core, grow, laplacianVariance, overlaps, patchesAvoiding, type Region } from './sharpness';

/** The labelled faces of `file` (at least `minPx` on screen) when the whole picture is painted at `painted`, within `clip`. */
export function facesPainted(file: string, painted: Region, clip: Region, minPx = 20): Region[] {
  const l = label(file);
  const kx = painted.w / l.width;
  const ky = painted.h / l.height;
  return l.faces
    .filter((f) => !f.ignore)
    .map((f) => ({ x: painted.x + f.x * kx, y: painted.y + f.y * ky, w: f.w * kx, h: f.h * ky }))
    .filter((r) => r.w >= minPx && r.h >= minPx && r.x >= clip.x && r.y >= clip.y && r.x + r.w <= clip.x + clip.w && r.y + r.h <= clip.y + clip.h);
}

export async function boxOf(page: Page, selector: string): Promise<Region> {
  const b = (await page.locator(selector).boundingBox())!;
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}

/** Sharpness with FaceVeil over sharpness without, per face core. */
export function faceRatios(ext: PNG, without: PNG, faces: Region[]): number[] {
  return faces.map((f) => laplacianVariance(ext, core(f)) / laplacianVariance(without, core(f)));
}

/** Detail kept away from the faces: summed sharpness of patches inside `box` that keep clear of every face. */
export function awayRatio(ext: PNG, without: PNG, box: Region, faces: Region[]): number {
  const patches = patchesAvoiding(without, faces.map((f) => grow(f, 0.5))).filter((p) => overlaps(p, box) && p.x >= box.x && p.y >= box.y && p.x + p.w <= box.x + box.w && p.y + p.h <= box.y + box.h);
  let a = 0;
  let b = 0;
  for (const p of patches) {
    a += laplacianVariance(ext, p);
    b += laplacianVariance(without, p);
  }
  return b > 0 ? a / b : 1;
}

/** The page as it shows without FaceVeil, once it has settled for `settleMs`. */
export async function shotWithout(baseline: BrowserContext, url: string, settleMs: number): Promise<PNG> {
  const base = await baseline.newPage();
  try {
    await base.goto(url);
    await base.waitForLoadState('load');
    await base.waitForTimeout(settleMs);
    return await shoot(base);
  } finally {
    await base.close();
  }
}
