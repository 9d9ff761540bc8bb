// Texture pixels as raw bytes: WebGL takes bytes several times faster than a canvas (a canvas is read back first; 8192x4096
// on this machine: 45 ms against 680 ms), so the stand-in and the face-only texture are uploaded as bytes, the latter in
// strips, one per task, so no single task holds the page's main thread for long.
import type { NormBox } from '@/lib/face';
import { blurFacesInPlace, type BlurLook } from '@/lib/photo/blur-canvas';
import { coverBox, sampleArea } from '@/lib/blur';
import { intersect, type Rect } from '@/lib/geometry';
import { canvas2d, mosaicCells, type Picture } from './pictures';

const { apply } = Reflect;
const drawImage = OffscreenCanvasRenderingContext2D.prototype.drawImage;
const getImageData = OffscreenCanvasRenderingContext2D.prototype.getImageData;
const NativeUint8Array = Uint8Array;

/** Pixels per strip of the face-only upload: a few milliseconds of reading and uploading each. */
const STRIP_PX = 1_000_000;

export type Channels = 3 | 4;

/** Bytes per pixel of an upload FaceVeil can redo in bytes (8-bit RGB or RGBA, as photos are), else null. */
export function channelsOf(format: number, type: number, gl: WebGLRenderingContext | WebGL2RenderingContext): Channels | null {
  if (type !== gl.UNSIGNED_BYTE) return null;
  return format === gl.RGBA ? 4 : format === gl.RGB ? 3 : null;
}

/** RGBA rows as `channels` bytes per pixel, rows packed tight (uploaded with UNPACK_ALIGNMENT 1). */
function pack(rgba: Uint8ClampedArray, channels: Channels): Uint8Array {
  if (channels === 4) return new NativeUint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const out = new NativeUint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    out[j] = rgba[i]!;
    out[j + 1] = rgba[i + 1]!;
    out[j + 2] = rgba[i + 2]!;
  }
  return out;
}

/**
 * The stand-in a texture shows until its faces are known: the picture reduced to coarse blocks, as bytes of its own size
 * (so immutable textures and sub-image uploads still fit).
 */
export function mosaicBytes(picture: Picture, w: number, h: number, channels: Channels): Uint8Array {
  const [cells, ctx] = mosaicCells(picture, w, h);
  const { width: bw, height: bh } = cells;
  const small = (apply(getImageData, ctx, [0, 0, bw, bh]) as ImageData).data;
  return mosaicRows({ small, bw, bh }, w, h, channels, 0, h);
}

/** Block colours of a stand-in: `small` is bw x bh RGBA. */
export interface Cells {
  small: Uint8ClampedArray;
  bw: number;
  bh: number;
}

/** Rows y0 to y1 of the stand-in, built from its block colours; each block row is built once and copied down. */
function mosaicRows({ small, bw, bh }: Cells, w: number, h: number, channels: Channels, y0: number, y1: number): Uint8Array {
  const stride = w * channels;
  const out = new NativeUint8Array(stride * (y1 - y0));
  const row = new NativeUint8Array(stride);
  let built = -1;
  for (let y = y0; y < y1; y++) {
    const by = Math.min(bh - 1, Math.floor((y * bh) / h));
    if (by !== built) {
      for (let x = 0; x < w; x++) {
        const s = (by * bw + Math.min(bw - 1, Math.floor((x * bw) / w))) * 4;
        for (let c = 0; c < channels; c++) row[x * channels + c] = small[s + c]!;
      }
      built = by;
    }
    out.set(row, (y - y0) * stride);
  }
  return out;
}

/** The stand-in strip by strip, for a large picture whose stand-in is uploaded after the page's call (see hook.ts). */
export function* mosaicStrips(cells: Cells, w: number, h: number, channels: Channels): Generator<Strip> {
  const rows = Math.max(16, Math.floor(STRIP_PX / w));
  for (let y = 0; y < h; y += rows) {
    const n = Math.min(rows, h - y);
    yield { y, rows: n, bytes: mosaicRows(cells, w, h, channels, y, y + n) };
  }
}

