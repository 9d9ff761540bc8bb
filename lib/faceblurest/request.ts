// Builds FaceBlurest requests and decides what may be sent where (endpoint, photo URL, size limit).
import { phrase, type Phrase } from '../phrase';
import type { BuiltRequest, RequestBody, RequestInput } from './types';

/** The service's limit on the whole request. 5,000,000 is below 5 MiB too, so either reading is safe. */
export const MAX_REQUEST_BYTES = 5_000_000;
/** Budget for the request line and headers (Authorization, Content-Type, what the browser adds). */
export const HEADER_ALLOWANCE_BYTES = 4096;
const MAX_URL_LENGTH = 2048;

export type Check = { ok: true } | { ok: false; reason: Phrase };

function parseUrl(url: string): URL | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Hostnames that are this machine. URL normalises "127.1", "0x7f.0.0.1" etc. to dotted form. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The endpoint receives the credentials, so it must be https; plain http is allowed only to this
 * machine (a local proxy or the test double). No credentials in the URL: they go in the header only.
 */
export function checkEndpoint(url: string): Check {
  const u = parseUrl(url);
  if (!u) return { ok: false, reason: phrase('faceblurest.endpointInvalid') };
  if (u.username || u.password) return { ok: false, reason: phrase('faceblurest.endpointCredentials') };
  if (u.protocol === 'https:') return { ok: true };
  if (u.protocol === 'http:' && isLoopback(u.hostname)) return { ok: true };
  if (u.protocol === 'http:') return { ok: false, reason: phrase('faceblurest.endpointHttpLocal') };
  return { ok: false, reason: phrase('faceblurest.endpointHttps') };
}

function ipv4Private(a: number, b: number): boolean {
  return (
    a === 0 || a === 10 || a === 127 || a >= 224 || // this-network, private, loopback, multicast/reserved
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (incl. cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) // benchmarking
  );
}

function isPrivateHost(host: string): boolean {
  if (isLoopback(host)) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (v4) return ipv4Private(Number(v4[1]), Number(v4[2]));
  if (host.startsWith('[')) {
    const ip = host.slice(1, -1).toLowerCase();
    if (ip === '::' || ip === '::1' || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip) || /^ff/.test(ip)) return true;
    // IPv4-mapped (::ffff:a.b.c.d, normalised by URL to hex groups): judge the embedded IPv4 address.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (mapped) {
      const hi = parseInt(mapped[1] ?? '0', 16);
      return ipv4Private(hi >> 8, hi & 0xff);
    }
    return false;
  }
  // Single-label names ("router", "intranet") and .local/.internal resolve only on private networks.
  return !host.includes('.') || /\.(local|internal|lan|home|corp|intranet)$/.test(host);
}

/**
 * Whether an image URL may be handed to the service to fetch itself. Only public http(s) URLs: the
 * service could not reach anything else, and sending private addresses would leak the user's network.
 * (DNS names resolving to private IPs cannot be detected here; such fetches simply fail on the service.)
 */
export function canSendUrl(url: string): boolean {
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return false;
  if (u.username || u.password) return false;
  // A trailing dot ("localhost.") names the same host; drop it before judging.
  return !isPrivateHost(u.hostname.toLowerCase().replace(/\.$/, ''));
}

/** UTF-8 bytes of a string, e.g. a request body. */
export function requestSize(body: string): number {
  return new TextEncoder().encode(body).length;
}

const EMPTY_BODY_BYTES = requestSize(JSON.stringify({ base64_Photo_String: '', photo_url: 'NO' } satisfies RequestBody));

/** Longest base64 string (a multiple of 4) that keeps the whole request under MAX_REQUEST_BYTES. */
export function maxBase64Length(headerBytes = HEADER_ALLOWANCE_BYTES): number {
  const room = MAX_REQUEST_BYTES - 1 - headerBytes - EMPTY_BODY_BYTES;
  return Math.max(0, Math.floor(room / 4) * 4);
}

/** Largest image (raw bytes) whose base64 fits: the target for re-encoding/downscaling. */
export function maxImageBytes(headerBytes = HEADER_ALLOWANCE_BYTES): number {
  return (maxBase64Length(headerBytes) / 4) * 3;
}

/** Whether a built request stays under the limit, counting its headers plus the allowance for the rest. */
export function fitsSizeLimit(req: BuiltRequest): boolean {
  const headers = Object.entries(req.init.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
  return requestSize(req.init.body) + Math.max(headers, HEADER_ALLOWANCE_BYTES) < MAX_REQUEST_BYTES;
}

/** base64 of UTF-8 text; btoa alone rejects non-Latin-1 usernames/passwords. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface BuildOptions {
  endpoint: string;
  username: string;
  password: string;
  input: RequestInput;
}

/** The request per contract: POST, Basic auth, JSON with the unused input set to the string "NO". */
export function buildRequest({ endpoint, username, password, input }: BuildOptions): BuiltRequest {
  // The contract wants bare base64; tolerate a data: URL prefix rather than send something invalid.
  const body: RequestBody =
    'base64' in input
      ? { base64_Photo_String: input.base64.replace(/^data:[^,]*,/, ''), photo_url: 'NO' }
      : { base64_Photo_String: 'NO', photo_url: input.photoUrl };
  return {
    url: endpoint,
    init: {
      method: 'POST',
      headers: {
        Authorization: `Basic ${base64Utf8(`${username}:${password}`)}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify(body),
    },
  };
}
