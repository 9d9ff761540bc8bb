// What the app says while it works: one sentence per stage, with the detector's tile count for big photos.
import { phrase, type Phrase } from '../phrase';
import type { Progress } from './protocol';

export type PageStage = 'fetching' | 'finishing';
export type AnyProgress = Progress | { stage: PageStage };

export function progressText(p: AnyProgress): Phrase {
  switch (p.stage) {
    case 'fetching':
    case 'reading':
    case 'decoding':
    case 'encoding':
    case 'finishing':
      return phrase(`app.stage.${p.stage}`);
    case 'loading-detector':
      return phrase('app.stage.loadingDetector');
    case 'detecting': {
      const done = p.callsDone ?? 0;
      const planned = p.callsPlanned ?? '?';
      if (!p.faces) return phrase('app.stage.detecting', [done, planned]);
      return phrase('app.stage.detectingFound', [p.faces, done, planned], p.faces);
    }
    case 'blurring':
      return phrase('app.stage.blurring', [p.faces ?? 0], p.faces ?? 0);
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
