// Serves one data folder on 127.0.0.1 for the evaluation (any folder: paths are URL-decoded, unlike the e2e fixture server).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, relative, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
};

export interface StaticServer {
  /** URL of a file in the folder, given its path relative to the folder (as in labels.json). */
  urlOf(file: string): string;
  close(): Promise<void>;
}

export async function serveFolder(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let file: string;
    try {
      file = resolve(root, '.' + decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    } catch {
      return void res.writeHead(400).end();
    }
    const inside = !relative(root, file).startsWith('..') && (file + sep).startsWith(root + sep);
    let size = -1;
    try {
      if (inside && statSync(file).isFile()) size = statSync(file).size;
    } catch {
      /* missing: 404 below */
    }
    if (size < 0) return void res.writeHead(404).end('not found');
    // no-store: every scan must really fetch, as it would for a new picture on the web.
    res.writeHead(200, { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlOf: (file) => `${origin}/${file.split('/').map(encodeURIComponent).join('/')}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
