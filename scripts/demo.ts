// `npm start`: opens Chromium with the built extension on the bundled demo page; without a display, saves a screenshot instead.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from '../tests/e2e/support/browser';
import { startFixtureServer } from '../tests/e2e/support/server';

const headless = !process.env.DISPLAY || process.argv.includes('--headless');
const server = await startFixtureServer();
const context = await launch({ extension: true, headless, viewport: { width: 1280, height: 900 } });
const page = context.pages()[0] ?? (await context.newPage());
const started = Date.now();
await page.goto(`${server.origin}/pages/demo.html`);
const done = await page
  .waitForFunction(
    () =>
      [...document.images, document.querySelector('canvas')!].every((el) => el.hasAttribute('data-faceveil')) &&
      /\bbox\b/.test(document.querySelector('.bg')?.getAttribute('data-faceveil-bg') ?? ''),
    null,
    { timeout: 60_000 },
  )
  .then(() => true, () => false);
const faces = await page.evaluate(() => document.querySelectorAll('faceveil-overlay').length);
console.log(
  done
    ? `All images, the CSS background and the canvas scanned in ${Date.now() - started} ms; ${faces} of them have blurred faces.`
    : 'Something was not scanned within 60 s.',
);

if (headless) {
  mkdirSync('.demo', { recursive: true });
  const file = resolve('.demo/faceveil-demo.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`No display: saved a screenshot of the demo page to ${file}`);
  await context.close();
  await server.close();
} else {
  console.log(`Demo page: ${server.origin}/pages/demo.html — close the browser window to stop.`);
  context.on('close', () => void server.close());
}
