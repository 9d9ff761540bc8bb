// Page-level helpers shared by the specs: FaceVeil's marks, screenshots, face checks, and chrome.* calls via the worker.
import { expect, type BrowserContext, type Locator, type Page, type Worker } from '@playwright/test';
import type { PNG } from 'pngjs';
import { bigFaces, facesOn, imageGeometry, type FaceOnScreen, type ImageGeometry } from './labels';
import type { FixtureServer } from './server';
import { clip, core, detailMatch, laplacianVariance, readPng, type Region } from './sharpness';

/** A face's sharpness with FaceVeil over sharpness without it; measured blurred faces sit far below this. */
export const BLURRED = 0.35;
/** Above this the face is (about) as sharp as without FaceVeil. */
export const SHARP = 0.8;

export function pageUrl(server: FixtureServer, path: string): string {
  return `${server.origin}/pages/${path}`;
}

/** `data-faceveil` of every <img> in the document and its open shadow roots, in document order. */
export async function marks(page: Page): Promise<(string | null)[]> {
  return page.evaluate(() => {
    const out: (string | null)[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLImageElement) out.push(el.getAttribute('data-faceveil'));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

/** Waits until every image on the page carries a FaceVeil mark (scanned, skipped or blurred). */
export async function waitForAllMarked(page: Page, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await marks(page)).filter((m) => m === null).length, { timeout, intervals: [50] }).toBe(0);
}

/**
 * Waits until every image has been scanned and shown ('clear'), and says whether any went through the
 * time-limit fallback ('blurred') on the way.
 */
export async function waitForAllClear(page: Page, timeout = 60_000): Promise<{ timedOut: boolean }> {
  let timedOut = false;
  await expect
    .poll(
      async () => {
        const now = await marks(page);
        timedOut ||= now.includes('blurred');
        return now.every((m) => m === 'clear');
      },
      { timeout, intervals: [50] },
    )
    .toBe(true);
  return { timedOut };
}

/** Waits until the image has loaded its picture (scrolling it into view first, for lazy images). */
export async function loaded(img: Locator): Promise<void> {
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
}

/** Opens the same page in the browser without FaceVeil. */
export async function openBaseline(baseline: BrowserContext, url: string): Promise<Page> {
  const page = await baseline.newPage();
  await page.goto(url);
  return page;
}

/** A PNG of an element (Playwright scrolls it into view) or of a page's viewport. */
export async function shoot(target: Locator | Page): Promise<PNG> {
  return readPng(await target.screenshot());
}

export interface FaceRatio {
  face: FaceOnScreen;
  ext: number;
  base: number;
  /** Sharpness of the face's core with FaceVeil / without. */
  ratio: number;
}

export interface ImageComparison {
  geometry: ImageGeometry;
  faces: FaceOnScreen[];
  ratios: FaceRatio[];
  ext: PNG;
  base: PNG;
}

/**
 * Screenshots the same image with and without FaceVeil and measures, for each labelled face at
 * least `minPx` tall on screen, how much sharpness FaceVeil left in the face's core.
 */
export async function compareImage(ext: Locator, base: Locator, minPx = 40): Promise<ImageComparison> {
  await loaded(base);
  const basePng = await shoot(base);
  await ext.scrollIntoViewIfNeeded();
  const extPng = await shoot(ext);
  return compareShots(ext, extPng, basePng, minPx);
}

/**
 * The same, without scrolling anything: both pages must already show the image at the same place
 * in the viewport (the tests that move things around set both pages up alike). Faces outside the
 * viewport are left out.
 */
export async function compareInPlace(ext: Locator, base: Locator, minPx = 40): Promise<ImageComparison> {
  const [e, b] = [await imageGeometry(ext), await imageGeometry(base)];
  expect(e.rect, 'the image sits at the same place with and without FaceVeil').toEqual(b.rect);
  const extPng = await shoot(ext.page());
  const basePng = await shoot(base.page());
  return compareShots(ext, extPng, basePng, minPx, e.rect);
}

async function compareShots(ext: Locator, extPng: PNG, basePng: PNG, minPx: number, at = { x: 0, y: 0 }): Promise<ImageComparison> {
  const { geometry, faces } = await facesOn(ext);
  const ratios: FaceRatio[] = [];
  for (const face of bigFaces(faces, minPx)) {
    const c = core(face.visible!);
    const region = clip(extPng, { ...c, x: c.x + at.x, y: c.y + at.y });
    if (!region || region.w * region.h < 0.8 * c.w * c.h) continue; // (partly) outside the screenshot
    const e = laplacianVariance(extPng, region);
    const b = laplacianVariance(basePng, region);
    ratios.push({ face, ext: e, base: b, ratio: e / b });
  }
  return { geometry, faces, ratios, ext: extPng, base: basePng };
}

export function describeRatios(name: string, ratios: FaceRatio[]): string {
  return `${name}: ${ratios.map((r) => `${Math.round(r.face.visible!.h)}px→${r.ratio.toFixed(3)}`).join(', ')}`;
}

/** Ratios of the face cores only; expects at least one face. */
export function expectFacesBlurred(ratios: FaceRatio[], what: string): void {
  expect(ratios.length, `${what}: no labelled face large enough to check`).toBeGreaterThan(0);
  for (const r of ratios) expect(r.ratio, `${what}: face ${JSON.stringify(r.face.face)} sharpness ratio`).toBeLessThan(BLURRED);
}

export function expectFacesSharp(ratios: FaceRatio[], what: string): void {
  expect(ratios.length, `${what}: no labelled face large enough to check`).toBeGreaterThan(0);
  for (const r of ratios) expect(r.ratio, `${what}: face ${JSON.stringify(r.face.face)} sharpness ratio`).toBeGreaterThan(SHARP);
}

/** Sharpness of the whole visible image with FaceVeil / without (CSS-blurred images drop far below 1). */
export function wholeRatio(c: ImageComparison): number {
  const inner = core({ x: 0, y: 0, w: c.ext.width, h: c.ext.height }, 0.9);
  return laplacianVariance(c.ext, inner) / laplacianVariance(c.base, inner);
}

// ---- chrome.* through the extension's service worker ----

/** The worker that is alive now (Chrome may have restarted it since the test began). */
export async function worker(context: BrowserContext): Promise<Worker> {
  const current = context.serviceWorkers().at(-1);
  if (current) {
    const alive = await current.evaluate(() => true).catch(() => false);
    if (alive) return current;
  }
  return context.waitForEvent('serviceworker');
}

export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  const id = await (await worker(context)).evaluate(
    async (url) => (await chrome.tabs.query({})).filter((t) => t.url === url).at(-1)?.id ?? -1,
    page.url(),
  );
  expect(id, `tab of ${page.url()}`).toBeGreaterThanOrEqual(0);
  return id;
}

