// What the app says while it works: one sentence per stage, with the detector's tile count for big photos.
import type { Progress } from './protocol';

export type PageStage = 'fetching' | 'finishing';
export type AnyProgress = Progress | { stage: PageStage };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function progressText(p: AnyProgress): string {
  switch (p.stage) {
    case 'fetching':
      return 'Fetching the image…';
    case 'reading':
      return 'Reading the file…';
    case 'decoding':
      return 'Decoding the photo…';
    case 'loading-detector':
      return 'Loading the face detector…';
    case 'detecting': {
      const found = p.faces ? ` (${plural(p.faces, 'face', 'faces')} so far)` : '';
      return `Looking for faces: ${p.callsDone ?? 0} of ${p.callsPlanned ?? '?'} detector passes${found}…`;
    }
    case 'blurring':
      return `Blurring ${plural(p.faces ?? 0, 'face', 'faces')}…`;
    case 'encoding':
      return 'Encoding the blurred photo…';
    case 'finishing':
      return 'Building the response…';
  }
}

/** Fraction done for a progress bar: detection dominates, so it takes 5%..90%; null = indeterminate. */
export function progressFraction(p: AnyProgress): number | null {
  if (p.stage === 'detecting' && p.callsPlanned) return 0.05 + 0.85 * ((p.callsDone ?? 0) / p.callsPlanned);
  if (p.stage === 'blurring') return 0.9;
  if (p.stage === 'encoding') return 0.93;
  if (p.stage === 'finishing') return 0.97;
  return null;
}
