// Owns the offscreen document's detector: loads it with the chosen delegate and, in "auto", measures whether the GPU is faster here.
import { browser } from 'wxt/browser';
import { DETECTOR_FLOOR, MODEL_PATH, WASM_PATH } from '@/lib/detect/config';
import { chooseDelegate, median, type Delegate, type DelegatePreference, type DelegateProbe } from '@/lib/detect/delegate';
import { loadDetector, type LoadedDetector } from '@/lib/detect/face-detector';

const assetUrl = browser.runtime.getURL as (path: string) => string; // generated at build time, not in public/
const PROBE_RUNS = 7;

let preference: DelegatePreference = 'auto';
let probe: DelegateProbe | null = null;
let current: Promise<LoadedDetector> | undefined;

function load(delegate: Delegate): Promise<LoadedDetector> {
  return loadDetector({ wasmBase: assetUrl(WASM_PATH), modelUrl: assetUrl(MODEL_PATH), delegate, minScore: DETECTOR_FLOOR });
}

/** The detector for the current preference; a failed load is retried by the next caller. */
export function getDetector(): Promise<LoadedDetector> {
  current ??= load(chooseDelegate(preference, probe)).catch(async (error: unknown) => {
    current = undefined;
    if (chooseDelegate(preference, probe) === 'CPU') throw error;
    console.warn('[FaceVeil] GPU delegate failed to load, using the CPU:', error);
    probe = { cpuMs: 0, gpuMs: null };
    preference = 'CPU';
    return getDetector();
  });
  return current;
}

export async function setPreference(next: DelegatePreference): Promise<void> {
  if (next === preference) return;
  const before = chooseDelegate(preference, probe);
  preference = next;
  if (chooseDelegate(preference, probe) !== before) await swap();
}

export function currentProbe(): DelegateProbe | null {
  return probe;
}

/**
 * In "auto", times the same input on both delegates once per document and keeps the faster one.
 * Runs between scans (the caller serializes it with detection), so pages never wait for it.
 */
export async function probeDelegates(): Promise<void> {
  if (preference !== 'auto' || probe) return;
  const input = new OffscreenCanvas(192, 192);
  const ctx = input.getContext('2d')!;
  ctx.fillStyle = '#888';
  ctx.fillRect(0, 0, 192, 192);
  const time = (d: LoadedDetector) => {
    d.detect(input, 192, 192); // warm-up: first call compiles shaders / allocates
    return median(Array.from({ length: PROBE_RUNS }, () => {
      const t = performance.now();
      d.detect(input, 192, 192);
      return performance.now() - t;
    }));
  };
  const cpuMs = time(await getDetector());
  let gpuMs: number | null = null;
  try {
    const gpu = await load('GPU');
    gpuMs = time(gpu);
    gpu.close();
  } catch (error) {
    console.info('[FaceVeil] GPU delegate unavailable here:', String(error));
  }
  probe = { cpuMs, gpuMs };
  console.info(`[FaceVeil] delegate probe: CPU ${cpuMs.toFixed(1)} ms, GPU ${gpuMs?.toFixed(1) ?? 'n/a'} ms per call`);
  if (chooseDelegate(preference, probe) === 'GPU') await swap();
}

async function swap(): Promise<void> {
  const old = current;
  current = undefined;
  await getDetector();
  (await old?.catch(() => undefined))?.close();
}
