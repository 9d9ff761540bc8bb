// Canvases whose pixels the hook cannot see (raw bytes, compressed textures, a worker, WebGPU) are marked, and FaceVeil's
// stylesheet blurs them whole (style.css): nothing is shown sharp that could not be looked at.
import { wrapMethod } from './wrap';

const { apply } = Reflect;
const { setAttribute, removeAttribute } = Element.prototype;
const NativeCanvas = HTMLCanvasElement;
const ATTR = 'data-faceveil-canvas';

let report: (why: string) => void = () => {};
let shown = true;
/** Canvases found unreadable (also while FaceVeil is off for the site): blurred whenever it is on. */
const marked = new Set<WeakRef<HTMLCanvasElement>>();
const known = new WeakSet<HTMLCanvasElement>();

/** Where a marked canvas is reported (the bridge to FaceVeil's isolated side, once it is open). */
export function reportUnreadableTo(fn: (why: string) => void): void {
  report = fn;
}

export function markUnreadable(canvas: unknown, why: string): void {
  if (!(canvas instanceof NativeCanvas)) return; // an OffscreenCanvas is shown through a worker or bitmap renderer
  if (known.has(canvas)) return;
  known.add(canvas);
  marked.add(new WeakRef(canvas));
  if (shown) apply(setAttribute, canvas, [ATTR, 'whole']);
  report(why);
}

/** FaceVeil on or off for the site: the whole-canvas blur follows. */
export function showUnreadableBlur(on: boolean): void {
  if (on === shown) return;
  shown = on;
  for (const ref of marked) {
    const canvas = ref.deref();
    if (!canvas) marked.delete(ref);
    else if (on) apply(setAttribute, canvas, [ATTR, 'whole']);
    else apply(removeAttribute, canvas, [ATTR]);
  }
}

/** Canvases that hand their drawing to a worker or to WebGPU are out of the hook's sight from the start. */
export function watchUnreadableCanvases(): void {
  const proto = HTMLCanvasElement.prototype;
  const transfer = proto.transferControlToOffscreen;
  const getContext = proto.getContext;
  wrapMethod(proto, 'transferControlToOffscreen', function (this: HTMLCanvasElement) {
    markUnreadable(this, 'drawn by a worker');
    return apply(transfer, this, []);
  });
  wrapMethod(proto, 'getContext', function (this: HTMLCanvasElement, ...args: unknown[]) {
    if (args[0] === 'webgpu') markUnreadable(this, 'WebGPU');
    return apply(getContext, this, args);
  });
}
