// Remote API settings and credentials: shapes, defaults, validation, storage items, and the gate for sending.
import { storage } from '@wxt-dev/storage';
import { checkEndpoint } from '../faceblurest/request';
import { PAID_LIMITS, TRIAL_LIMITS, type Limits } from '../faceblurest/rate-limiter';
import { phrase, type Phrase } from '../phrase';
import type { Validated } from '../settings';

/** Where faces are detected: on this machine, by the remote API, or both (their union). */
export type DetectionSource = 'local' | 'remote' | 'both';
export type RemotePlan = 'paid' | 'trial';

export interface RemoteSettings {
  source: DetectionSource;
  endpoint: string;
  /**
   * Origin the user explicitly agreed to upload images to ('' = none). Remote calls need it to equal
   * the endpoint's origin, so a changed endpoint (or a settings write that skipped the UI) sends nothing.
   */
  consentOrigin: string;
  /** When that agreement was given (ms since epoch), for the record shown in the options page. */
  consentAt: number;
  plan: RemotePlan;
  /** Client-side cap on requests per minute (the service allows 50). */
  perMinute: number;
  /** How long to wait for one answer before detecting on-device instead. */
  timeoutMs: number;
}

/** Kept apart from settings so no code path that reads settings (content scripts do) ever sees them. */
export interface Credentials {
  username: string;
  password: string;
}

export const DEFAULT_ENDPOINT = 'https://gatiosoft.ro/faceblurest.aspx';

export const DEFAULT_REMOTE: Readonly<RemoteSettings> = Object.freeze({
  source: 'local',
  endpoint: DEFAULT_ENDPOINT,
  consentOrigin: '',
  consentAt: 0,
  plan: 'paid',
  perMinute: 50,
  timeoutMs: 15_000,
});

export const REMOTE_LIMITS = {
  perMinute: { min: 1, max: 50 },
  timeoutMs: { min: 2_000, max: 60_000 },
  credential: 256,
} as const;

const SOURCES: DetectionSource[] = ['local', 'remote', 'both'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same style as validateSettings: each broken field falls back to its default on its own. */
export function validateRemoteSettings(raw: unknown): Validated<RemoteSettings> {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (!isRecord(raw) && raw != null) problems.push(`remote settings: expected an object, got ${typeof raw}`);
  const out: RemoteSettings = { ...DEFAULT_REMOTE };
  if ('source' in input) {
    if (SOURCES.includes(input.source as DetectionSource)) out.source = input.source as DetectionSource;
    else problems.push(`source: unknown value ${JSON.stringify(input.source)}`);
  }
  if ('plan' in input) {
    if (input.plan === 'paid' || input.plan === 'trial') out.plan = input.plan;
    else problems.push(`plan: unknown value ${JSON.stringify(input.plan)}`);
  }
  if ('endpoint' in input) {
    if (typeof input.endpoint === 'string' && input.endpoint.length <= 2048) out.endpoint = input.endpoint.trim();
    else problems.push('endpoint: expected a URL string');
  }
  if ('consentOrigin' in input) {
    if (typeof input.consentOrigin === 'string' && input.consentOrigin.length <= 2048) out.consentOrigin = input.consentOrigin;
    else problems.push('consentOrigin: expected a string');
  }
  for (const key of ['consentAt', 'perMinute', 'timeoutMs'] as const) {
    if (!(key in input)) continue;
    const value = input[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${key}: expected a number`);
      continue;
    }
    const { min, max } = key === 'consentAt' ? { min: 0, max: Number.MAX_SAFE_INTEGER } : REMOTE_LIMITS[key];
    out[key] = Math.min(max, Math.max(min, key === 'perMinute' ? Math.round(value) : value));
    if (value < min || value > max) problems.push(`${key}: ${value} clamped to ${min}..${max}`);
  }
  return { value: out, problems };
}

export function validateCredentials(raw: unknown): Credentials {
  const input = isRecord(raw) ? raw : {};
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, REMOTE_LIMITS.credential) : '');
  return { username: text(input.username).trim(), password: text(input.password) };
}

/** The endpoint's origin when it is an acceptable endpoint (https, or http to this machine), else null. */
export function endpointOrigin(endpoint: string): string | null {
  if (!checkEndpoint(endpoint).ok) return null;
  return new URL(endpoint).origin;
}

/** What a user confirming "upload images to host" agrees to: the host is shown, the origin is recorded. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Turning remote detection on (after the user confirmed) records the consent; turning it off drops it. */
export function withSource(settings: RemoteSettings, source: DetectionSource, now: number): RemoteSettings {
  if (source === 'local') return { ...settings, source, consentOrigin: '', consentAt: 0 };
  return { ...settings, source, consentOrigin: endpointOrigin(settings.endpoint) ?? '', consentAt: now };
}

/** Whether choosing `source` for `endpoint` needs the user to confirm uploads first. */
export function needsConsent(settings: RemoteSettings, source: DetectionSource, endpoint = settings.endpoint): boolean {
  if (source === 'local') return false;
  return settings.source === 'local' || endpointOrigin(endpoint) !== settings.consentOrigin;
}

/** Why remote detection cannot run now; null when it may. */
export function remoteBlocker(settings: RemoteSettings, creds: Credentials): Phrase | null {
  if (settings.source === 'local') return phrase('faceblurest.remoteOff');
  const endpoint = checkEndpoint(settings.endpoint);
  if (!endpoint.ok) return endpoint.reason;
  if (!settings.consentOrigin || settings.consentOrigin !== endpointOrigin(settings.endpoint)) {
    return phrase('faceblurest.notConfirmed', [endpointHost(settings.endpoint)]);
  }
  if (!creds.username || !creds.password) return phrase('faceblurest.noLogin');
  return null;
}

export function limitsFor(settings: RemoteSettings): Limits {
  return { ...(settings.plan === 'trial' ? TRIAL_LIMITS : PAID_LIMITS), perMinute: settings.perMinute };
}

export const remoteSettingsItem = storage.defineItem<RemoteSettings>('local:remoteSettings', { fallback: DEFAULT_REMOTE, version: 1 });
/** storage.local only: never sync, so the password never leaves this browser profile except to the endpoint. */
export const credentialsItem = storage.defineItem<Credentials>('local:remoteCredentials', { fallback: { username: '', password: '' } });

export async function loadRemoteSettings(): Promise<RemoteSettings> {
  const { value, problems } = validateRemoteSettings(await remoteSettingsItem.getValue());
  if (problems.length) console.warn('[FaceVeil] remote settings repaired:', problems.join('; '));
  return value;
}

export async function loadCredentials(): Promise<Credentials> {
  return validateCredentials(await credentialsItem.getValue());
}
