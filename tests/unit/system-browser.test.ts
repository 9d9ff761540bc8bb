// Finding the system browsers (Chromium; Firefox alike): CHROMIUM_PATH first (and it must work), then the usual places, else one sentence saying what to do.
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, findChromium, findFirefox, NoBrowser } from '../../scripts/lib/system-browser';

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
    expect(error).toBeInstanceOf(NoBrowser);
    expect((error as Error).message).toMatch(/^No Chromium found .*sudo apt-get install chromium.*CHROMIUM_PATH/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('findFirefox', () => {
  it("prefers Debian's ESR, and names its package when there is none", () => {
    expect(findFirefox({ env: {}, isExecutable: only('/usr/bin/firefox', '/usr/bin/firefox-esr') })).toBe('/usr/bin/firefox-esr');
    expect(() => findFirefox({ env: {}, isExecutable: only() })).toThrow(/^No Firefox found .*sudo apt-get install firefox-esr.*FIREFOX_PATH/);
    expect(() => findFirefox({ env: { FIREFOX_PATH: '/nope' }, isExecutable: only('/usr/bin/firefox-esr') })).toThrow(/FIREFOX_PATH is set to \/nope/);
  });
});
