import { defineConfig } from '@playwright/test';

// Each test starts its own Chromium with a fresh profile; two cores do not gain from parallel workers. The Firefox build
// is tested in Firefox (tests/e2e/firefox/, driven by puppeteer-core: Playwright's Firefox needs its own build).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  projects: [
    { name: 'chromium', testIgnore: 'firefox/**' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  globalTeardown: './tests/e2e/support/global-teardown.ts',
});
