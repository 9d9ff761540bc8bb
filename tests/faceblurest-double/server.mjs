// Test double of the FaceBlurest REST API (contract: /work/shared/faceblurest-api.md), node:http only.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

export const FACE_TAG_ID = '6b333d95-e461-4155-890c-9921158f7d17';
/** Whole request (request line + headers + body); matches the client's own reading of "5 MB". */
export const MAX_REQUEST_BYTES = 5_000_000;
const MINUTE = 60_000;

/** @typedef {{left:number, top:number, width:number, height:number}} Box */
/** @typedef {{probability:number, boundingBox:Box}} RawPrediction */
/** @typedef {{input:'base64'|'url', bytes:Buffer, url?:string}} ImageInfo */
/** @typedef {{mode:'none'|'500'|'timeout'|'non-json'|'error-code', code?:string}} Failure */
/**
 * @typedef {object} Options
 * @property {number} [port]
 * @property {Record<string,string>} [users] name -> password
 * @property {number} [perMinute] requests per minute per user (paid: 50)
 * @property {number} [perDay] requests per UTC day per user (trial default: 50)
 * @property {boolean} [trial]
 * @property {number} [latencyMs]
 * @property {Failure} [failures]
 * @property {'200'|'mapped'} [errorStatus] HTTP status of error arrays: always 200 (default) or a fitting 4xx/5xx
 * @property {RawPrediction[] | ((info: ImageInfo) => RawPrediction[])} [predictions]
 * @property {(url: string) => boolean} [allowUrl] which photo_url the double will fetch
 */

/** Two confident faces and one weak one, which (like the service) is billed but not returned. */
const DEFAULT_PREDICTIONS = [
  { probability: 0.92, boundingBox: { left: 0.2416, top: 0.2653, width: 0.1373, height: 0.2831 } },
  { probability: 0.61, boundingBox: { left: 0.6, top: 0.3, width: 0.12, height: 0.25 } },
  { probability: 0.15, boundingBox: { left: 0.05, top: 0.7, width: 0.05, height: 0.08 } },
];

const DESCRIPTIONS = {
  1001: 'Authorization header is empty or not Basic',
  1002: 'Daily request limit exceeded in trial mode (50 requests/day)',
  1004: 'Request quota exceeded',
  1007: 'Reader is NULL for trial',
  1012: 'Database error: simulated failure',
  1013: 'Request too long (over 5 MB) or nothing uploaded',
  1014: 'Invalid request data',
  2001: 'Invalid request data after passing to the API',
};

/** 'mapped' mode: what a REST-minded implementation would send. The real service's choice is unpublished. */
const MAPPED_STATUS = { 1001: 401, 1002: 429, 1003: 402, 1004: 429, 1005: 402, 1006: 402, 1007: 401, 1008: 401, 1013: 413, 1014: 400, 2001: 400 };

/** Known image signatures: JPEG, PNG, GIF, WebP (RIFF), BMP. Anything else is "not a photo" (2001). */
const looksLikeImage = (b) =>
  (b[0] === 0xff && b[1] === 0xd8) || b.subarray(0, 4).toString('latin1') === '\x89PNG' ||
  ['GIF8', 'RIFF'].includes(b.subarray(0, 4).toString('latin1')) || b.subarray(0, 2).toString('latin1') === 'BM';

