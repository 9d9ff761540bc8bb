// Pictures as WebGL receives them: which arguments are pictures, their size, and the heavily blurred stand-in a texture
// shows until its faces are known. Natives are captured at document_start, before a page could replace them.
import { SCAN_SIDE } from '@/lib/texture/protocol';

const { apply } = Reflect;
const NativeOffscreenCanvas = OffscreenCanvas;
const getContext2d = OffscreenCanvas.prototype.getContext;
const drawImage = OffscreenCanvasRenderingContext2D.prototype.drawImage;
const putImageData = OffscreenCanvasRenderingContext2D.prototype.putImageData;
const getImageData = OffscreenCanvasRenderingContext2D.prototype.getImageData;
const transferToImageBitmap = OffscreenCanvas.prototype.transferToImageBitmap;
const nativeCreateImageBitmap = createImageBitmap;
const [NativeImageBitmap, NativeImageData, NativeImage, NativeCanvas] = [ImageBitmap, ImageData, HTMLImageElement, HTMLCanvasElement];
const nativeFetch = fetch;
const NativeVideo = HTMLVideoElement;
const NativeVideoFrame = typeof VideoFrame === 'function' ? VideoFrame : null;
const responseBlob = Response.prototype.blob;
const responseOk = Object.getOwnPropertyDescriptor(Response.prototype, 'ok')!.get!;
const currentSrc = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'currentSrc')!.get!;
const crossOrigin = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'crossOrigin')!.get!;

/** At most this many blocks across the stand-in's longer side, each at least MIN_BLOCK px: a face becomes a smudge. */
const BLOCKS_ACROSS = 128;
const MIN_BLOCK = 16;

/** Pictures the hook reads; a video's frames are left to the video work (they change every frame). */
export function isPicture(value: unknown): value is ImageBitmap | ImageData | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas {
  return (
    value instanceof NativeImageBitmap ||
    value instanceof NativeImageData ||
    value instanceof NativeImage ||
    value instanceof NativeCanvas ||
    value instanceof NativeOffscreenCanvas
  );
}

/** A video's frames (an element, or one frame): they change every frame, too fast to scan as pictures. */
export function isVideoSource(value: unknown): value is HTMLVideoElement | VideoFrame {
  return value instanceof NativeVideo || (NativeVideoFrame !== null && value instanceof NativeVideoFrame);
}

export function isBitmap(value: unknown): value is ImageBitmap {
  return value instanceof NativeImageBitmap;
}

/** Frees a stand-in's memory now rather than at the next garbage collection (a panorama's is 32-128 MB). */
export function release(p: ImageBitmap | OffscreenCanvas): void {
  if (isBitmap(p)) p.close();
  else p.width = p.height = 0;
}

export type Picture = ImageBitmap | ImageData | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas;

export function pictureSize(p: Picture): { w: number; h: number } {
  if (p instanceof NativeImage) return { w: p.naturalWidth, h: p.naturalHeight };
  return { w: p.width, h: p.height };
}

/** A 2D canvas kept in main memory (`willReadFrequently`): its pixels are read back at once, not from the GPU. */
export function canvas2d(w: number, h: number): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const c = new NativeOffscreenCanvas(w, h);
  return [c, apply(getContext2d, c, ['2d', { willReadFrequently: true }]) as OffscreenCanvasRenderingContext2D];
}

/** Something drawImage accepts: ImageData is first put on a canvas. */
function drawable(p: Picture): CanvasImageSource {
  if (!(p instanceof NativeImageData)) return p;
  const [c, ctx] = canvas2d(p.width, p.height);
  apply(putImageData, ctx, [p, 0, 0]);
  return c;
}

/** How many blocks across and down the stand-in of a w x h picture has. */
function mosaicGrid(w: number, h: number): { bw: number; bh: number } {
  const block = Math.max(MIN_BLOCK, Math.max(w, h) / BLOCKS_ACROSS);
  return { bw: Math.max(1, Math.round(w / block)), bh: Math.max(1, Math.round(h / block)) };
}

/** The picture reduced to one pixel per block of the stand-in (both stand-ins start from it). */
export function mosaicCells(p: Picture, w: number, h: number): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const { bw, bh } = mosaicGrid(w, h);
  const [small, ctx] = canvas2d(bw, bh);
  ctx.imageSmoothingQuality = 'high';
  apply(drawImage, ctx, [drawable(p), 0, 0, bw, bh]);
  return [small, ctx];
}

/** Where an image's own file is (read at upload time: viewers reuse their `Image`s), or null for other pictures. */
export interface FileRef {
  url: string;
  credentials: RequestCredentials;
}

export function fileOf(p: Picture): FileRef | null {
  if (!(p instanceof NativeImage)) return null;
  const url = String(apply(currentSrc, p, []));
  const credentials = apply(crossOrigin, p, []) === 'use-credentials' ? 'include' : 'same-origin';
  return /^(https?|blob|data):/i.test(url) ? { url, credentials } : null;
}

