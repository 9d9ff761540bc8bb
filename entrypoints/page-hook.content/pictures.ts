// Pictures as WebGL receives them: which arguments are pictures, their size, and the heavily blurred stand-in a texture
// shows until its faces are known. Natives are captured at document_start, before a page could replace them.

const { apply } = Reflect;
const NativeOffscreenCanvas = OffscreenCanvas;
const getContext2d = OffscreenCanvas.prototype.getContext;
const drawImage = OffscreenCanvasRenderingContext2D.prototype.drawImage;
const putImageData = OffscreenCanvasRenderingContext2D.prototype.putImageData;
const transferToImageBitmap = OffscreenCanvas.prototype.transferToImageBitmap;
const nativeCreateImageBitmap = createImageBitmap;
const [NativeImageBitmap, NativeImageData, NativeImage, NativeCanvas] = [ImageBitmap, ImageData, HTMLImageElement, HTMLCanvasElement];

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

/** The picture reduced to one pixel per block of the stand-in (both stand-ins start from it). */
export function mosaicCells(p: Picture, w: number, h: number): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const block = Math.max(MIN_BLOCK, Math.max(w, h) / BLOCKS_ACROSS);
  const [small, ctx] = canvas2d(Math.max(1, Math.round(w / block)), Math.max(1, Math.round(h / block)));
  ctx.imageSmoothingQuality = 'high';
  apply(drawImage, ctx, [drawable(p), 0, 0, small.width, small.height]);
  return [small, ctx];
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

/** Never more than this on the longer side: the detector's finest pass has no use for more (as for images). */
const SCAN_SIDE = 4096;
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
