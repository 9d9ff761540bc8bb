// YuNet on onnxruntime-web (WASM, SIMD, threaded where the page is cross-origin isolated): one session, reused for every call.
import * as ort from 'onnxruntime-web/wasm';
import type { Face } from '../../face';
import type { TileModel } from '../run-tiles';
import { decodeYunet, STRIDES, type StrideOutput } from './decode';
import { inputSide } from './plan';

export interface YunetConfig {
  /** Folder (URL) holding onnxruntime's `ort-wasm-simd-threaded.{mjs,wasm}`, shipped inside the extension. */
  wasmBase: string;
  modelUrl: string;
  /** Lowest raw score reported. */
  minScore: number;
}

export interface YunetModel extends TileModel {
  readonly threads: number;
  readonly loadMs: number;
  close(): Promise<void>;
}

let configured = false;

export async function loadYunet(config: YunetConfig): Promise<YunetModel> {
  const started = performance.now();
  // onnxruntime's settings are global and fixed once the runtime has started: set them once.
  if (!configured) {
    ort.env.wasm.wasmPaths = config.wasmBase;
    // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (the manifest's COOP/COEP keys).
    ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    configured = true;
  }
  const session = await ort.InferenceSession.create(config.modelUrl, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    // Images come in every size. Memory patterns would be planned and kept per input shape; without them the
    // arena is reused and memory stays at the largest call's (measured flat over 800 random shapes).
    enableMemPattern: false,
  });
  const loadMs = performance.now() - started;
  const inputName = session.inputNames[0]!;
  /** The input buffer, grown to the largest call so far and reused. */
  let buffer = new Float32Array(0);

  async function detect(canvas: OffscreenCanvas, w: number, h: number): Promise<Face[]> {
    const W = canvas.width;
    const H = canvas.height;
    const rgba = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, W, H).data;
    if (buffer.length < 3 * W * H) buffer = new Float32Array(3 * W * H);
    const data = buffer.subarray(0, 3 * W * H);
    // Planar BGR, 0..255, no normalization: what the network was trained on (RGB finds far fewer faces).
    const plane = W * H;
    for (let i = 0, p = 0; p < plane; i += 4, p++) {
      data[p] = rgba[i + 2]!;
      data[plane + p] = rgba[i + 1]!;
      data[2 * plane + p] = rgba[i]!;
    }
    const input = new ort.Tensor('float32', data, [1, 3, H, W]);
    const out = await session.run({ [inputName]: input });
    try {
      const strides: StrideOutput[] = STRIDES.map((s) => ({
        stride: s,
        cls: out[`cls_${s}`]!.data as Float32Array,
        obj: out[`obj_${s}`]!.data as Float32Array,
        bbox: out[`bbox_${s}`]!.data as Float32Array,
      }));
      return decodeYunet(strides, { inputW: W, inputH: H, validW: w, validH: h, minScore: config.minScore });
    } finally {
      for (const tensor of Object.values(out)) tensor.dispose();
      input.dispose();
    }
  }

  return {
    threads: ort.env.wasm.numThreads ?? 1,
    loadMs,
    inputSize: (w, h) => ({ w: inputSide(w), h: inputSide(h) }),
    detect,
    close: () => session.release(),
  };
}
