// Canvases whose pixels the hook cannot see (raw bytes, compressed textures, a worker, WebGPU) are marked, and FaceVeil's
// stylesheet blurs them whole (style.css): nothing is shown sharp that could not be looked at.
import { wrapMethod } from './wrap';

const { apply } = Reflect;
const setAttribute = Element.prototype.setAttribute;
const NativeCanvas = HTMLCanvasElement;
const ATTR = 'data-faceveil-canvas';

let report: (why: string) => void = () => {};

/** Where a marked canvas is reported (the bridge to FaceVeil's isolated side, once it is open). */
export function reportUnreadableTo(fn: (why: string) => void): void {
  report = fn;
}

export function markUnreadable(canvas: unknown, why: string): void {
  if (!(canvas instanceof NativeCanvas)) return; // an OffscreenCanvas is shown through a worker or bitmap renderer
  apply(setAttribute, canvas, [ATTR, 'whole']);
  report(why);
}

/** Canvases that hand their drawing to a worker or to WebGPU are out of the hook's sight from the start. */
export function watchUnreadableCanvases(isOn: () => boolean): void {
  const proto = HTMLCanvasElement.prototype;
  const transfer = proto.transferControlToOffscreen;
  const getContext = proto.getContext;
  wrapMethod(proto, 'transferControlToOffscreen', function (this: HTMLCanvasElement) {
    if (isOn()) markUnreadable(this, 'drawn by a worker');
    return apply(transfer, this, []);
  });
  wrapMethod(proto, 'getContext', function (this: HTMLCanvasElement, ...args: unknown[]) {
    if (args[0] === 'webgpu' && isOn()) markUnreadable(this, 'WebGPU');
    return apply(getContext, this, args);
  });
}
