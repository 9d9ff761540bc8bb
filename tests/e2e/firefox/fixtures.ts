// Fixtures of the Firefox suite (firefox.spec.ts): the fixture server, an Xvfb display, Firefox with FaceVeil and
// a Firefox without it (the baseline), shared by the tests of the worker.
import { test as base } from '@playwright/test';
import type { Browser } from 'puppeteer-core';
import { serverFixture, type FixtureServer } from '../support/server';
import { launchFirefox, startDisplay, type Display } from './browser';

interface WorkerFixtures {
  server: FixtureServer;
  display: Display;
  firefox: Browser;
  baseline: Browser;
}

export const test = base.extend<object, WorkerFixtures>({
  server: serverFixture,
  display: [
    async ({}, use) => {
      const display = await startDisplay();
      await use(display);
      display.stop();
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ display, server: _ }, use) => {
      const browser = await launchFirefox(display, true);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // On a display of its own: a window on FaceVeil's display could cover the one a test reads (screen.ts).
  baseline: [
    async ({ server: _ }, use) => {
      const display = await startDisplay();
      const browser = await launchFirefox(display, false);
      await use(browser);
      await browser.close();
      display.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