export interface Strip {
  /** First row of the picture this strip holds (rows counted from the picture's top). */
  y: number;
  rows: number;
  bytes: Uint8Array;
}

/** A face's cover area blurred, in px of the picture (whole pixels), RGBA. */
interface Patch {
  rect: Rect;
  rgba: Uint8ClampedArray;
}

/** Whole pixels covering `r`, within the picture. */
function pixelsOf(r: Rect, w: number, h: number): Rect | null {
  const x = Math.floor(r.x);
  const y = Math.floor(r.y);
  return intersect({ x, y, w: Math.ceil(r.x + r.w) - x, h: Math.ceil(r.y + r.h) - y }, { x: 0, y: 0, w, h });
}

/**
 * Face `i`'s cover area with the blur (drawn from the pixels around it, with every face reaching that far blurred too,
 * so overlapping covers come out as over the whole picture).
 */
function facePatch(shot: ImageBitmap, boxes: readonly Rect[], i: number, look: BlurLook): Patch | null {
  const { width: w, height: h } = shot;
  const area = pixelsOf(sampleArea(coverBox(boxes[i]!)), w, h);
  const rect = area && pixelsOf(coverBox(boxes[i]!), w, h);
  if (!area || !rect) return null;
  const [canvas, ctx] = canvas2d(area.w, area.h);
  apply(drawImage, ctx, [shot, area.x, area.y, area.w, area.h, 0, 0, area.w, area.h]);
  const local = boxes
    .filter((b) => intersect(coverBox(b), area))
    .map((b) => ({ x: (b.x - area.x) / area.w, y: (b.y - area.y) / area.h, w: b.w / area.w, h: b.h / area.h }));
  blurFacesInPlace(canvas, local, look);
  const rgba = (apply(getImageData, ctx, [rect.x - area.x, rect.y - area.y, rect.w, rect.h]) as ImageData).data;
  canvas.width = canvas.height = 0;
  return { rect, rgba };
}

/**
 * The snapshot with its faces blurred, strip by strip (each call to next() does one strip's work): the strip's own
 * pixels, with the blurred cover of every face reaching into it copied over them. A face's cover is blurred once, when
 * the first strip it reaches is made, from the pixels around it, so the blur comes out as over the whole picture.
 */
export function* faceOnlyStrips(shot: ImageBitmap, faces: readonly NormBox[], look: BlurLook, channels: Channels): Generator<Strip> {
  const { width: w, height: h } = shot;
  const rows = Math.max(16, Math.floor(STRIP_PX / w));
  const boxes = faces.map((f) => ({ x: f.x * w, y: f.y * h, w: f.w * w, h: f.h * h }));
  const covers = boxes.map((b) => coverBox(b));
  const patches = new Map<number, Patch | null>();
  for (let y = 0; y < h; y += rows) {
    const n = Math.min(rows, h - y);
    const [canvas, ctx] = canvas2d(w, n);
    apply(drawImage, ctx, [shot, 0, y, w, n, 0, 0, w, n]);
    const data = (apply(getImageData, ctx, [0, 0, w, n]) as ImageData).data;
    canvas.width = canvas.height = 0;
    covers.forEach((c, i) => {
      if (c.y >= y + n || c.y + c.h <= y) return;
      if (!patches.has(i)) patches.set(i, facePatch(shot, boxes, i, look));
      const patch = patches.get(i);
      if (patch) copyRows(patch, data, w, y, n);
    });
    yield { y, rows: n, bytes: pack(data, channels) };
  }
}

/** Copies the rows of `patch` that fall within strip rows y to y + n into the strip's RGBA. */
function copyRows({ rect, rgba }: Patch, strip: Uint8ClampedArray, w: number, y: number, n: number): void {
  const from = Math.max(y, rect.y);
  const to = Math.min(y + n, rect.y + rect.h);
  for (let row = from; row < to; row++) {
    const src = (row - rect.y) * rect.w * 4;
    strip.set(rgba.subarray(src, src + rect.w * 4), ((row - y) * w + rect.x) * 4);
  }
}
