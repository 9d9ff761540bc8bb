// A Chromium found through CHROMIUM_PATH (here: under another name, in another folder) runs FaceVeil, and a wrong one is refused plainly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../../scripts/lib/system-browser';
import { launch } from './support/browser';
import { expect, test } from './support/fixtures';
import { expectCovered, openBaseline, pageUrl } from './support/helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const ensure = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browsers.ts'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

test('CHROMIUM_PATH names the browser that runs FaceVeil; a wrong one stops with what to do', async ({ baseline, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'faceveil-chromium-'));
  const link = join(dir, 'my-chromium');
  symlinkSync(findChromium(), link);
  try {
    expect(findChromium({ env: { CHROMIUM_PATH: link } })).toBe(link);
    expect(ensure({ CHROMIUM_PATH: link }).status).toBe(0);
    const wrong = ensure({ CHROMIUM_PATH: join(dir, 'missing') });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe(`CHROMIUM_PATH is set to ${join(dir, 'missing')}, which is not an executable file: point it at a Chromium binary, or unset it.`);

    const context = await launch({ extension: true, executablePath: findChromium({ env: { CHROMIUM_PATH: link } }) });
    try {
      const url = pageUrl(server, 'group.html');
      const base = await openBaseline(baseline, url);
      const page = await context.newPage();
      await page.goto(url);
      await expectCovered(page, base, 'img[data-label="group/faceapi__sample1.jpg"]');
      await base.close();
    } finally {
      await context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
