// Finds every <img> in the document and its open shadow roots, now and later, and reports loads and source changes.

export interface ImageWatchCallbacks {
  /** An image was seen for the first time, or its source attributes changed. */
  found(img: HTMLImageElement, why: 'new' | 'source-changed'): void;
  /** The image finished loading (or failed to); also fired at once for images already complete. */
  loaded(img: HTMLImageElement): void;
  /** An open shadow root was found; it needs its own copy of FaceVeil's styles. */
  shadowRoot(root: ShadowRoot): void;
}

const SOURCE_ATTRS = ['src', 'srcset', 'sizes'];

/** Watches until `signal` aborts. */
export function watchImages(callbacks: ImageWatchCallbacks, signal: AbortSignal): void {
  const seenRoots = new WeakSet<Node>();

  const onLoadEvent = (event: Event) => {
    if (event.target instanceof HTMLImageElement) callbacks.loaded(event.target);
  };
  const mutations = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const target = record.target;
        if (target instanceof HTMLImageElement) callbacks.found(target, 'source-changed');
        // A <source> inside <picture> changes which file the <img> shows.
        else if (target instanceof HTMLSourceElement && target.parentElement?.tagName === 'PICTURE') {
          const img = target.parentElement.querySelector('img');
          if (img) callbacks.found(img, 'source-changed');
        }
      } else {
        for (const node of record.addedNodes) if (node instanceof Element) scan(node);
      }
    }
  });

  function watchRoot(root: Document | ShadowRoot): void {
    if (seenRoots.has(root)) return;
    seenRoots.add(root);
    // load/error do not bubble and do not cross shadow boundaries: listen in the capture phase per root.
    root.addEventListener('load', onLoadEvent, { capture: true, signal });
    root.addEventListener('error', onLoadEvent, { capture: true, signal });
    mutations.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: SOURCE_ATTRS });
    if (root instanceof ShadowRoot) callbacks.shadowRoot(root);
  }

  function scan(node: Element): void {
    const visit = (el: Element) => {
      if (el instanceof HTMLImageElement) {
        callbacks.found(el, 'new');
        if (el.complete) callbacks.loaded(el);
      }
      if (el.shadowRoot) {
        watchRoot(el.shadowRoot);
        for (const child of el.shadowRoot.querySelectorAll('*')) visit(child);
      }
    };
    visit(node);
    for (const el of node.querySelectorAll('*')) visit(el);
  }

  watchRoot(document);
  if (document.documentElement) scan(document.documentElement);
  signal.addEventListener('abort', () => mutations.disconnect(), { once: true });
}

/** Every <img> in the document and its open shadow roots (for one-off look-ups such as context-menu targets). */
export function allImages(root: Document | ShadowRoot = document): HTMLImageElement[] {
  const out: HTMLImageElement[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLImageElement) out.push(el);
    if (el.shadowRoot) out.push(...allImages(el.shadowRoot));
  }
  return out;
}
