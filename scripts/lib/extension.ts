// Drives the built extension from one of its own pages, sending the product's messages exactly as a content script would.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXTENSION_DIR, launch } from '../../tests/e2e/support/browser';
import type { DetectorStatus, ScanResult } from '../../lib/messages';
import type { DetectorWanted } from '../../entrypoints/background/offscreen';
import type { Settings } from '../../lib/settings';

/** Builds the extension when there is no build yet (or when asked to); build output goes to stderr. */
export function ensureBuilt(force = false): void {
  if (!force && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  process.stderr.write(`Building the extension into ${EXTENSION_DIR} ...\n`);
  const run = spawnSync('npx', ['wxt', 'build'], { cwd: resolve(EXTENSION_DIR, '../..'), stdio: ['ignore', 2, 2] });
  if (run.status !== 0) throw new Error('npx wxt build failed');
}

/** When the build under test was made, and how busy the machine is: figures from a stale build or a loaded machine mislead. */
export function runConditions(): { builtAt: string; loadAvg1m: number } {
  return { builtAt: statSync(join(EXTENSION_DIR, 'manifest.json')).mtime.toISOString(), loadAvg1m: Number(loadavg()[0]!.toFixed(2)) };
}

/** The product's default settings. lib/settings defines a storage item on import, so it gets an in-memory browser here. */
export async function productDefaults(): Promise<Readonly<Settings>> {
  (globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
  return (await import('../../lib/settings')).DEFAULT_SETTINGS;
}

export interface TimedScan {
  result: ScanResult;
  /** Round trip as the sending page sees it: background, cache, fetch, decode, detection. */
  wallMs: number;
}

export type DetectorInfo = DetectorStatus & { firstScanWallMs: number };

export class ExtensionSession {
  private constructor(
    readonly context: BrowserContext,
    readonly id: string,
    /** An extension page (the popup, opened as a tab): chrome.runtime messaging works from here. */
    readonly page: Page,
  ) {}

  /** A fresh profile with the extension installed, as on the first page after install. */
  static async open(options: { viewport?: { width: number; height: number } } = {}): Promise<ExtensionSession> {
    const context = await launch({ extension: true, ...options });
    const id = await workerHost(context);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    return new ExtensionSession(context, id, page);
  }

  /** One @webext-core/messaging request; rejects with the handler's error, or after `timeoutMs`. */
  async send<T>(type: string, data: unknown, timeoutMs = 180_000): Promise<{ res: T; wallMs: number }> {
    const call = this.page.evaluate(async ({ type, data }) => {
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
      return { reply: reply as { res?: unknown; err?: { message?: string } } | undefined, wallMs: performance.now() - started };
    }, { type, data });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${type}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      const { reply, wallMs } = await Promise.race([call, timeout]);
      if (!reply) throw new Error(`${type}: no listener answered`);
      if (reply.err != null) throw new Error(`${type}: ${reply.err.message ?? JSON.stringify(reply.err)}`);
      return { res: reply.res as T, wallMs };
    } finally {
      clearTimeout(timer);
    }
  }

  /** `minFacePx` (natural px) as a page would ask for an image drawn small; absent = full resolution. */
  async scan(src: string, { minFacePx, timeoutMs }: { minFacePx?: number; timeoutMs?: number } = {}): Promise<TimedScan> {
    const { res, wallMs } = await this.send<ScanResult>('scanImage', { src, minFacePx }, timeoutMs);
    return { result: res, wallMs };
  }

  /**
   * The offscreen detector's status. The background creates the offscreen document on the first scan, so
   * a tiny data: image (never cached, no face) goes first; loadMs is the detector's own measurement.
   */
  async detectorStatus(wanted: DetectorWanted): Promise<DetectorInfo> {
    const { wallMs } = await this.scan(TINY_PNG);
    const { res } = await this.send<DetectorStatus>('loadDetector', wanted);
    return { ...res, firstScanWallMs: wallMs };
  }

  /**
   * With delegate "auto" the offscreen document times CPU against GPU a few seconds after loading, between
   * scans. Waiting for that keeps the one-off probe out of the timings and fixes the delegate for the run.
   */
  async settledDetector(wanted: DetectorWanted, timeoutMs = 30_000): Promise<DetectorStatus> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { res } = await this.send<DetectorStatus>('loadDetector', wanted);
      // Only BlazeFace has a delegate to probe.
      if (wanted.delegate !== 'auto' || res.delegate === null || res.probe || Date.now() > until) return res;
      await new Promise((done) => setTimeout(done, 500));
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * The extension id, from its service worker. Polls as well as listening: a worker that starts between
 * a `serviceWorkers()` check and `waitForEvent` is otherwise missed (seen on a busy machine).
 */
async function workerHost(context: BrowserContext, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (!context.serviceWorkers().length) {
    if (Date.now() > until) throw new Error('the extension did not start (no service worker)');
    await context.waitForEvent('serviceworker', { timeout: 500 }).catch(() => undefined);
  }
  return new URL(context.serviceWorkers()[0]!.url()).host;
}

/** A 1x1 grey PNG. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
