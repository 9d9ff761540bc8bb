// Launching the system Chromium with and without the built extension (Playwright never downloads a browser here).
import { chromium, type BrowserContext } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../../../scripts/lib/system-browser';

export const EXTENSION_DIR = resolve(process.env.FACEVEIL_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/chrome-mv3'));

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
  /** 'later': extensions allowed but none loaded yet; `installExtension` loads FaceVeil into the running browser. */
  extension: boolean | 'later';
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** Extra Chromium flags (e.g. a recording proxy). */
  args?: string[];
  /** The Chromium binary; default: CHROMIUM_PATH or the usual places (scripts/lib/system-browser.ts). */
  executablePath?: string;
  /** A profile folder to reuse (a browser restart); default: a fresh one, deleted on close. */
  profile?: string;
  /** The browser's interface language (e.g. 'fr'), which extensions follow; default: the machine's. */
  language?: string;
}

/** A fresh profile each time: with the extension, this is "the first page after install". */
export async function launch(options: LaunchOptions): Promise<BrowserContext> {
  const { extension, headless = true, viewport = { width: 1280, height: 900 }, args: extra = [], executablePath } = options;
  const profile = options.profile ?? freshProfile();
  const args = [...QUIET_FLAGS, ...extra, ...(options.language ? [`--lang=${options.language}`] : [])];
  if (extension === true) args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  if (extension === 'later') args.push('--enable-unsafe-extension-debugging'); // lets the DevTools protocol load it
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executablePath ?? findChromium(),
    headless,
    viewport,
    deviceScaleFactor: 1,
    args,
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : undefined,
  });
  // Chromium may still be writing when the context closes: retry, and leave the rest to global-teardown.ts.
  if (!options.profile) context.on('close', () => void rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {}));
  return context;
}

/** Every test profile lives under one folder, removed after the run (global-teardown.ts). */
export const PROFILES_DIR = join(tmpdir(), 'faceveil-e2e-profiles');

function freshProfile(): string {
  mkdirSync(PROFILES_DIR, { recursive: true });
  return mkdtempSync(join(PROFILES_DIR, 'profile-'));
}

export async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Installs the built extension into a browser launched with `extension: 'later'`, as a user would while tabs are open. */
export async function installExtension(context: BrowserContext): Promise<string> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never)) as { id: string };
    return id;
  } finally {
    await cdp.detach();
  }
}
