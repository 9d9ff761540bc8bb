// User settings: their shape, defaults and validation (pure: content scripts use it too; storage is in settings-store.ts).
import type { DelegatePreference } from './detect/blazeface/delegate';
import { DEFAULT_DETECTOR } from './detect/config';
import { DETECTOR_CHOICES, type DetectorChoice } from './detect/engine';
import type { VideoMode } from './video/policy';

export type OverlayShape = 'ellipse' | 'rect';
export type TimeoutPolicy = 'keep-blurred' | 'reveal';

export interface Settings {
  /** Global switch: off means FaceVeil does nothing on any site (context-menu actions still work). */
  enabled: boolean;
  /** Hostnames where automatic blurring is switched off. */
  disabledSites: string[];
  /** Minimum detector score for a face to be blurred, 0..1. Applied live, without rescanning. */
  threshold: number;
  /** 1 (light) .. 10 (heavy); the blur radius is this times a fraction of the face height. */
  blurStrength: number;
  shape: OverlayShape;
  /** Keep every image invisible until its scan is done, so no face is ever shown sharp. */
  hideUntilScanned: boolean;
  /** After this long without a scan result an image gets `onTimeout` treatment. */
  scanTimeoutMs: number;
  onTimeout: TimeoutPolicy;
  /** Images whose natural width or height is below this (px) are not scanned. */
  minImagePx: number;
  /** Where BlazeFace runs: "auto" uses the GPU (WebGL) only where it was measured faster. */
  delegate: DelegatePreference;
  /** Which engines look for faces (README, "How detection works"). */
  detector: DetectorChoice;
  /** The smallest face to find, as tall as it shows on screen (device px): sets the scale each image is scanned at. */
  minScreenFacePx: number;
  /** Playing videos: "strict" blurs the whole video whenever the covers may be off the faces, "smooth" only before the first scan. */
  videoMode: VideoMode;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledSites: [],
  threshold: 0.45,
  blurStrength: 6,
  shape: 'ellipse',
  hideUntilScanned: true,
  scanTimeoutMs: 10_000,
  onTimeout: 'keep-blurred',
  minImagePx: 40,
  delegate: 'auto',
  detector: DEFAULT_DETECTOR,
  minScreenFacePx: 8,
  videoMode: 'strict',
});

export const LIMITS = {
  threshold: { min: 0.2, max: 0.95 },
  blurStrength: { min: 3, max: 10 },
  scanTimeoutMs: { min: 1_000, max: 120_000 },
  minImagePx: { min: 16, max: 400 },
  minScreenFacePx: { min: 4, max: 40 },
  disabledSites: 5_000,
} as const;

export interface Validated<T> {
  value: T;
  /** One line per field that was dropped or repaired, for the log. */
  problems: string[];
}

type NumericKey = 'threshold' | 'blurStrength' | 'scanTimeoutMs' | 'minImagePx' | 'minScreenFacePx';

/**
 * Turns anything read from storage (or sent by the popup) into valid settings. Fields that are
 * valid are kept, broken ones fall back to their default one by one, so one bad field never costs
 * the user the rest of their settings.
 */
export function validateSettings(raw: unknown): Validated<Settings> {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (!isRecord(raw) && raw != null) problems.push(`settings: expected an object, got ${typeof raw}`);
  const out: Settings = { ...DEFAULT_SETTINGS, disabledSites: [] };

  for (const key of ['enabled', 'hideUntilScanned'] as const) {
    if (!(key in input)) continue;
    if (typeof input[key] === 'boolean') out[key] = input[key];
    else problems.push(`${key}: expected a boolean`);
  }
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (key === 'disabledSites' || !(key in input)) continue;
    const value = input[key];
    const { min, max } = LIMITS[key as NumericKey];
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${key}: expected a number`);
    else {
      out[key as NumericKey] = Math.min(max, Math.max(min, value));
      if (value < min || value > max) problems.push(`${key}: ${value} clamped to ${min}..${max}`);
    }
  }
  // Settings stored before the detector choice existed had a search depth where the smallest on-screen face size now is.
  if (!('minScreenFacePx' in input) && typeof input.searchDepth === 'string') {
    const px = ({ fast: 12, balanced: 8, thorough: 6 } as Record<string, number>)[input.searchDepth];
    if (px) out.minScreenFacePx = px;
  }
  const oneOf = <K extends keyof Settings>(key: K, allowed: readonly Settings[K][]) => {
    if (!(key in input)) return;
    const value = allowed.find((a) => a === input[key]);
    if (value === undefined) problems.push(`${key}: unknown value ${JSON.stringify(input[key])}`);
    else out[key] = value;
  };
  oneOf('shape', ['ellipse', 'rect']);
  oneOf('delegate', ['auto', 'CPU', 'GPU']);
  oneOf('detector', DETECTOR_CHOICES);
  oneOf('onTimeout', ['keep-blurred', 'reveal']);
  oneOf('videoMode', ['strict', 'smooth']);
  if ('disabledSites' in input) {
    const sites = Array.isArray(input.disabledSites) ? input.disabledSites : [];
    if (!Array.isArray(input.disabledSites)) problems.push('disabledSites: expected a list');
    const clean = sites.map((s) => (typeof s === 'string' ? normalizeSite(s) : null));
    if (clean.some((s) => s === null)) problems.push('disabledSites: dropped entries that are not host names');
    out.disabledSites = [...new Set(clean.filter((s): s is string => s !== null))].slice(0, LIMITS.disabledSites);
  }
  return { value: out, problems };
}

/** The key a site is switched by: its lower-case host name, without a trailing dot. */
export function normalizeSite(hostname: string): string | null {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.\-_:[\]]+$/.test(host) && host.length <= 253 ? host : null;
}

/** The site a tab's page belongs to, for the site switch: null where FaceVeil does not run (no http(s) page). */
export function siteOfUrl(url: string | undefined): string | null {
  try {
    const { protocol, hostname } = new URL(url ?? '');
    return protocol === 'http:' || protocol === 'https:' ? normalizeSite(hostname) : null;
  } catch {
    return null;
  }
}

/** Whether automatic blurring runs on a page of this host. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  const site = normalizeSite(hostname);
  return settings.enabled && (site === null || !settings.disabledSites.includes(site));
}

export function withSite(settings: Settings, hostname: string, active: boolean): Settings {
  const site = normalizeSite(hostname);
  if (site === null) return settings;
  const rest = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: active ? rest : [...rest, site] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