/** Writes settings straight to storage (the popup tests go through the popup instead). */
export async function setSettings(context: BrowserContext, change: Record<string, unknown>): Promise<void> {
  await (await worker(context)).evaluate(async (change) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object | undefined), ...change } });
  }, change);
}

export async function resetSettings(context: BrowserContext): Promise<void> {
  await (await worker(context)).evaluate(() => chrome.storage.local.remove('settings'));
}

export type ContextAction = 'blur-faces' | 'blur-whole' | 'unblur';

/**
 * What the background's context-menu handler does on a click: sends the frame that showed the image
 * the @webext-core/messaging message `contextAction`. Returns the content script's answer.
 */
export async function contextMenuAction(context: BrowserContext, page: Page, action: ContextAction, srcUrl: string): Promise<unknown> {
  const tabId = await tabIdOf(context, page);
  return (await worker(context)).evaluate(
    ([tabId, action, srcUrl]) =>
      chrome.tabs.sendMessage(tabId as number, { id: Date.now(), type: 'contextAction', data: { action, srcUrl }, timestamp: Date.now() }, { frameId: 0 }),
    [tabId, action, srcUrl] as const,
  );
}

/** What the background does on the video menu's "Picture-in-picture, faces blurred": asks the tab to open it. */
export async function videoPictureInPicture(context: BrowserContext, page: Page, srcUrl: string): Promise<unknown> {
  const tabId = await tabIdOf(context, page);
  return (await worker(context)).evaluate(
    ([tabId, srcUrl]) => chrome.tabs.sendMessage(tabId as number, { id: Date.now(), type: 'videoPictureInPicture', data: { srcUrl }, timestamp: Date.now() }, { frameId: 0 }),
    [tabId, srcUrl] as const,
  );
}

/** Records the background worker's context-menu updates from now on; the returned function reads them. */
export async function watchMenuUpdates(context: BrowserContext): Promise<() => Promise<unknown[]>> {
  const sw = await worker(context);
  await sw.evaluate(() => {
    const g = globalThis as unknown as { menuUpdates?: unknown[] };
    if (g.menuUpdates) return;
    g.menuUpdates = [];
    const update = chrome.contextMenus.update.bind(chrome.contextMenus);
    chrome.contextMenus.update = ((id: string, change: object) => {
      g.menuUpdates!.push([id, change]);
      return update(id, change);
    }) as typeof chrome.contextMenus.update;
  });
  return () => sw.evaluate(() => (globalThis as unknown as { menuUpdates: unknown[] }).menuUpdates);
}

/** Waits for FaceVeil to finish with the image, then checks every large labelled face on it is blurred. */
export async function expectCovered(page: Page, base: Page, selector: string, timeout = 30_000): Promise<ImageComparison> {
  const img = page.locator(selector);
  await img.scrollIntoViewIfNeeded();
  await expect(img).toHaveAttribute('data-faceveil', 'clear', { timeout });
  const c = await compareImage(img, base.locator(selector));
  console.log(describeRatios(selector, c.ratios));
  expectFacesBlurred(c.ratios, selector);
  return c;
}

/** Cores of the large labelled faces of an image, in viewport coordinates (for full-page screenshots and frames). */
export async function faceCoresOnPage(img: Locator, minPx = 40): Promise<Region[]> {
  const { geometry, faces } = await facesOn(img);
  return bigFaces(faces, minPx).map((f) => {
    const r = core(f.visible!);
    return { ...r, x: r.x + geometry.rect.x, y: r.y + geometry.rect.y };
  });
}

/**
 * The best match of any face's fine detail with `reference` over the frames: near 1 means a face was
 * shown sharp. Frames of another size than the reference (painted while the viewport was resized) are
 * compared after the resize only through the frames that follow it.
 */
export function sharpestFace(frames: { png: PNG }[], reference: PNG, cores: Region[]): number {
  let best = 0;
  for (const f of frames) {
    if (f.png.width !== reference.width || f.png.height !== reference.height) continue;
    for (const r of cores) best = Math.max(best, detailMatch(f.png, reference, r));
  }
  return best;
}
