// `npm test` and `npm start` run this first: the browsers to drive (`npm start` only Chromium; `npm test` also Firefox
// with the Xvfb display it runs in and xwd to read it, with --firefox), installed from the system's packages if need be.
import { CHROMIUM, ensureBrowser, FIREFOX, NoBrowser, XVFB, XWD } from './lib/system-browser';

try {
  ensureBrowser(CHROMIUM);
  if (process.argv.includes('--firefox')) for (const program of [FIREFOX, XVFB, XWD]) ensureBrowser(program);
} catch (error) {
  if (!(error instanceof NoBrowser)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
