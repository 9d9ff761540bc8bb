// Finding the system Chromium: CHROMIUM_PATH first (and it must work), then the usual places, else one sentence saying what to do.
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, findChromium, NoChromium } from '../../scripts/lib/chromium';

const only = (...paths: string[]) => (path: string) => paths.includes(path);

describe('findChromium', () => {
  it('takes CHROMIUM_PATH when it is an executable', () => {
    expect(findChromium({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' }, isExecutable: only('/opt/chromium/chrome', '/usr/bin/chromium') })).toBe(
      '/opt/chromium/chrome',
    );
  });

  it('refuses a CHROMIUM_PATH that does not work instead of silently using another browser', () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: '/nope' }, isExecutable: only('/usr/bin/chromium') })).toThrow(/CHROMIUM_PATH is set to \/nope/);
  });

  it('looks in the usual Debian and Ubuntu places, in order', () => {
    expect(findChromium({ env: {}, isExecutable: only('/usr/bin/chromium-browser', '/snap/bin/chromium') })).toBe('/usr/bin/chromium-browser');
    expect(CHROMIUM_CANDIDATES[0]).toBe('/usr/bin/chromium');
  });

  it('says in one sentence what to run when there is none', () => {
    let error: unknown;
    try {
      findChromium({ env: {}, isExecutable: only() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoChromium);
    expect((error as Error).message).toMatch(/^No Chromium found .*sudo apt-get install chromium.*CHROMIUM_PATH/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});
