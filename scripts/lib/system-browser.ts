// Finds the system browsers the tests and the demo drive (Chromium; Firefox ESR for the Firefox build, with Xvfb for its
// window), and installs Debian's package when one is missing and we may. Never a downloaded browser.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';

export interface SystemBrowser {
  name: string;
  /** Where it lives on Debian and Ubuntu, in order. */
  candidates: string[];
  /** The variable that names another binary. */
  envVar: string;
  aptPackage: string;
}

/**
 * Branded Google Chrome is left out on purpose: since version 137 it ignores --load-extension, so it cannot run the
 * extension under test.
 */
export const CHROMIUM: SystemBrowser = {
  name: 'Chromium',
  candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  envVar: 'CHROMIUM_PATH',
  aptPackage: 'chromium',
};

/** Debian's ESR first: its version is the one the Firefox tests were written against. */
export const FIREFOX: SystemBrowser = {
  name: 'Firefox',
  candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'],
  envVar: 'FIREFOX_PATH',
  aptPackage: 'firefox-esr',
};

/** Headless Firefox has no WebGL (bugzil.la/1375585): its tests run it with a window, on this virtual display. */
export const XVFB: SystemBrowser = {
  name: 'Xvfb',
  candidates: ['/usr/bin/Xvfb'],
  envVar: 'XVFB_PATH',
  aptPackage: 'xvfb',
};

/** Reads what the Xvfb display shows: Firefox's own screenshots leave out backdrop-filter (tests/e2e/firefox/screen.ts). */
export const XWD: SystemBrowser = {
  name: 'xwd',
  candidates: ['/usr/bin/xwd'],
  envVar: 'XWD_PATH',
  aptPackage: 'x11-apps',
};

export const CHROMIUM_CANDIDATES = CHROMIUM.candidates;

export class NoBrowser extends Error {}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether a path is an executable file (swappable for tests). */
  isExecutable?: (path: string) => boolean;
}

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The browser's variable if set (it must work), else the first usual path that does; throws NoBrowser with what to do. */
export function findBrowser(browser: SystemBrowser, { env = process.env, isExecutable = isExecutableFile }: FindOptions = {}): string {
  const chosen = env[browser.envVar];
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new NoBrowser(`${browser.envVar} is set to ${chosen}, which is not an executable file: point it at a ${browser.name} binary, or unset it.`);
  }
  const found = browser.candidates.find(isExecutable);
  if (found) return found;
  throw new NoBrowser(
    `No ${browser.name} found (looked at ${browser.candidates.join(', ')}): install it with \`sudo apt-get install ${browser.aptPackage}\`, or set ${browser.envVar} to a ${browser.name} binary.`,
  );
}

export const findChromium = (options?: FindOptions) => findBrowser(CHROMIUM, options);
export const findFirefox = (options?: FindOptions) => findBrowser(FIREFOX, options);
export const findXvfb = (options?: FindOptions) => findBrowser(XVFB, options);
export const findXwd = (options?: FindOptions) => findBrowser(XWD, options);

/**
 * The browser to use. When there is none and this runs as root on a machine with apt-get (a fresh container, CI), it
 * installs Debian's package, saying so; otherwise it throws NoBrowser with the command to run.
 */
export function ensureBrowser(browser: SystemBrowser, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  try {
    return findBrowser(browser);
  } catch (error) {
    const root = process.getuid?.() === 0;
    if (!(error instanceof NoBrowser) || process.env[browser.envVar] || !root || !existsSync('/usr/bin/apt-get')) throw error;
  }
  log(`FaceVeil: no ${browser.name} on this machine; installing Debian's \`${browser.aptPackage}\` package with apt-get (running as root) ...`);
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const update = apt(['update', '-qq']);
  const install = update.status === 0 ? apt(['install', '-y', '-qq', browser.aptPackage]) : update;
  if (install.status !== 0) {
    throw new NoBrowser(
      `Installing ${browser.name} with apt-get failed (see above): install it yourself with \`apt-get install ${browser.aptPackage}\`, or set ${browser.envVar}.`,
    );
  }
  const path = findBrowser(browser);
  log(`FaceVeil: installed ${path}.`);
  return path;
}
