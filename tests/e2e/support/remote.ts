// Shared by the remote-API specs: the FaceBlurest double, routed fixture pages, remote settings in storage, the popup.
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { compareImage, expectFacesBlurred, openBaseline, tabIdOf, waitForAllMarked, worker, type ImageComparison } from './helpers';
import { label } from './labels';
import { core, laplacianVariance } from './sharpness';
import type { FixtureServer } from './server';

type Box = { left: number; top: number; width: number; height: number };
type Prediction = { probability: number; boundingBox: Box };

/** The double is plain JS without type declarations; this is the part of its API the specs use. */
export interface Double {
  url: string;
  stats: {
    requests: number; byInput: { base64: number; url: number }; succeeded: number; predictionsBilled: number; errors: Record<string, number>;
    lastHeaders: Record<string, string | string[] | undefined> | null;
  };
  setOptions(partial: Record<string, unknown>): void;
  resetLimits(): void;
  close(): Promise<void>;
}

export const DOUBLE_DEFAULTS = { perMinute: 50, trial: false, perDay: undefined, failures: { mode: 'none' }, errorStatus: '200', latencyMs: 0, predictions: [] as Prediction[] };

export async function startDouble(options: Record<string, unknown> = {}): Promise<Double> {
  const path = new URL('../../faceblurest-double/server.mjs', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ path)) as { startFaceBlurestDouble(o: object): Promise<Double> };
  return mod.startFaceBlurestDouble({ port: 0, users: { test: 'secret' }, ...DOUBLE_DEFAULTS, ...options });
}

/** The two-person photo: local detection finds both faces; the double can be told to return just one. */
export const TWO = 'group/face_recognition__two_people.jpg';

/** A labelled face of a data-set image as the normalized box the service would send, grown by `pad` per side. */
export function faceBox(file: string, index: number, pad = 0.1): Box {
  const image = label(file);
  const f = image.faces[index]!;
  return {
    left: Math.max(0, (f.x - f.w * pad) / image.width),
    top: Math.max(0, (f.y - f.h * pad) / image.height),
    width: Math.min(1, (f.w * (1 + 2 * pad)) / image.width),
    height: Math.min(1, (f.h * (1 + 2 * pad)) / image.height),
  };
}

/** Serves `html` at origin/remote/<name> in the given contexts (the extension's and the baseline's). */
export async function routePage(contexts: BrowserContext[], server: FixtureServer, name: string, html: string): Promise<string> {
  const url = `${server.origin}/remote/${name}`;
  for (const c of contexts) await c.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  return url;
}

/** A page of data-set images; `tag` makes each URL new, so no earlier scan of the same URL answers. */
export function imagesPage(images: { file: string; tag: string; width?: number }[]): string {
  const tags = images.map((i) => `<img data-label="${i.file}" src="/data/${i.file}?v=${i.tag}" width="${i.width ?? 800}" alt="">`);
  return `<!doctype html><meta charset="utf-8"><style>body{margin:8px}img{display:block;margin:8px 0}</style>${tags.join('')}`;
}

export interface RemoteConfig {
  source?: 'local' | 'remote' | 'both';
  consent?: boolean;
  perMinute?: number;
  timeoutMs?: number;
  plan?: 'paid' | 'trial';
  username?: string;
  password?: string;
  endpoint?: string;
}

/** Writes remote settings and login straight to storage (one test goes through the options page instead). */
export async function configureRemote(context: BrowserContext, double: Double, c: RemoteConfig = {}): Promise<void> {
  const endpoint = c.endpoint ?? double.url;
  const settings = {
    source: c.source ?? 'remote', endpoint, plan: c.plan ?? 'paid', perMinute: c.perMinute ?? 50, timeoutMs: c.timeoutMs ?? 15_000,
    consentOrigin: c.consent === false ? '' : new URL(endpoint).origin, consentAt: Date.now(),
  };
  const creds = { username: c.username ?? 'test', password: c.password ?? 'secret' };
  await (await worker(context)).evaluate(
    ([settings, creds]) => chrome.storage.local.set({ remoteSettings: settings, remoteCredentials: creds }),
    [settings, creds] as const,
  );
}

/** Forgets the last error and any pause, so each case starts with remote detection allowed. */
export async function clearRemoteStatus(context: BrowserContext): Promise<void> {
  await (await worker(context)).evaluate(() => chrome.storage.local.remove('remoteStatus'));
}

export async function remoteStatus(context: BrowserContext): Promise<{ savedByCache: number; lastSuccessAt?: number; lastError: { text: { key: string }; code: string | null } | null }> {
  return (await worker(context)).evaluate(async () => {
    const { remoteStatus } = await chrome.storage.local.get('remoteStatus');
    return { savedByCache: 0, lastError: null, ...(remoteStatus as object | undefined) };
  });
}

/** Opens the popup as a page for `page`'s tab (there is no toolbar click in tests). */
export async function openPopup(context: BrowserContext, extensionId: string, page: Page): Promise<Page> {
  const tabId = await tabIdOf(context, page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** Screenshots the page's n-th image with and without FaceVeil (see compareImage). */
export async function compareOn(page: Page, baseline: BrowserContext, url: string, n = 0): Promise<ImageComparison> {
  await waitForAllMarked(page, 60_000);
  const base = await openBaseline(baseline, url);
  try {
    return await compareImage(page.locator('img').nth(n), base.locator('img').nth(n));
  } finally {
    await base.close();
  }
}

/** Sharpness left in the core of a normalized box (an image without object-fit), with FaceVeil over without. */
export function boxRatio(c: ImageComparison, box: Box): number {
  const { content } = c.geometry;
  const region = core({ x: content.x + box.left * content.w, y: content.y + box.top * content.h, w: box.width * content.w, h: box.height * content.h });
  return laplacianVariance(c.ext, region) / laplacianVariance(c.base, region);
}

/** Forgets remote results through the options page (the message is refused from anywhere else). */
export async function forgetRemoteCache(context: BrowserContext, extensionId: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('remote-clear-cache').click();
  await expect(options.getByTestId('remote-form-message')).toContainText('Forgot');
  await options.close();
}

/** Both faces of the two-person photo blurred: what on-device detection does on its own. */
export async function expectLocalProtection(page: Page, baseline: BrowserContext, url: string, what: string): Promise<void> {
  const { ratios } = await compareOn(page, baseline, url);
  expect(ratios.length, `${what}: faces checked`).toBe(2);
  expectFacesBlurred(ratios, what);
}
