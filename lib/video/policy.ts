// When a playing video is blurred whole rather than only on its faces. Both modes: before the first detection and just
// before a loop back. Strict (the default) also whenever the covers cannot be trusted to be on the faces: after a scene
// cut, when the last detection is too old for the motion model, and when much of the picture changed in ways the
// detected frame does not explain. Smooth trades that for fewer whole-frame blurs, at the risk of a face showing for a
// moment after a cut or as it comes in.

export type VideoMode = 'strict' | 'smooth';

/** How far (media ms) strict mode lets tracked covers run ahead of, or behind, the frame last detected. */
export const STRICT_MAX_AGE_MS = 1_000;
/**
 * A looping video is blurred whole this long (media ms) before its end: the jump back's first frame can be shown before
 * FaceVeil hears of the jump, with covers laid for the last frame.
 */
export const LOOP_GUARD_MS = 100;
/** Share of the frame changed beyond what the detected frame explains, above which strict mode blurs it whole. */
export const STRICT_MAX_CHANGED = 0.4;

export interface VideoState {
  mode: VideoMode;
  /** Media time (ms) of the frame shown now. */
  now: number;
  /** Media time (ms) of the frame the latest detection was made on, or null before the first one answered. */
  detectedAt: number | null;
  /** A scene cut was seen after that frame. */
  cutSince: boolean;
  /** Share of the frame changed since that frame, beyond what its motion explains (lib/video/covers.ts). */
  changed?: number;
  /** Media ms until a looping video jumps back to its start (undefined: it does not loop). */
  loopsIn?: number;
}

/** Why the whole video must be blurred now, or null when covers on the faces are enough. */
export function wholeBlurReason({ mode, now, detectedAt, cutSince, changed = 0, loopsIn }: VideoState): string | null {
  if (detectedAt === null) return 'not scanned yet';
  if (loopsIn !== undefined && loopsIn < LOOP_GUARD_MS) return 'about to loop back to its start';
  if (mode === 'smooth') return null;
  if (cutSince) return 'a scene cut since the last detection';
  if (Math.abs(now - detectedAt) > STRICT_MAX_AGE_MS) return 'the last detection is too old';
  if (changed > STRICT_MAX_CHANGED) return 'much of the picture changed since the last detection';
  return null;
}
