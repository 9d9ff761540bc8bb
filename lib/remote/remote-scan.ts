// One image through the remote API: read it, look its content hash up, else prepare, upload and cache the faces.
import type { Face } from '../face';
import { hashBytes } from '../faceblurest/cache';
import { refusedError } from '../faceblurest/errors';
import { phrase, phraseOf } from '../phrase';
import type { ApiError, ApiResult, RequestInput } from '../faceblurest/types';
import { toFaces } from '../faceblurest/validate';
import type { ScanRequest } from '../messages';
import { prepareUpload, type Decoder, type Prepared } from './encode';
import type { ResultCache } from './result-cache';

export type RemoteScan =
  | {
      ok: true;
      faces: Face[];
      width: number;
      height: number;
      ms: number;
      cached: boolean;
      how?: Prepared['how'];
      /** The service saw the image file itself (not the page's pixels, which may be shrunk to the view). */
      wholeFile: boolean;
    }
  | { ok: false; error: ApiError };

/** The picture's bytes; `url` when they were fetched from a URL the service might fetch itself. */
export interface SourceImage {
  bytes: Uint8Array;
  type: string;
  url?: string;
  /** The bytes are the image file itself (fetched, or a data: URL), not the page's re-encoded pixels. */
  wholeFile?: boolean;
}

export interface ScannerDeps {
  readImage(request: ScanRequest): Promise<SourceImage>;
  decode: Decoder;
  cache: ResultCache;
  now?: () => number;
}

/** Sends one prepared input (through the rate limiter, with the user's endpoint and login). */
export type Send = (input: RequestInput) => Promise<ApiResult>;

/** 32x32 grey checkerboard PNG: what "Test connection" uploads instead of anything the user viewed. */
export const TEST_IMAGE_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAAAAABWESUoAAAAVElEQVR4AYXBQRECQBDEwJBCJSJWzCnmMQLS/fkxxzzmGAkSJEiQIEHC95jHHPMYCRIkSJAgQcLnxxzzmGMkSJAgQYIECd9jHnPMYyRIkCBBggQJf21dB9MlAtlhAAAAAElFTkSuQmCC';

const fail = (error: ApiError): RemoteScan => ({ ok: false, error });

export class RemoteScanner {
  /** Uploads under way per content hash: the same picture under two URLs at once is uploaded once. */
  private readonly pending = new Map<string, Promise<RemoteScan>>();
  private readonly now: () => number;

  constructor(private readonly deps: ScannerDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  /** Never throws; `cached` is true when no upload was made for this call. */
  async scan(request: ScanRequest, send: Send): Promise<RemoteScan> {
    const started = this.now();
    let image: SourceImage;
    let hash: string;
    try {
      image = await this.deps.readImage(request);
      hash = await hashBytes(image.bytes);
    } catch (e) {
      return fail(refusedError('bad-request', phrase('faceblurest.unreadable', [phraseOf(e)])));
    }
    const hit = await this.deps.cache.get(hash).catch(() => undefined);
    const wholeFile = image.wholeFile === true;
    if (hit) return { ok: true, ...hit, ms: 0, cached: true, wholeFile };
    const running = this.pending.get(hash);
    if (running) return running.then((r) => (r.ok ? { ...r, cached: true, wholeFile } : r));
    const job = this.upload(image, hash, send, started);
    this.pending.set(hash, job);
    try {
      return await job;
    } finally {
      this.pending.delete(hash);
    }
  }

  private async upload(image: SourceImage, hash: string, send: Send, started: number): Promise<RemoteScan> {
    let prepared: Prepared;
    let result: ApiResult;
    try {
      prepared = await prepareUpload(image.bytes, image.type, this.deps.decode, { url: image.url });
      result = await send(prepared.input);
      // A URL the service cannot fetch (login-only, hotlink-protected) is readable here: send the pixels instead.
      if (!result.ok && prepared.how === 'url' && result.error.code === '2001') {
        prepared = await prepareUpload(image.bytes, image.type, this.deps.decode);
        result = await send(prepared.input);
      }
    } catch (e) {
      return fail(refusedError('bad-request', phraseOf(e)));
    }
    if (!result.ok) return result;
    const faces = toFaces(result.predictions);
    const { width, height, how } = prepared;
    await this.deps.cache.set(hash, { faces, width, height }).catch(() => undefined);
    return { ok: true, faces, width, height, ms: this.now() - started, cached: false, how, wholeFile: image.wholeFile === true };
  }
}
