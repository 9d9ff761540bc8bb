// Tells FaceVeil when a photo lands on a 2D canvas on the page: drawImage() of a picture, or putImageData() of a
// photo-sized block, marks the canvas (data-faceveil-photo, a count of such draws). Until FaceVeil has scanned what the
// canvas shows, style.css keeps it hidden; the isolated side (content/surfaces/canvas.ts) lays covers over the faces.
// The same picture drawn again where it was (a game's background, every frame) is not a new drawing.
// The page's drawing is never touched. Video frames drawn into a canvas come too fast to scan: that canvas is blurred
// whole (unreadable.ts).
import { isVideoSource } from './pictures';
import { markUnreadable } from './unreadable';
import { wrapMethod } from './wrap';

/** Smaller pictures (icons, sprites, glyphs) do not mark a canvas. */
const MIN_SIDE = 48;
const ATTR = 'data-faceveil-photo';

const { apply } = Reflect;
const { setAttribute } = Element.prototype;
const canvasOf = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'canvas')!.get!;
const offscreenCanvasOf = Object.getOwnPropertyDescriptor(OffscreenCanvasRenderingContext2D.prototype, 'canvas')!.get!;
const naturalWidth = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'naturalWidth')!.get!;
const currentSrc = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'currentSrc')!.get!;
const getTransform = CanvasRenderingContext2D.prototype.getTransform;
const offscreenGetTransform = OffscreenCanvasRenderingContext2D.prototype.getTransform;
const naturalHeight = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'naturalHeight')!.get!;
const NativeContext2D = CanvasRenderingContext2D;
const NativeImage = HTMLImageElement;
const NativeSvgImage = SVGImageElement;
const NativeBitmap = ImageBitmap;
const NativeCanvas = HTMLCanvasElement;
const NativeOffscreenCanvas = OffscreenCanvas;
const bitmapSize = {
  w: Object.getOwnPropertyDescriptor(ImageBitmap.prototype, 'width')!.get!,
  h: Object.getOwnPropertyDescriptor(ImageBitmap.prototype, 'height')!.get!,
};

let on = true;
let draws = 0;
let nextId = 0;
const ids = new WeakMap<object, number>();
/** The last photo drawing on each canvas (see sameDrawingKey). */
const lastDrawing = new WeakMap<object, string>();
/** Canvases (shown or not) holding a photo: drawing one of them into another carries the photo along. */
const holdingPhoto = new WeakSet<object>();

/** FaceVeil on or off for the site: while off, canvases are not marked. */
export function setCanvasMarking(enabled: boolean): void {
  on = enabled;
}

export function installCanvasHook(): void {
  for (const proto of [CanvasRenderingContext2D.prototype, OffscreenCanvasRenderingContext2D.prototype]) {
    const drawImage = proto.drawImage;
    const putImageData = proto.putImageData;
    wrapMethod(proto, 'drawImage', function (this: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, ...args: unknown[]) {
      const result = apply(drawImage, this, args);
      drawn(this, args[0], args);
      return result;
    });
    wrapMethod(proto, 'putImageData', function (this: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, ...args: unknown[]) {
      const result = apply(putImageData, this, args);
      if (on && Math.min(...putSize(args)) >= MIN_SIDE) {
        const canvas = canvasOfContext(this);
        if (canvas) lastDrawing.delete(canvas);
        marked(canvas);
      }
      return result;
    });
  }
}

function canvasOfContext(ctx: object): HTMLCanvasElement | OffscreenCanvas | null {
  try {
    return ctx instanceof NativeContext2D ? apply(canvasOf, ctx, []) : apply(offscreenCanvasOf, ctx, []);
  } catch {
    return null;
  }
}

function drawn(ctx: object, source: unknown, args: unknown[]): void {
  if (!on) return;
  const canvas = canvasOfContext(ctx);
  if (!canvas) return;
  if (isVideoSource(source)) {
    markUnreadable(canvas, 'video frames drawn into a canvas');
    return;
  }
  // The rectangle first: a sprite cut from a sheet (most draws in a game) is turned away by arithmetic alone.
  if (Math.min(...drawnSize(args)) < MIN_SIDE || !isPhoto(source)) return;
  // The same picture drawn again exactly where it was (a game's background, every frame) shows nothing new: the scan
  // of the last drawing still holds. Anything else is a new drawing to scan.
  const key = sameDrawingKey(ctx, source, args);
  if (key !== null && lastDrawing.get(canvas) === key) return;
  if (key === null) lastDrawing.delete(canvas);
  else lastDrawing.set(canvas, key);
  marked(canvas);
}

/**
 * What makes a drawing the same as the last one: the picture (an image with its current source, or a bitmap, which
 * cannot change), the rectangles and the context's transform. Null for a canvas as the source (it may have changed).
 */
function sameDrawingKey(ctx: object, source: unknown, args: unknown[]): string | null {
  try {
    let picture: string;
    if (source instanceof NativeImage) picture = `${idOf(source)}:${apply(currentSrc, source, [])}`;
    else if (source instanceof NativeBitmap) picture = String(idOf(source));
    else return null;
    const m = apply(ctx instanceof NativeContext2D ? getTransform : offscreenGetTransform, ctx, []) as DOMMatrix;
    return `${picture}|${args.slice(1).map(Number).join(',')}|${m.a},${m.b},${m.c},${m.d},${m.e},${m.f}`;
  } catch {
    return null;
  }
}

function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++nextId));
  return id;
}

/** The drawn rectangle's sides (source and destination): a sprite cut from a large sheet is not a photo. */
function drawnSize(args: unknown[]): number[] {
  const n = (i: number) => Math.abs(Number(args[i]));
  if (args.length >= 9) return [n(3), n(4), n(7), n(8)];
  if (args.length >= 5) return [n(3), n(4)];
  return [Infinity];
}

/** putImageData's block, or the dirty rectangle of it that is drawn. */
function putSize(args: unknown[]): number[] {
  try {
    const data = args[0] as ImageData;
    return args.length >= 7 ? [Math.abs(Number(args[5])), Math.abs(Number(args[6]))] : [data.width, data.height];
  } catch {
    return [0];
  }
}

function isPhoto(source: unknown): boolean {
  try {
    if (source instanceof NativeImage) return Math.min(apply(naturalWidth, source, []), apply(naturalHeight, source, [])) >= MIN_SIDE;
    if (source instanceof NativeBitmap) return Math.min(apply(bitmapSize.w, source, []), apply(bitmapSize.h, source, [])) >= MIN_SIDE;
    if (source instanceof NativeSvgImage) return true;
    return (source instanceof NativeCanvas || source instanceof NativeOffscreenCanvas) && holdingPhoto.has(source);
  } catch {
    return false;
  }
}

function marked(canvas: HTMLCanvasElement | OffscreenCanvas | null): void {
  if (!canvas || !on) return;
  holdingPhoto.add(canvas);
  // A shown canvas: the new count tells FaceVeil to hide it again until what it shows now is scanned.
  if (canvas instanceof NativeCanvas) apply(setAttribute, canvas, [ATTR, String(++draws)]);
}
