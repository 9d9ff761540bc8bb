// Texture pixels as raw bytes: WebGL takes bytes several times faster than a canvas (a canvas is read back first; 8192x4096
// on this machine: 45 ms against 680 ms), so the stand-in and the face-only texture are uploaded as bytes, the latter in
// strips, one per task, so no single task holds the page's main thread for long.
import type { NormBox } from '@/lib/face';
import { blurFacesInPlace, type BlurLook } from '@/lib/photo/blur-canvas';
import { coverBox, sampleArea } from '@/lib/blur';
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
 * (so immutable textures and sub-image uploads still fit). Each block row is built once and copied down.
 */
export function mosaicBytes(picture: Picture, w: number, h: number, channels: Channels): Uint8Array {
  const [cells, ctx] = mosaicCells(picture, w, h);
  const { width: bw, height: bh } = cells;
  const small = (apply(getImageData, ctx, [0, 0, bw, bh]) as ImageData).data;
  const stride = w * channels;
  const out = new NativeUint8Array(stride * h);
  const row = new NativeUint8Array(stride);
  for (let by = 0; by < bh; by++) {
    for (let x = 0; x < w; x++) {
      const s = (by * bw + Math.min(bw - 1, Math.floor((x * bw) / w))) * 4;
      for (let c = 0; c < channels; c++) row[x * channels + c] = small[s + c]!;
    }
    const y0 = Math.round((by * h) / bh);
    const y1 = Math.round(((by + 1) * h) / bh);
    for (let y = y0; y < y1; y++) out.set(row, y * stride);
  }
  return out;
}

export interface Strip {
  /** First row of the picture this strip holds (rows counted from the picture's top). */
  y: number;
  rows: number;
  bytes: Uint8Array;
}

/**
 * The snapshot with its faces blurred, strip by strip (each call to next() does one strip's work). A strip is drawn with
 * room for the blur of every face that reaches into it, so the blur comes out exactly as over the whole picture.
 */
export function* faceOnlyStrips(shot: ImageBitmap, faces: readonly NormBox[], look: BlurLook, channels: Channels): Generator<Strip> {
  const { width: w, height: h } = shot;
  const rows = Math.max(16, Math.floor(STRIP_PX / w));
  const areas = faces.map((f) => sampleArea(coverBox({ x: f.x * w, y: f.y * h, w: f.w * w, h: f.h * h })));
  for (let y = 0; y < h; y += rows) {
    const n = Math.min(rows, h - y);
    const reaching = areas.flatMap((a, i) => (a.y < y + n && a.y + a.h > y ? [i] : []));
    const top = Math.max(0, Math.floor(Math.min(y, ...reaching.map((i) => areas[i]!.y))));
    const bottom = Math.min(h, Math.ceil(Math.max(y + n, ...reaching.map((i) => areas[i]!.y + areas[i]!.h))));
    const [canvas, ctx] = canvas2d(w, bottom - top);
    apply(drawImage, ctx, [shot, 0, top, w, bottom - top, 0, 0, w, bottom - top]);
    // The faces in this canvas's own fractions (the blur works in its pixels, which are the picture's).
    const local = reaching.map((i) => {
      const f = faces[i]!;
      return { x: f.x, w: f.w, y: (f.y * h - top) / (bottom - top), h: (f.h * h) / (bottom - top) };
    });
    blurFacesInPlace(canvas, local, look);
    const data = (apply(getImageData, ctx, [0, y - top, w, n]) as ImageData).data;
    canvas.width = canvas.height = 0;
    yield { y, rows: n, bytes: pack(data, channels) };
  }
}
