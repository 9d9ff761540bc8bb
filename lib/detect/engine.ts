// What every detector engine looks like behind the facade (lib/detect/detector.ts), and which engines a user can pick.
import type { Face } from '../face';

export type EngineName = 'yunet' | 'blazeface';

/** The detector setting: one engine, or the union of both. */
export type DetectorChoice = 'yunet' | 'yunet+blazeface' | 'blazeface';
export const DETECTOR_CHOICES: readonly DetectorChoice[] = ['yunet', 'yunet+blazeface', 'blazeface'];

export interface EngineRequest {
  /** Smallest face (px of the image passed in) that must be found. */
  minFacePx: number;
  /** Faces so far, after each finished scale (coarse first), before the engine is done. */
  onLevel?: (faces: Face[]) => void;
  /** After each network call (for progress bars). */
  onCall?: () => void;
}

export interface EngineResult {
  /** Calibrated: boxes hairline to chin, cheek to cheek; scores comparable across engines (lib/detect/calibration.ts). */
  faces: Face[];
  /** Network calls made. */
  calls: number;
  /**
   * The smallest face (px of the image passed in) the search really reached everywhere in the picture: more than
   * asked when a cap (call budget, pass size, upscale) stopped it. Views needing smaller faces need a new scan.
   */
  minFacePx: number;
}

export interface Engine {
  readonly name: EngineName;
  /** How many network calls `detect` will make on an image of this size. */
  plannedCalls(width: number, height: number, minFacePx: number): number;
  detect(image: ImageBitmap, request: EngineRequest): Promise<EngineResult>;
}

export function enginesOf(choice: DetectorChoice): EngineName[] {
  return choice === 'yunet+blazeface' ? ['yunet', 'blazeface'] : [choice];
}
