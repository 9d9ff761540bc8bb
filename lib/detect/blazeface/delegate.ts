// Which MediaPipe delegate runs the detector: the user's choice, or in "auto" whichever was measured faster here.

export type DelegatePreference = 'auto' | 'CPU' | 'GPU';
export type Delegate = 'CPU' | 'GPU';

export interface DelegateProbe {
  /** Median ms of one detector call on the same input, per delegate; null when that delegate failed to load. */
  cpuMs: number;
  gpuMs: number | null;
}

/** GPU must win clearly: its timings vary more and a WebGL context costs memory. */
const GPU_MARGIN = 1.2;

export function chooseDelegate(preference: DelegatePreference, probe: DelegateProbe | null): Delegate {
  if (preference !== 'auto') return preference;
  if (!probe || probe.gpuMs === null) return 'CPU';
  return probe.gpuMs * GPU_MARGIN < probe.cpuMs ? 'GPU' : 'CPU';
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
