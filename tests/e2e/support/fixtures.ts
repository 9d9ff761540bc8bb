// Playwright fixtures: the fixture server, one extension profile per spec file, and a baseline browser without FaceVeil.
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { extensionId as readExtensionId, launch } from './browser';
import { serverFixture, type FixtureServer } from './server';

/** Keeps one extension profile per spec file: tests in a file share it, the next file starts fresh. */
class ProfilePerFile {
  private current?: { file: string; context: Promise<BrowserContext> };

  async get(file: string): Promise<BrowserContext> {
    if (this.current?.file !== file) {
      await this.close();
      this.current = { file, context: launch({ extension: true }) };
    }
    return this.current.context;
  }

  async close(): Promise<void> {
    const context = this.current?.context;
    this.current = undefined;
    await (await context?.catch(() => undefined))?.close();
  }
}

interface WorkerFixtures {
  server: FixtureServer;
  /** Chromium without the extension, for "what the page looks like without FaceVeil". */
  baseline: BrowserContext;
  profiles: ProfilePerFile;
}

interface TestFixtures {
  /** Chromium with FaceVeil, shared by the tests of one spec file. */
  context: BrowserContext;
  extensionId: string;
  /** A fresh tab in `context`, closed after the test. */
  page: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: serverFixture,
  // Browsers depend on the server so that it is torn down last, after their connections are gone.
  baseline: [
    async ({ server: _ }, use) => {
      const context = await launch({ extension: false });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  profiles: [
    async ({ server: _ }, use) => {
      const profiles = new ProfilePerFile();
      await use(profiles);
      await profiles.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ profiles }, use, testInfo) => {
    await use(await profiles.get(testInfo.file));
  },
  extensionId: async ({ context }, use) => {
    await use(await readExtensionId(context));
  },
  page: async ({ context }, use) => {
    const page = await context.newPage();
    // FaceVeil explains skipped and failed scans in the page console: keep that next to the test output.
    page.on('console', (m) => {
      if (m.text().includes('[FaceVeil]') && m.type() !== 'debug') console.log(`  page console ${m.type()}: ${m.text().slice(0, 300)}`);
    });
    await use(page);
    await page.close();
  },
});

export { expect } from '@playwright/test';