/**
 * A large image's pixels, decoded off the page's main thread from its own file (from the HTTP cache as a rule): through
 * the element, the decode holds the main thread (8192x4096: 440 ms for the snapshot, 650 ms for the stand-in). The
 * file, a full-size bitmap and the stand-in's block colours; null when the file cannot be had (a page's CSP may refuse
 * the fetch) or is not the picture uploaded.
 */
export async function decodeFile(ref: FileRef, w: number, h: number): Promise<{ file: Blob; shot: ImageBitmap; cells: ImageBitmap } | null> {
  try {
    const response = (await apply(nativeFetch, window, [ref.url, { credentials: ref.credentials, cache: 'force-cache' }])) as Response;
    if (!apply(responseOk, response, [])) return null;
    const file = (await apply(responseBlob, response, [])) as Blob;
    const { bw, bh } = mosaicGrid(w, h);
    const [shot, cells] = await Promise.all([
      nativeCreateImageBitmap(file),
      nativeCreateImageBitmap(file, { resizeWidth: bw, resizeHeight: bh, resizeQuality: 'medium' }),
    ]);
    if (shot.width === w && shot.height === h) return { file, shot, cells };
    shot.close();
    cells.close();
    return null;
  } catch {
    return null;
  }
}

/** Block colours of the stand-in, RGBA, from a picture reduced to them off the main thread (or, failing that, here). */
export function cellColours(cells: ImageBitmap, w: number, h: number): { small: Uint8ClampedArray; bw: number; bh: number } {
  const { bw, bh } = mosaicGrid(w, h);
  const [c, ctx] = canvas2d(bw, bh);
  apply(drawImage, ctx, [cells, 0, 0, bw, bh]);
  const small = (apply(getImageData, ctx, [0, 0, bw, bh]) as ImageData).data;
  c.width = c.height = 0;
  return { small, bw, bh };
}

/**
 * The picture reduced to coarse blocks and scaled back to its own size (same size, so immutable textures and sub-image
 * uploads still fit; no transparent edges, unlike a blur filter). An ImageBitmap stays an ImageBitmap, so the upload's
 * flip and premultiply settings apply to the stand-in exactly as they would have to the picture.
 */
export function blurredStandIn(p: Picture, w: number, h: number): ImageBitmap | OffscreenCanvas {
  const [small] = mosaicCells(p, w, h);
  const [out, ctx] = canvas2d(w, h);
  ctx.imageSmoothingEnabled = true;
  apply(drawImage, ctx, [small, 0, 0, w, h]);
  return p instanceof NativeImageBitmap ? (apply(transferToImageBitmap, out, []) as ImageBitmap) : out;
}

/** The picture as it is now (pictures get reused, redrawn or closed right after the upload). */
export function snapshot(p: Picture): Promise<ImageBitmap> {
  return nativeCreateImageBitmap(p);
}

const createElement = Document.prototype.createElement;
const getCanvasContext = HTMLCanvasElement.prototype.getContext;
const toBlob = HTMLCanvasElement.prototype.toBlob;
const canvasDrawImage = CanvasRenderingContext2D.prototype.drawImage;

/**
 * The snapshot as FaceVeil's detector takes it: a JPEG at most SCAN_SIDE px on its longer side, encoded by a page canvas,
 * whose toBlob works off the main thread (an OffscreenCanvas would encode on it).
 */
export function encodeForScan(shot: ImageBitmap): Promise<Blob | null> {
  const k = Math.min(1, SCAN_SIDE / Math.max(shot.width, shot.height));
  const canvas = apply(createElement, document, ['canvas']) as HTMLCanvasElement;
  canvas.width = Math.max(1, Math.round(shot.width * k));
  canvas.height = Math.max(1, Math.round(shot.height * k));
  const ctx = apply(getCanvasContext, canvas, ['2d']) as CanvasRenderingContext2D;
  ctx.imageSmoothingQuality = 'high';
  apply(canvasDrawImage, ctx, [shot, 0, 0, canvas.width, canvas.height]);
  return new Promise((resolve) =>
    apply(toBlob, canvas, [
      (blob: Blob | null) => {
        canvas.width = canvas.height = 0; // its pixels (up to 32 MB) freed now, not at the next garbage collection
        resolve(blob);
      },
      'image/jpeg',
      0.92,
    ]),
  );
}

/** The snapshot with the faces blurred, in the same kind as the original upload (see blurredStandIn). */
export function withFaces(
  shot: ImageBitmap,
  asBitmap: boolean,
  blur: (canvas: OffscreenCanvas) => void,
): ImageBitmap | OffscreenCanvas {
  const [c, ctx] = canvas2d(shot.width, shot.height);
  apply(drawImage, ctx, [shot, 0, 0]);
  blur(c);
  return asBitmap ? (apply(transferToImageBitmap, c, []) as ImageBitmap) : c;
}
