import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { buildModels } from './scripts/build-model';

const require = createRequire(import.meta.url);
const tasksVisionWasm = dirname(require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.wasm'));
const WASM_FILES = ['vision_wasm_internal.js', 'vision_wasm_internal.wasm', 'vision_wasm_nosimd_internal.js', 'vision_wasm_nosimd_internal.wasm'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'FaceVeil',
    description: 'Blurs human faces on web pages, on your own machine.',
    permissions: ['storage', 'offscreen', 'contextMenus', 'tabs'],
    // Lets the offscreen detector read cross-origin images the page shows, without touching CORS headers.
    host_permissions: ['<all_urls>'],
    // The remote API's endpoint, requested when the user turns remote detection on. `<all_urls>` above
    // usually makes that request a no-op, but users can withhold site access in chrome://extensions,
    // and then this is the prompt that grants exactly the endpoint. (http only to this machine: checkEndpoint.)
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
    action: { default_title: 'FaceVeil' },
    content_security_policy: {
      // tasks-vision runs WebAssembly; Chromium refuses to compile it in extension pages without this.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
  },
  hooks: {
    // The model and WASM come from npm packages at build time; nothing is downloaded at run time.
    'build:publicAssets': async (wxt, files) => {
      const modelDir = resolve(wxt.config.wxtDir, 'generated-models');
      const [fullRange] = await buildModels(modelDir);
      files.push({ absoluteSrc: fullRange!, relativeDest: 'models/face_detection_full_range.tflite' });
      for (const file of WASM_FILES) {
        files.push({ absoluteSrc: join(tasksVisionWasm, file), relativeDest: `mediapipe/${file}` });
      }
    },
  },
});
