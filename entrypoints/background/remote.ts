// Background side of the remote API: picks each scan's detection source, runs remote scans, tests connections.
import { storage } from '@wxt-dev/storage';
import { refusedError } from '@/lib/faceblurest/errors';
import { checkEndpoint } from '@/lib/faceblurest/request';
import type { ScanRequest } from '@/lib/messages';
import { phrase, PhraseError, samePhrase, type Phrase } from '@/lib/phrase';
import { dataUrlBytes, type Decoder } from '@/lib/remote/encode';
import type { CompareOutcome, CompareRequest, ConnectionTest, TestOutcome } from '@/lib/remote/messages';
import { RemoteScanner, TEST_IMAGE_BASE64, type RemoteScan, type SourceImage } from '@/lib/remote/remote-scan';
import { ResultCache, type Snapshot } from '@/lib/remote/result-cache';
import { RemoteService, type CallConfig } from '@/lib/remote/service';
import {
  endpointHost, endpointOrigin, limitsFor, loadCredentials, loadRemoteSettings, remoteBlocker,
  type Credentials, type DetectionSource, type RemoteSettings,
} from '@/lib/remote/settings';
import { remotePermissions } from '@/lib/remote/permissions';
import { configKey, isPaused, statusItem, updateStatus, usageItem, validateStatus, withError, withSuccess } from '@/lib/remote/status';

const MAX_IMAGE_BYTES = 60 * 1024 * 1024;
/** As the offscreen detector's own fetch (decode.ts). */
const FETCH_TIMEOUT_MS = 20_000;
const cacheItem = storage.defineItem<Snapshot | null>('local:remoteCache', { fallback: null });

const service = new RemoteService({
  fetch: (url, init) => fetch(url, init),
  loadUsage: () => usageItem.getValue(),
  saveUsage: (usage) => usageItem.setValue(usage),
});
const resultCache = new ResultCache({ load: () => cacheItem.getValue(), save: (s) => cacheItem.setValue(s) });

/** Service workers have createImageBitmap and OffscreenCanvas: no round trip to the offscreen document. */
const decode: Decoder = async (bytes, type) => {
  const bitmap = await createImageBitmap(new Blob([bytes.slice().buffer as ArrayBuffer], { type }));
  return {
    width: bitmap.width,
    height: bitmap.height,
    async encode(w, h, quality) {
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, w, h);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      return new Uint8Array(await blob.arrayBuffer());
    },
    close: () => bitmap.close(),
  };
};

/** The page's own pixels when the content script could read them, else the image fetched like the offscreen detector does. */
async function readImage(request: ScanRequest): Promise<SourceImage> {
  const url = /^https?:/i.test(request.src) ? request.src : undefined;
  // The file itself where there is one: the page's pixels are re-encoded, and shrunk to the size it shows them at,
  // so they would cost the service detail and give one picture a different content hash per view size.
  if (url) {
    const fetched = await fetchBytes(url).catch((error: unknown) => {
      if (!request.pixels) throw error;
      return null; // e.g. hotlink-protected: the page could load it, we cannot
    });
    if (fetched) return { ...fetched, url, wholeFile: true };
  }
  if (request.src.startsWith('data:')) return { ...dataUrlBytes(request.src), wholeFile: true };
  if (request.pixels) return { ...dataUrlBytes(request.pixels), url };
  throw new PhraseError(phrase('faceblurest.onlyHttp'));
}

