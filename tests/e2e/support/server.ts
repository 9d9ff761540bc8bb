// Fixture server for e2e tests and the demo: pages from tests/e2e/pages, photos from the face data set, on two 127.0.0.1 origins.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const PAGES_DIR = join(ROOT, 'tests/e2e/pages');
export const DATA_DIR = resolve(process.env.FACEVEIL_DATA ?? join(ROOT, '../shared/facedata'));

/** `/lib/<name>/…`: the panorama viewers the e2e pages run, from node_modules (devDependencies; nothing else is served). */
const VIEWERS: Record<string, string> = {
  pannellum: 'pannellum/build',
  psv: '@photo-sphere-viewer/core',
  three: 'three/build',
  marzipano: 'marzipano/dist',
};
const VIEWER_DIR = (name: string | undefined) => (name && Object.hasOwn(VIEWERS, name) ? join(ROOT, 'node_modules', VIEWERS[name]!) : null);

const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.mjs': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.js': 'text/javascript',
};

export interface FixtureServer {
  /** Main origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** A second origin (another port) for cross-origin images. */
  crossOrigin: string;
  /** Every path requested, in order, with the origin that served it. */
  requests: string[];
  /** Requests made by fetch() rather than by a page element (Sec-Fetch-Dest "empty"): the extension reading images. */
  fetches: { url: string; at: number }[];
  /** Serves `bytes` at `/gen/NAME` on both origins (pictures made at test time: nothing large is committed). */
  put(name: string, bytes: Buffer, type: string): void;
  close(): Promise<void>;
}

/**
 * `/pages/X` serves tests/e2e/pages/X with `{{CROSS}}` replaced by the other origin; `/data/X` serves
 * the data set; `/lib/VIEWER/X` a panorama viewer's files. Query flags: `cors=1` adds CORS headers, `csp=1` a strict Content-Security-Policy (`csp=no-connect`: no fetch), `delay=MS` holds the answer back, `status=N`
 * answers with that status and no body, `salt=S` appends S after the image data (decoders ignore it; the picture
 * is the same but its bytes, and so its content hash, are new), `then=FILE` serves the named data file instead from
 * the second request for that URL on (a URL that starts serving another picture), `truncate=F` serves only the first
 * fraction F of the file (a download cut short). Two flags tell a page's own <img> load apart from anyone else
 * fetching the same URL (such as the extension's offscreen detector): `hotlink=1` answers 403 unless the
 * Referer is a fixture page (classic hotlink protection), `slowfetch=MS` holds back every answer that is
 * not for an image element (`Sec-Fetch-Dest` other than `image`).
 */
export async function startFixtureServer(port = 0): Promise<FixtureServer> {
  const requests: string[] = [];
  const fetches: { url: string; at: number }[] = [];
  const origins: string[] = [];
  const served = new Map<string, number>();
  const generated = new Map<string, { bytes: Buffer; type: string }>();
  const handler = (req: IncomingMessage, res: ServerResponse, self: number) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${origins[self]}${url.pathname}${url.search}`);
    if (req.headers['sec-fetch-dest'] === 'empty') fetches.push({ url: `${origins[self]}${url.pathname}${url.search}`, at: Date.now() });
    let delay = Number(url.searchParams.get('delay') ?? 0);
    if (req.headers['sec-fetch-dest'] !== 'image') delay += Number(url.searchParams.get('slowfetch') ?? 0);
    const fromPage = origins.some((o) => req.headers.referer?.startsWith(`${o}/`));
    const key = `${origins[self]}${url.pathname}${url.search}`;
    const seen = (served.get(key) ?? 0) + 1;
    served.set(key, seen);
    const then = url.searchParams.get('then');
    if (then && seen > 1) url.pathname = `/data/${then}`;
    setTimeout(() => serve(url, res, origins[1 - self]!, fromPage, generated), delay);
  };
  const a = createServer((req, res) => handler(req, res, 0));
  const b = createServer((req, res) => handler(req, res, 1));
  for (const [i, server] of [a, b].entries()) {
    await new Promise<void>((done) => server.listen(i === 0 ? port : 0, '127.0.0.1', done));
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    origin: origins[0]!,
    crossOrigin: origins[1]!,
    requests,
    fetches,
    put: (name, bytes, type) => void generated.set(name, { bytes, type }),
    close: async () => {
      await Promise.all([a, b].map((s: Server) => new Promise((done) => s.close(done))));
    },
  };
}

function serve(url: URL, res: ServerResponse, otherOrigin: string, fromPage: boolean, generated: Map<string, { bytes: Buffer; type: string }>): void {
  let status = Number(url.searchParams.get('status') ?? 200);
  if (url.searchParams.get('hotlink') === '1' && !fromPage) status = 403;
  if (url.searchParams.get('cors') === '1') res.setHeader('Access-Control-Allow-Origin', '*');
  // A strict page: no inline styles or scripts, pictures only from the two fixture origins.
  if (url.searchParams.get('csp') === '1') {
    res.setHeader('Content-Security-Policy', `default-src 'none'; style-src 'self'; img-src 'self' ${otherOrigin}; script-src 'none'`);
  }
  // A page whose scripts may not fetch anything (FaceVeil's page-world script included).
  if (url.searchParams.get('csp') === 'no-connect') res.setHeader('Content-Security-Policy', "connect-src 'none'");
  res.setHeader('Cache-Control', 'no-store');
  if (status !== 200) {
    res.writeHead(status).end();
    return;
  }
  const [, top, ...rest] = url.pathname.split('/');
  const made = top === 'gen' ? generated.get(rest.join('/')) : undefined;
  if (made) {
    res.setHeader('Content-Type', made.type);
    res.end(made.bytes);
    return;
  }
  const base = top === 'pages' ? PAGES_DIR : top === 'data' ? DATA_DIR : top === 'lib' ? VIEWER_DIR(rest[0]) : null;
  if (top === 'lib') rest.shift();
  const file = base && join(base, normalize(rest.join('/')).replace(/^(\.\.[/\\])+/, ''));
  if (!file || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.setHeader('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  const salt = url.searchParams.get('salt');
  if (extname(file) === '.html') {
    res.end(readFileSync(file, 'utf8').replaceAll('{{CROSS}}', otherOrigin));
  } else if (salt !== null) {
    res.end(Buffer.concat([readFileSync(file), Buffer.from(salt)]));
  } else if (url.searchParams.has('truncate')) {
    const bytes = readFileSync(file);
    res.end(bytes.subarray(0, Math.round(bytes.length * Number(url.searchParams.get('truncate')))));
  } else {
    createReadStream(file).pipe(res);
  }
}

/** The server as a Playwright worker fixture, for the Chromium and the Firefox suites. */
export const serverFixture: [(args: object, use: (server: FixtureServer) => Promise<void>) => Promise<void>, { scope: 'worker' }] = [
  async ({}, use) => {
    const server = await startFixtureServer();
    await use(server);
    await server.close();
  },
  { scope: 'worker' },
];
