// Firefox for the e2e tests: Debian's ESR driven over WebDriver BiDi by puppeteer-core (never a downloaded browser),
// the built Firefox add-on installed as a temporary add-on. It runs with a window on an Xvfb display: headless Firefox
// has no WebGL (bugzil.la/1375585), which the panoramas need.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PNG } from 'pngjs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox, findXvfb } from '../../../scripts/lib/system-browser';
import { readPng } from '../support/sharpness';

export const FIREFOX_EXTENSION_DIR = resolve(process.env.FACEVEIL_FIREFOX_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/firefox-mv3'));
/** The add-on's internal UUID, fixed by a preference so the tests know its pages' addresses. */
const UUID = '3b1f0c9e-6a55-4d1e-9c3f-faceface0001';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;
export const VIEWPORT = { width: 1280, height: 900 };

function addonId(): string {
  const manifest = JSON.parse(readFileSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  return manifest.browser_specific_settings.gecko.id;
}

export interface Display {
  name: string;
  stop(): void;
}

/** A virtual display on a free number (Xvfb picks it and writes it to its stdout). */
export function startDisplay(): Promise<Display> {
  const xvfb: ChildProcess = spawn(findXvfb(), ['-displayfd', '1', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it showed a display`)));
    xvfb.stdout!.once('data', (data: Buffer) => resolve({ name: `:${data.toString().trim()}`, stop: () => void xvfb.kill() }));
  });
}

/** Firefox with a fresh profile; with the add-on installed as a user would, once the browser runs. */
export async function launchFirefox(display: Display, extension: boolean): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless: false,
    // Lets WebDriver open the add-on's own pages (Firefox 153 refuses moz-extension: addresses otherwise).
    args: ['--remote-allow-system-access'],
    env: { ...process.env, DISPLAY: display.name },
    defaultViewport: VIEWPORT,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId()]: UUID }),
      // permissions.request() is granted at once instead of showing its doorhanger, which WebDriver cannot click.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  if (extension) await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return browser;
}

export async function shot(page: Page): Promise<PNG> {
  return readPng(Buffer.from(await page.screenshot({ type: 'png' })));
}

/** Runs `fn` in a page of the add-on (its popup, opened as a tab), with the add-on's `browser` APIs. */
export async function inExtension<T>(browser: Browser, fn: string): Promise<T> {
  const page = await browser.newPage();
  try {
    // Navigations to the add-on's pages never report done to WebDriver: the test waits for the page's APIs instead.
    void page.goto(`${EXTENSION_ORIGIN}/popup.html`).catch(() => undefined);
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete' && 'browser' in globalThis, { timeout: 10_000 });
    return (await page.evaluate(fn)) as T;
  } finally {
    await page.close();
  }
}

export function setFirefoxSettings(browser: Browser, change: Record<string, unknown>): Promise<void> {
  return inExtension(browser, `(async () => {
    const { settings } = await browser.storage.local.get('settings');
    await browser.storage.local.set({ settings: { ...settings, ...${JSON.stringify(change)} } });
  })()`);
}

export function resetFirefoxSettings(browser: Browser): Promise<void> {
  return inExtension(browser, `browser.storage.local.remove('settings')`);
}
