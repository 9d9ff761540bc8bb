import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'FaceVeil',
    description: 'Blurs human faces on web pages, on your own machine.',
    permissions: ['storage', 'offscreen', 'contextMenus', 'tabs'],
    host_permissions: ['<all_urls>'],
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
  },
});