/** @param {Options} [initial] */
export async function startFaceBlurestDouble(initial = {}) {
  /** @type {Required<Omit<Options,'perDay'|'port'>> & {perDay?: number}} */
  const o = { users: { test: 'secret' }, perMinute: 50, trial: false, latencyMs: 0, failures: { mode: 'none' },
    errorStatus: '200', predictions: DEFAULT_PREDICTIONS, allowUrl: (u) => u.startsWith('http://127.0.0.1'), ...initial };
  const stats = { requests: 0, byInput: { base64: 0, url: 0 }, succeeded: 0, errors: /** @type {Record<string,number>} */ ({}),
    predictionsBilled: 0, lastHeaders: /** @type {http.IncomingHttpHeaders|null} */ (null) };
  /** @type {Map<string, number[]>} */ const minute = new Map();
  /** @type {Map<string, number>} */ const daily = new Map();

  const send = (res, status, body, type = 'application/json; charset=utf-8', extra = {}) => {
    if (res.writableEnded || res.destroyed) return;
    setTimeout(() => {
      res.writeHead(status, { 'Content-Type': type, ...extra });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    }, o.latencyMs);
  };
  const fail = (res, cd, description = DESCRIPTIONS[cd] ?? 'Error', status, extra) => {
    stats.errors[cd] = (stats.errors[cd] ?? 0) + 1;
    const code = status ?? (o.errorStatus === 'mapped' ? MAPPED_STATUS[cd] ?? 500 : 200);
    send(res, code, [{ cd: String(cd), description }], undefined, extra);
  };

  /** Reads the body; past the limit keeps draining (so the client reads our answer, not a reset) but stores nothing. */
  const readBody = (req, headerBytes) => new Promise((resolve, reject) => {
    const chunks = []; let size = headerBytes; let tooBig = false;
    req.on('data', (c) => { size += c.length; if (size > MAX_REQUEST_BYTES) tooBig = true; else chunks.push(c); if (size > 64 * MAX_REQUEST_BYTES) req.destroy(); });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });

  async function handle(req, res) {
    stats.requests += 1;
    stats.lastHeaders = req.headers;
    if (req.method !== 'POST') { req.resume(); return fail(res, 1014, 'Invalid request data: only POST is accepted', 405); }
    const auth = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
    if (!auth) { req.resume(); return fail(res, 1001); }
    const [user, ...rest] = Buffer.from(auth[1], 'base64').toString('utf8').split(':');
    // Unknown user or wrong password: the service finds no trial row for the login, hence 1007.
    if (!Object.hasOwn(o.users, user) || o.users[user] !== rest.join(':')) { req.resume(); return fail(res, 1007); }

    const now = Date.now(); const day = new Date(now).toISOString().slice(0, 10);
    const starts = (minute.get(user) ?? []).filter((t) => t > now - MINUTE);
    const perDay = o.perDay ?? (o.trial ? 50 : undefined);
    // Trial: the published 1002. A per-day cap on a paid account (not in the contract) reuses 1004 "quota exceeded".
    if (perDay !== undefined && (daily.get(`${user}|${day}`) ?? 0) >= perDay) {
      req.resume(); return fail(res, o.trial ? 1002 : 1004);
    }
    // The contract has no per-minute code: answer 1004 but always with HTTP 429 + Retry-After to mark it transient.
    if (starts.length >= o.perMinute) {
      req.resume(); const retry = Math.ceil(((starts[0] ?? now) + MINUTE - now) / 1000);
      return fail(res, 1004, `Request quota exceeded: more than ${o.perMinute} requests per minute`, 429, { 'Retry-After': String(retry) });
    }
    minute.set(user, [...starts, now]);
    daily.set(`${user}|${day}`, (daily.get(`${user}|${day}`) ?? 0) + 1);

    const headerBytes = req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0) + (req.url?.length ?? 0) + 16;
    const raw = await readBody(req, headerBytes);
    if (raw === null || raw.length === 0) return fail(res, 1013);

    const mode = o.failures.mode;
    if (mode === 'timeout') return; // never answer; close() drops the connection
    if (mode === '500') return send(res, 500, '<html><body>Runtime Error</body></html>', 'text/html');
    if (mode === 'non-json') return send(res, 200, '<html><body>Server busy</body></html>', 'text/html');
    if (mode === 'error-code') return fail(res, o.failures.code ?? '1012');

    let body;
    try { body = JSON.parse(raw.toString('utf8')); } catch { return fail(res, 1014, 'Invalid request data: body is not JSON'); }
    const b64 = body?.base64_Photo_String; const url = body?.photo_url;
    if (typeof b64 !== 'string' || typeof url !== 'string' || (b64 === 'NO') === (url === 'NO')) {
      return fail(res, 1014, 'Invalid request data: set exactly one of base64_Photo_String and photo_url, the other to "NO"');
    }
    /** @type {ImageInfo} */ let info;
    if (b64 !== 'NO') {
      stats.byInput.base64 += 1;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return fail(res, 2001, 'Invalid request data after passing to the API: bad base64');
      info = { input: 'base64', bytes: Buffer.from(b64, 'base64') };
    } else {
      stats.byInput.url += 1;
      if (!o.allowUrl(url)) return fail(res, 2001, 'Invalid request data after passing to the API: photo_url not reachable');
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        info = { input: 'url', url, bytes: Buffer.from(await r.arrayBuffer()) };
      } catch (e) { return fail(res, 2001, `Invalid request data after passing to the API: cannot download photo (${e.message})`); }
    }
    if (!looksLikeImage(info.bytes)) return fail(res, 2001, 'Invalid request data after passing to the API: not an image');

    const all = typeof o.predictions === 'function' ? o.predictions(info) : o.predictions;
    stats.predictionsBilled += all.length; // billed for every prediction, returned only above 0.20
    stats.succeeded += 1;
    send(res, 200, {
      created: new Date(now).toISOString(),
      predictions: all.filter((p) => p.probability > 0.2).map((p) => ({
        probability: p.probability, tagId: FACE_TAG_ID, tagName: 'Human Face', boundingBox: p.boundingBox, boundingBoxPhoto: '' })),
      final_photo: info.bytes.toString('base64'), // echo; the double does not blur
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain'); });
  });
  await new Promise((resolve) => server.listen(initial.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/faceblurest.aspx`,
    stats,
    /** @param {Partial<Options>} partial */
    setOptions(partial) { Object.assign(o, partial); },
    /** Forget per-minute/per-day counters (e.g. between tests). */
    resetLimits() { minute.clear(); daily.clear(); },
    close() {
      server.closeAllConnections(); // includes connections held open by the 'timeout' failure mode
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

// CLI: node tests/faceblurest-double/server.mjs --port 8787 [--user name:pass] [--trial] [--per-minute N] [--per-day N] [--latency MS] [--mapped]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const [name, ...pass] = (arg('--user') ?? 'test:secret').split(':');
  const num = (v) => (v === undefined ? undefined : Number(v));
  const double = await startFaceBlurestDouble({
    port: num(arg('--port')) ?? 8787, users: { [name]: pass.join(':') }, trial: args.includes('--trial'),
    perMinute: num(arg('--per-minute')) ?? 50, perDay: num(arg('--per-day')), latencyMs: num(arg('--latency')) ?? 0,
    errorStatus: args.includes('--mapped') ? 'mapped' : '200',
  });
  console.log(`FaceBlurest double listening on ${double.url} (user ${name})`);
  process.on('SIGINT', () => { void double.close().then(() => process.exit(0)); });
}
