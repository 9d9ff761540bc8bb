// Keeps third-party code in an extension page from reaching the network: only the extension's own files may be fetched.

/**
 * tasks-vision posts usage logs to a Google endpoint from the page it runs in. FaceVeil promises that
 * nothing leaves the machine, so the offscreen document replaces `fetch` with one that only serves
 * packaged files (and data:/blob: URLs); the image fetches FaceVeil makes itself use the original.
 */
export function isPackagedUrl(url: string, extensionOrigin: string): boolean {
  try {
    const parsed = new URL(url, extensionOrigin + '/');
    // Compared by scheme and host: URL.origin of a chrome-extension: URL is "null" outside the browser.
    const own = `${parsed.protocol}//${parsed.host}` === extensionOrigin;
    return own || parsed.protocol === 'data:' || parsed.protocol === 'blob:';
  } catch {
    return false;
  }
}

/** Installs the guard on `scope` and returns the unguarded fetch for the caller's own use. */
export function guardFetch(scope: { fetch: typeof fetch }, extensionOrigin: string): typeof fetch {
  const original = scope.fetch.bind(scope);
  scope.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (isPackagedUrl(url, extensionOrigin)) return original(input, init);
    console.warn('[FaceVeil] blocked a request from bundled code:', url.slice(0, 120));
    return Promise.reject(new TypeError('FaceVeil blocks network access from bundled code'));
  };
  return original;
}
