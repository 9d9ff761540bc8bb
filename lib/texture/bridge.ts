// A private line between the page's world and FaceVeil's isolated world in one frame: a DOM node handed over before
// any page script runs, then detached. Events dispatched on a detached node reach only those holding it, so the page can
// neither read nor forge them (unlike window.postMessage or events on document). Both worlds' copies of this module are
// evaluated at document_start, so the natives captured here are the browser's, not a page's replacements.

const OFFER_EVENT = 'faceveil-bridge';
const TAG = 'faceveil-bridge';
const TO_PAGE = 'faceveil-to-page';
const TO_EXTENSION = 'faceveil-to-extension';
const TAKEN = Symbol.for('faceveil.texture-bridge');

const { apply } = Reflect;
const NativeCustomEvent = CustomEvent;
const addListener = EventTarget.prototype.addEventListener;
const dispatch = EventTarget.prototype.dispatchEvent;
const detailOf = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')!.get!;
const removeNode = Element.prototype.remove;
const querySelector = Document.prototype.querySelector;

export interface Bridge {
  send(message: unknown): void;
}

/**
 * Firefox's content scripts see the page through wrappers, and the page may not read an object a content script made:
 * what FaceVeil's isolated side sends is cloned into the page's world first (`cloneInto`, Firefox's content scripts
 * only; elsewhere the worlds share plain data).
 */
declare const cloneInto: ((value: unknown, target: object) => unknown) | undefined;
const forPage = (message: unknown) => (typeof cloneInto === 'function' ? cloneInto(message, window) : message);

function open(node: Element, incoming: string, outgoing: string, receive: (raw: unknown) => void, prepare = (m: unknown) => m): Bridge {
  apply(addListener, node, [incoming, (event: Event) => receive(apply(detailOf, event, []))]);
  return { send: (message) => void apply(dispatch, node, [new NativeCustomEvent(outgoing, { detail: prepare(message) })]) };
}

/**
 * Page-world side: offers the node. Whichever world runs first, the isolated side takes it (from the event, or from the
 * document if it starts later) and detaches it; until then it sits in the document, where no page script runs yet.
 */
export function offerBridge(receive: (raw: unknown) => void): Bridge | null {
  const root = document.documentElement;
  if (!root) return null;
  const node = document.createElement(TAG);
  const bridge = open(node, TO_PAGE, TO_EXTENSION, receive);
  root.append(node);
  apply(dispatch, node, [new NativeCustomEvent(OFFER_EVENT, { bubbles: true })]);
  // Not taken by the time the page's scripts have run (FaceVeil's other half missing): gone, so no page finds it.
  apply(addListener, document, ['DOMContentLoaded', () => apply(removeNode, node, []), { once: true }]);
  return bridge;
}

/**
 * Isolated-world side: takes the node the page-world side offered (now or, while the document is still loading and
 * before any page script could offer a forged one, when it does). `connected` gets the open bridge once.
 */
export function acceptBridge(receive: (raw: unknown) => void, connected: (bridge: Bridge) => void): void {
  // A later copy of FaceVeil in this frame (injected into an open tab at install or update) shares this world and takes
  // over the node the first copy took.
  const world = globalThis as { [TAKEN]?: Element };
  const take = (node: Element) => {
    apply(removeNode, node, []);
    world[TAKEN] = node;
    connected(open(node, TO_EXTENSION, TO_PAGE, receive, forPage));
  };
  if (world[TAKEN]) return take(world[TAKEN]);
  const offered = apply(querySelector, document, [TAG]) as Element | null;
  if (offered) return take(offered);
  const onOffer = (event: Event) => {
    const node = event.target;
    document.removeEventListener(OFFER_EVENT, onOffer, true);
    if (node instanceof Element && node.localName === TAG && document.readyState === 'loading') take(node);
  };
  document.addEventListener(OFFER_EVENT, onOffer, true);
}

/**
 * Isolated-world side: whether FaceVeil's page-world script runs in this frame (its bridge was taken). It does not
 * where the document's scripting is disabled (a sandboxed frame without allow-scripts), where canvases do not draw.
 */
export function pageWorldRuns(): boolean {
  return !!(globalThis as { [TAKEN]?: Element })[TAKEN];
}
