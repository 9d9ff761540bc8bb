// A page that goes looking for FaceVeil's bridge (pano-pannellum.html?hostile=1 runs this before the viewer): it forges
// the bridge's offer and messages, listens for its events everywhere, and replaces the event natives FaceVeil could use.
// Whatever reaches it lands in window.leaks.
(() => {
  const leaks = (window.leaks = []);
  const TYPES = ['faceveil-bridge', 'faceveil-to-page', 'faceveil-to-extension'];
  // A forged offer and forged messages on it: FaceVeil must neither take the node (it would detach it) nor answer.
  const fake = document.createElement('faceveil-bridge');
  document.documentElement.append(fake);
  fake.dispatchEvent(new CustomEvent('faceveil-bridge', { bubbles: true }));
  fake.dispatchEvent(new CustomEvent('faceveil-to-extension', { detail: { type: 'texture', id: 1, bitmap: null } }));
  fake.dispatchEvent(new CustomEvent('faceveil-to-page', { detail: { type: 'look', on: false, strength: 1, shape: 'rect' } }));
  for (const t of TYPES) fake.addEventListener(t, () => leaks.push(`the forged node got ${t}`));
  addEventListener('load', () => fake.isConnected || leaks.push('FaceVeil took the forged node'));
  for (const target of [window, document]) for (const t of TYPES) target.addEventListener(t, () => leaks.push(`heard ${t}`), true);
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    if (String(event.type).startsWith('faceveil')) leaks.push(`dispatchEvent(${event.type})`);
    return dispatch.call(this, event);
  };
  const Native = window.CustomEvent;
  window.CustomEvent = class extends Native {
    constructor(type, init) {
      if (String(type).startsWith('faceveil')) leaks.push(`new CustomEvent(${type})`);
      super(type, init);
    }
  };
  const detail = Object.getOwnPropertyDescriptor(Native.prototype, 'detail').get;
  Object.defineProperty(Native.prototype, 'detail', {
    get() {
      if (String(this.type).startsWith('faceveil')) leaks.push(`detail of ${this.type}`);
      return detail.call(this);
    },
  });
  const upload = WebGLRenderingContext.prototype.texImage2D;
  window.hooked = { name: upload.name, length: upload.length, source: Function.prototype.toString.call(upload).slice(0, 60) };
})();
