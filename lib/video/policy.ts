// When a playing video is blurred whole rather than only on its faces. Strict (the default): whenever the covers
// cannot be trusted to be on the faces - before the first detection, after a scene cut, and when the last detection
// is too old for the motion model. Smooth: only before the first detection (fewer whole-frame blurs, at the risk of a
// face showing for a moment after a cut).

export type VideoMode = 'strict' | 'smooth';

/** How far (media ms) strict mode lets tracked covers run ahead of, or behind, the frame last detected. */
export const STRICT_MAX_AGE_MS = 1_000;

export interface VideoState {
  mode: VideoMode;
  /** Media time (ms) of the frame shown now. */
  now: number;
  /** Media time (ms) of the frame the latest detection was made on, or null before the first one answered. */
  detectedAt: number | null;
  /** A scene cut was seen after that frame. */
  cutSince: boolean;
}

/** Why the whole video must be blurred now, or null when covers on the faces are enough. */
export function wholeBlurReason({ mode, now, detectedAt, cutSince }: VideoState): string | null {
  if (detectedAt === null) return 'not scanned yet';
  if (mode === 'smooth') return null;
  if (cutSince) return 'a scene cut since the last detection';
  if (Math.abs(now - detectedAt) > STRICT_MAX_AGE_MS) return 'the last detection is too old';
  return null;
}