async function fetchBytes(url: string): Promise<{ bytes: Uint8Array; type: string }> {
  // A server that never finishes must not hold the scan (and the image's cover) past the time limit's fallback.
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const response = await fetch(url, { credentials: 'include', cache: 'force-cache', signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) throw new PhraseError(phrase('faceblurest.unusableSize', [bytes.length]));
  return { bytes, type: response.headers.get('content-type') ?? '' };
}

const scanner = new RemoteScanner({ readImage, decode, cache: resultCache });

export interface Route {
  source: DetectionSource;
  /** Present when the remote API may be used for this scan. */
  remote?: { config: CallConfig; key: string };
}

const configOf = (s: RemoteSettings, c: Credentials): CallConfig => ({
  endpoint: s.endpoint, username: c.username, password: c.password, limits: limitsFor(s), timeoutMs: s.timeoutMs,
});

/** Records why remote detection was skipped, once per distinct reason (not once per image). */
function noteSkipped(reason: Phrase): void {
  const error = refusedError('bad-request', reason);
  void updateStatus((s) => (samePhrase(s.lastError?.text, error.text) ? s : withError(s, error, '', Date.now())));
}

/**
 * Remote detection only with: remote/both chosen, a valid endpoint whose origin the user confirmed,
 * a login, the host permission, and no pause after an error. Anything missing means on-device.
 */
export async function chooseRoute(): Promise<Route> {
  const [settings, creds] = await Promise.all([loadRemoteSettings(), loadCredentials()]);
  if (settings.source === 'local') {
    service.cancelQueued();
    return { source: 'local' };
  }
  const blocked = remoteBlocker(settings, creds);
  if (blocked) {
    noteSkipped(blocked);
    return { source: 'local' };
  }
  const origin = endpointOrigin(settings.endpoint)!;
  if (!(await browser.permissions.contains(remotePermissions(origin, browser.runtime.getManifest())).catch(() => false))) {
    noteSkipped(phrase('faceblurest.noPermission', [endpointHost(settings.endpoint)]));
    return { source: 'local' };
  }
  const key = await configKey(settings.endpoint, creds.username, creds.password);
  if (isPaused(validateStatus(await statusItem.getValue()), key, Date.now())) return { source: 'local' };
  return { source: settings.source, remote: { config: configOf(settings, creds), key } };
}

export async function scanRemote(request: ScanRequest, remote: NonNullable<Route['remote']>): Promise<RemoteScan> {
  const result = await scanner.scan(request, (input) => service.call(remote.config, input));
  const now = Date.now();
  if (!result.ok) void updateStatus((s) => withError(s, result.error, remote.key, now));
  else if (result.cached) noteSaved();
  else void updateStatus((s) => withSuccess(s, now));
  return result;
}

/** An upload avoided: a result for the same picture (URL or content) was already known. */
function noteSaved(): void {
  void updateStatus((s) => ({ ...s, savedByCache: s.savedByCache + 1 }));
}

export async function testConnection(test: ConnectionTest): Promise<TestOutcome> {
  const endpoint = checkEndpoint(test.endpoint);
  if (!endpoint.ok) return { ok: false, text: endpoint.reason };
  if (!test.username || !test.password) return { ok: false, text: phrase('faceblurest.testNoLogin') };
  const origin = new URL(test.endpoint).origin;
  if (!(await browser.permissions.contains(remotePermissions(origin, browser.runtime.getManifest())).catch(() => false))) {
    return { ok: false, text: phrase('faceblurest.testNoPermission', [endpointHost(test.endpoint)]) };
  }
  const config = configOf(await loadRemoteSettings(), test);
  const result = await service.call({ ...config, endpoint: test.endpoint }, { base64: TEST_IMAGE_BASE64 });
  if (!result.ok) return { ok: false, text: result.error.text };
  // A working login lifts a pause that was about this same login.
  const key = await configKey(test.endpoint, test.username, test.password);
  await updateStatus((s) => (s.pause?.key === key ? withSuccess(s, Date.now()) : s));
  const n = result.predictions.length;
  return { ok: true, text: phrase('faceblurest.testConnected', [n, endpointHost(test.endpoint)], n) };
}

/** The endpoint's host when remote detection may be used now (for the app's compare button), else null. */
export async function remoteHost(): Promise<string | null> {
  const route = await chooseRoute();
  return route.remote ? endpointHost(route.remote.config.endpoint) : null;
}

/** The Face Blur app's comparison: the same gate, queue, cache and usage counting as page scans. */
export async function compareRemote(request: CompareRequest): Promise<CompareOutcome> {
  const route = await chooseRoute();
  if (!route.remote) return { ok: false, text: phrase('faceblurest.compareNotReady') };
  const result = await scanRemote({ src: request.url ?? 'app:compare', pixels: request.pixels }, route.remote);
  if (!result.ok) return { ok: false, text: result.error.text };
  return { ok: true, faces: result.faces, cached: result.cached, host: endpointHost(route.remote.config.endpoint) };
}

export async function retryNow(): Promise<void> {
  await updateStatus((s) => ({ ...s, pause: null }));
}

export function clearRemoteCache(): Promise<number> {
  return resultCache.clear();
}
