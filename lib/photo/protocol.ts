// Messages between the Face Blur app page and its worker, which decodes, detects, blurs and encodes off the page's thread.
import type { EngineAssets } from '../detect/config';
import type { DetectorChoice } from '../detect/engine';
import type { Face } from '../face';
import type { Phrase } from '../phrase';
import type { BlurLook } from './blur-canvas';
import type { PhotoType } from './sniff';

export type ExportFormat = 'image/jpeg' | 'image/png';

export type ToWorker =
  /** Where the engines' files are (extension URLs): sent first, before anything else. */
  | { type: 'init'; assets: EngineAssets }
  /** Load this detector's engines now, so the first photo does not wait for them. */
  | { type: 'preload'; detector: DetectorChoice }
  /** `minScore`: the user's face threshold; our scores are not the service's, so its 0.20 cut alone lets noise through. */
  | { type: 'blur'; id: number; photo: Blob; name: string; look: BlurLook; detector: DetectorChoice; minScore: number }
  /** Encode the last blurred photo again in another format. */
  | { type: 'encode'; id: number; format: ExportFormat };

export type Stage = 'reading' | 'decoding' | 'loading-detector' | 'detecting' | 'blurring' | 'encoding';

export interface Progress {
  stage: Stage;
  /** Network calls done / planned (every pass and tile of every engine), while detecting. */
  callsDone?: number;
  callsPlanned?: number;
  /** Faces found so far (after each finished scale level). */
  faces?: number;
}

export interface BlurResult {
  type: PhotoType;
  /** Size after EXIF orientation is applied: the size of the blurred photo. */
  width: number;
  height: number;
  /** Every face at or above the user's threshold, boxes normalized to the oriented photo. */
  faces: Face[];
  /** Network calls the detector made. */
  calls: number;
  /** The input carried an EXIF block (camera, date, maybe GPS); the output never does. */
  hadExif: boolean;
  /** The blurred photo as JPEG, re-encoded through canvas (so without any metadata). */
  jpeg: Blob;
  ms: { decode: number; detect: number; blur: number; encode: number };
}

export type FromWorker =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'blurred'; id: number; result: BlurResult }
  | { type: 'encoded'; id: number; blob: Blob }
  | { type: 'failed'; id: number; phrase: Phrase };

/** What the app component needs from its page: the worker, the network, the user's blur look. */
export interface PhotoService {
  blur(photo: Blob, name: string, onProgress: (p: Progress) => void): Promise<BlurResult>;
  /** The last blurred photo in another format (PNG is encoded on demand: it is large and slow). */
  encode(format: ExportFormat): Promise<Blob>;
  fetchPhoto(url: string, name: string): Promise<Blob>;
}
