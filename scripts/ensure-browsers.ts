// `npm test` and `npm start` run this first: the browsers to drive (`npm start` only Chromium; `npm test` also Firefox
// and the Xvfb display it runs in, with --firefox), installed from the system's packages if need be.
import { CHROMIUM, ensureBrowser, FIREFOX, NoBrowser, XVFB } from './lib/system-browser';

try {
  ensureBrowser(CHROMIUM);
  if (process.argv.includes('--firefox')) for (const program of [FIREFOX, XVFB]) ensureBrowser(program);
} catch (error) {
  if (!(error instanceof NoBrowser)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
