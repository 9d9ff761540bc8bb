import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, isActiveOn, normalizeSite, siteOfUrl, validateSettings, withSite } from '@/lib/settings';
import { loadSettings, settingsItem, updateSettings } from '@/lib/settings-store';

describe('validateSettings', () => {
  it('returns the defaults for nothing stored', () => {
    expect(validateSettings(undefined)).toEqual({ value: DEFAULT_SETTINGS, problems: [] });
  });
  it('keeps valid fields and repairs broken ones one by one, saying why', () => {
    const { value, problems } = validateSettings({
      enabled: false,
      threshold: 7,
      blurStrength: 'heavy',
      shape: 'star',
      disabledSites: ['Example.COM.', 42, 'ok.org'],
      somethingNew: true,
    });
    expect(value.enabled).toBe(false);
    expect(value.threshold).toBe(0.95);
    expect(value.blurStrength).toBe(DEFAULT_SETTINGS.blurStrength);
    expect(value.shape).toBe('ellipse');
    expect(value.disabledSites).toEqual(['example.com', 'ok.org']);
    expect(value).not.toHaveProperty('somethingNew');
    expect(problems).toHaveLength(4);
  });
  it('fills fields that an older release did not store', () => {
    const { value, problems } = validateSettings({ enabled: true, threshold: 0.6 });
    expect(value).toEqual({ ...DEFAULT_SETTINGS, threshold: 0.6 });
    expect(problems).toEqual([]);
  });
  it('accepts strict and smooth video modes only, strict by default', () => {
    expect(DEFAULT_SETTINGS.videoMode).toBe('strict');
    expect(validateSettings({ videoMode: 'smooth' }).value.videoMode).toBe('smooth');
    const bad = validateSettings({ videoMode: 'fast' });
    expect(bad.value.videoMode).toBe('strict');
    expect(bad.problems).toEqual(['videoMode: unknown value "fast"']);
  });
  it('accepts the three delegate choices only', () => {
    expect(validateSettings({ delegate: 'GPU' }).value.delegate).toBe('GPU');
    expect(validateSettings({ delegate: 'TPU' }).value.delegate).toBe('auto');
  });
  it('accepts the three detector choices only, and clamps the smallest on-screen face', () => {
    expect(validateSettings({ detector: 'yunet+blazeface' }).value.detector).toBe('yunet+blazeface');
    const bad = validateSettings({ detector: 'opencv', minScreenFacePx: 1 });
    expect(bad.value.detector).toBe(DEFAULT_SETTINGS.detector);
    expect(bad.value.minScreenFacePx).toBe(4);
    expect(bad.problems).toHaveLength(2);
  });
  it("carries an older release's search depth over to the smallest on-screen face", () => {
    expect(validateSettings({ searchDepth: 'thorough' }).value.minScreenFacePx).toBe(6);
    expect(validateSettings({ searchDepth: 'fast' }).value.minScreenFacePx).toBe(12);
    expect(validateSettings({ searchDepth: 'fast', minScreenFacePx: 10 }).value.minScreenFacePx).toBe(10);
    expect(validateSettings({ searchDepth: 'bogus' }).value).toEqual(DEFAULT_SETTINGS);
  });
  it('rejects non-finite numbers and non-objects', () => {
    expect(validateSettings({ scanTimeoutMs: Number.NaN }).value.scanTimeoutMs).toBe(DEFAULT_SETTINGS.scanTimeoutMs);
    expect(validateSettings('garbage').problems[0]).toMatch(/expected an object/);
    expect(validateSettings([1, 2]).value).toEqual(DEFAULT_SETTINGS);
  });
});

describe('sites', () => {
  it('normalizes host names and refuses junk', () => {
    expect(normalizeSite(' WWW.Example.com. ')).toBe('www.example.com');
    expect(normalizeSite('not a host')).toBeNull();
  });
  it("tells a tab's site from its URL, only for web pages", () => {
    expect(siteOfUrl('https://News.Example.com:8443/a?b#c')).toBe('news.example.com');
    expect(siteOfUrl('http://127.0.0.1:5173/')).toBe('127.0.0.1');
    for (const url of ['chrome://extensions/', 'file:///tmp/a.html', 'about:blank', 'not a url', undefined]) expect(siteOfUrl(url)).toBeNull();
  });
  it('switches a site off and on without touching others', () => {
    const off = withSite({ ...DEFAULT_SETTINGS, disabledSites: ['a.com'] }, 'b.com', false);
    expect(off.disabledSites).toEqual(['a.com', 'b.com']);
    expect(isActiveOn(off, 'B.com')).toBe(false);
    expect(isActiveOn(off, 'c.com')).toBe(true);
    expect(withSite(off, 'b.com', true).disabledSites).toEqual(['a.com']);
  });
  it('the global switch wins over the site list', () => {
    expect(isActiveOn({ ...DEFAULT_SETTINGS, enabled: false }, 'c.com')).toBe(false);
  });
});

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('persists validated changes', async () => {
    await updateSettings(() => ({ threshold: 0.7, shape: 'rect' }));
    expect(await loadSettings()).toMatchObject({ threshold: 0.7, shape: 'rect' });
    expect(await settingsItem.getValue()).toMatchObject({ threshold: 0.7 });
  });
  it('never loses settings to one corrupt field in storage', async () => {
    await fakeBrowser.storage.local.set({ settings: { threshold: 0.8, blurStrength: null, disabledSites: 'x' } });
    const loaded = await loadSettings();
    expect(loaded.threshold).toBe(0.8);
    expect(loaded.blurStrength).toBe(DEFAULT_SETTINGS.blurStrength);
    expect(loaded.disabledSites).toEqual([]);
  });
  it('an invalid change is repaired before it is written', async () => {
    await updateSettings(() => ({ scanTimeoutMs: -5 }));
    const stored = (await fakeBrowser.storage.local.get('settings')) as { settings: { scanTimeoutMs: number } };
    expect(stored.settings.scanTimeoutMs).toBe(1000);
  });
});
