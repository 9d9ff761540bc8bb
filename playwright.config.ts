import { defineConfig } from '@playwright/test';

// Each test starts its own Chromium with a fresh profile; two cores do not gain from parallel workers.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  globalTeardown: './tests/e2e/support/global-teardown.ts',
});
