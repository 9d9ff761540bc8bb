// Launching the system Chromium with and without the built extension (Playwright never downloads a browser here).
import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve(process.env.FACEVEIL_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/chrome-mv3'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from calling home (this machine has no network, and tests must see every request). */
const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-sandbox',
];

export interface LaunchOptions {
  extension: boolean;
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** Extra Chromium flags (e.g. a recording proxy). */
  args?: string[];
}

/** A fresh profile each time: with the extension, this is "the first page after install". */
export async function launch({ extension, headless = true, viewport = { width: 1280, height: 900 }, args: extra = [] }: LaunchOptions): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'faceveil-profile-'));
  const args = [...QUIET_FLAGS, ...extra];
  if (extension) args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport,
    deviceScaleFactor: 1,
    args,
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : undefined,
  });
  context.on('close', () => setTimeout(() => rmSync(profile, { recursive: true, force: true, maxRetries: 3 }), 200));
  return context;
}

export async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
