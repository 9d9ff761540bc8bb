// Owns BlazeFace (MediaPipe) in the offscreen document: loads it with the chosen delegate and, in "auto", measures whether the GPU is faster here.
import { chooseDelegate, median, type Delegate, type DelegatePreference, type DelegateProbe } from '@/lib/detect/blazeface/delegate';
import type { LoadedDetector } from '@/lib/detect/blazeface/model';
import { loadBlazefaceModel } from '@/lib/detect/engines';
import { assets } from './assets';

const PROBE_RUNS = 7;

let preference: DelegatePreference = 'auto';
let probe: DelegateProbe | null = null;
let current: Promise<LoadedDetector> | undefined;

function load(delegate: Delegate): Promise<LoadedDetector> {
  return loadBlazefaceModel(assets, delegate);
}

/** BlazeFace for the current delegate preference; a failed load is retried by the next caller. */
export function getBlazeface(): Promise<LoadedDetector> {
  current ??= load(chooseDelegate(preference, probe)).catch(async (error: unknown) => {
    current = undefined;
    if (chooseDelegate(preference, probe) === 'CPU') throw error;
    console.warn('[FaceVeil] GPU delegate failed to load, using the CPU:', error);
    probe = { cpuMs: 0, gpuMs: null };
    preference = 'CPU';
    return getBlazeface();
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
  if (preference !== 'auto' || probe || !current) return;
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
  const cpuMs = time(await getBlazeface());
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

/** Reloads BlazeFace with the delegate now chosen, if it is in use at all. */
async function swap(): Promise<void> {
  const old = current;
  if (!old) return;
  current = undefined;
  await getBlazeface();
  (await old?.catch(() => undefined))?.close();
}
