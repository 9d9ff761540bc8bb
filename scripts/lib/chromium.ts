// Finds the system Chromium the tests and the demo drive, and installs Debian's package when it is missing and we may (never a downloaded browser).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';

/**
 * Where Chromium lives on Debian and Ubuntu. Branded Google Chrome is left out on purpose: since
 * version 137 it ignores --load-extension, so it cannot run the extension under test.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export class NoChromium extends Error {}

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

/** `CHROMIUM_PATH` if set (it must work), else the first usual path that does; throws NoChromium with what to do. */
export function findChromium({ env = process.env, isExecutable = isExecutableFile }: FindOptions = {}): string {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new NoChromium(`CHROMIUM_PATH is set to ${chosen}, which is not an executable file: point it at a Chromium binary, or unset it.`);
  }
  const found = CHROMIUM_CANDIDATES.find(isExecutable);
  if (found) return found;
  throw new NoChromium(
    `No Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}): install it with \`sudo apt-get install chromium\`, or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

/**
 * The Chromium to use. When there is none and this runs as root on a machine with apt-get (a fresh container,
 * CI), it installs Debian's `chromium` package, saying so; otherwise it throws NoChromium with the command to run.
 */
export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  try {
    return findChromium();
  } catch (error) {
    const root = process.getuid?.() === 0;
    if (!(error instanceof NoChromium) || process.env.CHROMIUM_PATH || !root || !existsSync('/usr/bin/apt-get')) throw error;
  }
  log("FaceVeil: no Chromium on this machine; installing Debian's `chromium` package with apt-get (running as root) ...");
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const update = apt(['update', '-qq']);
  const install = update.status === 0 ? apt(['install', '-y', '-qq', 'chromium']) : update;
  if (install.status !== 0) {
    throw new NoChromium('Installing Chromium with apt-get failed (see above): install it yourself with `apt-get install chromium`, or set CHROMIUM_PATH.');
  }
  const path = findChromium();
  log(`FaceVeil: installed ${path}.`);
  return path;
}
