// Unit tests for remote-API settings, credentials and the send gate (lib/remote/settings.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_REMOTE, credentialsItem, endpointHost, endpointOrigin, limitsFor, loadCredentials, loadRemoteSettings, needsConsent,
  remoteBlocker, remoteSettingsItem, validateCredentials, validateRemoteSettings, withSource, type Credentials, type RemoteSettings,
} from '@/lib/remote/settings';
import { english } from './support/english';

const LOCAL_DOUBLE = 'http://127.0.0.1:8787/faceblurest.aspx';
const creds = { username: 'test', password: 'secret' };

describe('validateRemoteSettings', () => {
  it('defaults to on-device detection with the published endpoint', () => {
    expect(validateRemoteSettings(undefined)).toEqual({ value: DEFAULT_REMOTE, problems: [] });
    expect(DEFAULT_REMOTE.source).toBe('local');
    expect(DEFAULT_REMOTE.endpoint).toBe('https://gatiosoft.ro/faceblurest.aspx');
  });
  it('repairs broken fields one by one and clamps numbers', () => {
    const { value, problems } = validateRemoteSettings({ source: 'cloud', plan: 'trial', perMinute: 500, timeoutMs: 'x', endpoint: 42, extra: 1 });
    expect(value).toEqual({ ...DEFAULT_REMOTE, plan: 'trial', perMinute: 50 });
    expect(problems).toHaveLength(4);
  });
  it('keeps valid values', () => {
    const raw = { source: 'both', endpoint: LOCAL_DOUBLE, consentOrigin: 'http://127.0.0.1:8787', consentAt: 5, plan: 'paid', perMinute: 2.4, timeoutMs: 2000 };
    expect(validateRemoteSettings(raw).value).toEqual({ ...raw, perMinute: 2 });
  });
});

describe('validateCredentials', () => {
  it('keeps strings (username trimmed, password verbatim) and drops anything else', () => {
    expect(validateCredentials({ username: ' me ', password: ' p w ' })).toEqual({ username: 'me', password: ' p w ' });
    expect(validateCredentials({ username: 3, password: null })).toEqual({ username: '', password: '' });
    expect(validateCredentials('x')).toEqual({ username: '', password: '' });
    expect(validateCredentials({ username: 'u', password: 'x'.repeat(1000) }).password).toHaveLength(256);
  });
});

describe('endpoint, consent and the gate', () => {
  it('accepts https and loopback http only', () => {
    expect(endpointOrigin('https://gatiosoft.ro/faceblurest.aspx')).toBe('https://gatiosoft.ro');
    expect(endpointOrigin(LOCAL_DOUBLE)).toBe('http://127.0.0.1:8787');
    expect(endpointOrigin('http://example.com/api')).toBeNull();
    expect(endpointOrigin('https://u:p@example.com/')).toBeNull();
    expect(endpointHost(LOCAL_DOUBLE)).toBe('127.0.0.1:8787');
  });
  it('records consent for the endpoint origin when turned on, and drops it when turned off', () => {
    const on = withSource({ ...DEFAULT_REMOTE, endpoint: LOCAL_DOUBLE }, 'remote', 1000);
    expect(on).toMatchObject({ source: 'remote', consentOrigin: 'http://127.0.0.1:8787', consentAt: 1000 });
    expect(withSource(on, 'local', 2000)).toMatchObject({ source: 'local', consentOrigin: '', consentAt: 0 });
  });
  it('asks for consent when turning on, or for a new host, not between remote and both', () => {
    const off = { ...DEFAULT_REMOTE, endpoint: LOCAL_DOUBLE };
    expect(needsConsent(off, 'remote')).toBe(true);
    expect(needsConsent(off, 'local')).toBe(false);
    const on = withSource(off, 'remote', 1);
    expect(needsConsent(on, 'both')).toBe(false);
    expect(needsConsent(on, 'both', 'https://other.example/api')).toBe(true);
  });
  it('blocks remote calls unless on, valid, confirmed for this origin and logged in', () => {
    const on = withSource({ ...DEFAULT_REMOTE, endpoint: LOCAL_DOUBLE }, 'remote', 1);
    expect(remoteBlocker(on, creds)).toBeNull();
    const blocker = (s: RemoteSettings, c: Credentials) => english(remoteBlocker(s, c)!);
    expect(blocker({ ...on, source: 'local' }, creds)).toBe('remote detection is off.');
    expect(blocker({ ...on, endpoint: 'http://evil.example/x' }, creds)).toBe('The endpoint must use https:// (plain http:// is allowed only for localhost).');
    expect(blocker({ ...on, endpoint: 'https://other.example/x' }, creds)).toBe('uploads to other.example were not confirmed; turn the remote API on again.');
    expect(blocker({ ...on, consentOrigin: '' }, creds)).toBe('uploads to 127.0.0.1:8787 were not confirmed; turn the remote API on again.');
    expect(blocker(on, { username: 'test', password: '' })).toBe('no FaceBlurest username and password are set.');
  });
  it('limits follow the plan with the user’s per-minute cap', () => {
    expect(limitsFor({ ...DEFAULT_REMOTE, perMinute: 10 })).toMatchObject({ perMinute: 10, predictionsPerMonth: 10_000 });
    expect(limitsFor({ ...DEFAULT_REMOTE, plan: 'trial' })).toMatchObject({ perMinute: 50, perDay: 50 });
  });
});

describe('storage', () => {
  beforeEach(() => fakeBrowser.reset());
  it('keeps settings and credentials in separate storage.local items', async () => {
    await remoteSettingsItem.setValue({ ...DEFAULT_REMOTE, source: 'both' });
    await credentialsItem.setValue(creds);
    const all = await fakeBrowser.storage.local.get(null);
    expect(all.remoteSettings).toMatchObject({ source: 'both' });
    expect(all.remoteSettings).not.toHaveProperty('password');
    expect(all.remoteCredentials).toEqual(creds);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await loadCredentials()).toEqual(creds);
  });
  it('repairs what it loads', async () => {
    await fakeBrowser.storage.local.set({ remoteSettings: { source: 'nope', perMinute: -3 } });
    expect(await loadRemoteSettings()).toEqual({ ...DEFAULT_REMOTE, perMinute: 1 });
  });
});
