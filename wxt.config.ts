import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { buildModels } from './scripts/build-model';

const require = createRequire(import.meta.url);
const tasksVisionWasm = dirname(require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.wasm'));
// Only the SIMD build: every Chromium that has offscreen documents (109+) runs WASM SIMD, so tasks-vision never picks the other.
const MEDIAPIPE_FILES = ['vision_wasm_internal.js', 'vision_wasm_internal.wasm'];
const ortDist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
// onnxruntime's plain WASM build (SIMD, threads); its JS glue is loaded from the extension at run time, not bundled.
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

export default defineConfig({
  // i18n: locales/*.yml become _locales/*/messages.json; the interface follows the browser's language.
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  manifest: ({ browser }) => ({
    name: 'FaceVeil',
    description: '__MSG_manifest_description__',
    default_locale: 'en',
    // Firefox has no offscreen documents: its background page hosts the detector's document in a frame (background/offscreen.ts).
    permissions: ['storage', ...(browser === 'firefox' ? [] : ['offscreen']), 'contextMenus', 'tabs', 'scripting'],
    // Lets the offscreen detector read cross-origin images the page shows, without touching CORS headers.
    host_permissions: ['<all_urls>'],
    // The remote API's endpoint, requested when the user turns remote detection on. `<all_urls>` above
    // usually makes that request a no-op, but users can withhold site access in chrome://extensions,
    // and then this is the prompt that grants exactly the endpoint. (http only to this machine: checkEndpoint.)
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
    action: { default_title: 'FaceVeil' },
    // Changeable at chrome://extensions/shortcuts (about:addons in Firefox). Not Alt+Shift+B: Chrome keeps that one
    // (focus the bookmarks bar) and leaves an extension suggesting it without a shortcut.
    commands: {
      'toggle-site': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_manifest_toggleSite__' },
    },
    content_security_policy: {
      // The detectors run WebAssembly; Chromium refuses to compile it in extension pages without this.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // Cross-origin isolation for the extension's pages: SharedArrayBuffer, so onnxruntime runs on every core (up to 4).
    // Page images are read with fetch() (host permission), which COEP does not block.
    // Chrome only: Firefox knows neither key, and runs onnxruntime on one thread.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'faceveil@faceveil.dev',
              // Firefox 140: data collection consent; 128: content scripts in the page's world.
              strict_min_version: '140.0',
              // Nothing leaves the machine unless the user turns the remote API on, which then asks for this consent.
              data_collection_permissions: { required: ['none'], optional: ['websiteContent'] },
            },
          },
        }
      : { cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } }),
  }),
  vite: () => ({
    // onnxruntime-web's default export inlines its WASM glue, which then spawns its threads from our bundle's URL;
    // the "extern" build loads the glue from wasmPaths (the extension's /ort/ folder) instead.
    resolve: { alias: { 'onnxruntime-web/wasm': join(ortDist, 'ort.wasm.min.mjs') } },
  }),
  hooks: {
    // The model and WASM come from npm packages at build time; nothing is downloaded at run time.
    'build:publicAssets': async (wxt, files) => {
      const modelDir = resolve(wxt.config.wxtDir, 'generated-models');
      const [fullRange] = await buildModels(modelDir);
      files.push({ absoluteSrc: fullRange!, relativeDest: 'models/face_detection_full_range.tflite' });
      for (const file of MEDIAPIPE_FILES) {
        files.push({ absoluteSrc: join(tasksVisionWasm, file), relativeDest: `mediapipe/${file}` });
      }
      for (const file of ORT_FILES) files.push({ absoluteSrc: join(ortDist, file), relativeDest: `ort/${file}` });
    },
  },
});
