// `npm test` and `npm start` run this first: a Chromium to drive, installed from the system's packages if need be.
import { ensureChromium, NoChromium } from './lib/chromium';

try {
  ensureChromium();
} catch (error) {
  if (!(error instanceof NoChromium)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
