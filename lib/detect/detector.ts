// The face detector facade: detect(image, options) over the engines the user picked, with progress and one floor for scores.
import type { Face } from '../face';
import type { DetectorChoice, Engine, EngineName } from './engine';
import { mergeDetections } from './merge';
import { POLAR_LATITUDE, viewBoxToPicture, viewToLonLat, type PolarView } from './polar';
import { pixelScale } from './scale';
import { isEquirectangular } from './tiles';

/** Lowest calibrated score reported: below every threshold a user can pick, so thresholds apply without rescanning. */
export const DETECTOR_FLOOR = 0.2;

export interface DetectOptions {
  detector: DetectorChoice;
  /** Smallest face (px of the image passed in) that must be found; sets the engines' finest scale. */
  minFacePx: number;
  /** Faces found so far (coarse scales first), while the search goes on. */
  onProgress?: (faces: Face[]) => void;
  /** Network calls done of those planned, after each call. */
  onCall?: (done: number, planned: number) => void;
}

export interface Detection {
  faces: Face[];
  /** Network calls made, all engines together. */
  calls: number;
  /** The smallest face (px of the image passed in) the search reached everywhere (see EngineResult). */
  minFacePx: number;
}

export interface FaceDetector {
  detect(image: ImageBitmap, options: DetectOptions): Promise<Detection>;
}

/** What each engine is asked for: YuNet looks down to the smallest face wanted; beside it, BlazeFace makes one whole-image call. */
function steps(detector: DetectorChoice, image: ImageBitmap, minFacePx: number): { name: EngineName; minFacePx: number }[] {
  if (detector !== 'yunet+blazeface') return [{ name: detector, minFacePx }];
  // BlazeFace's whole-image pass sees big near faces, the ones a YuNet miss would show most.
  return [
    { name: 'yunet', minFacePx },
    { name: 'blazeface', minFacePx: Math.max(image.width, image.height) },
  ];
}

/** Faces a polar view found, as boxes on the picture: only those nearer the pole than the flat picture sees well. */
function fromPolarView(view: PolarView, faces: Face[]): Face[] {
  return faces.flatMap((face) => {
    const [, lat] = viewToLonLat(view, (face.box.x + face.box.w / 2) * view.size, (face.box.y + face.box.h / 2) * view.size);
    return Math.abs(lat) < POLAR_LATITUDE ? [] : viewBoxToPicture(view, face.box).map((box) => ({ box, score: face.score }));
  });
}

/**
 * `engine(name)` loads an engine once and hands out the same one after (the host owns models and delegates);
 * `polar`, where given, draws a panorama's polar views (lib/detect/polar-render.ts, which needs a canvas).
 */
export function createFaceDetector(
  engine: (name: EngineName) => Promise<Engine>,
  polar?: (image: ImageBitmap, scale: number) => { view: PolarView; bitmap: ImageBitmap }[],
): FaceDetector {
  return {
    async detect(image, { detector, minFacePx, onProgress, onCall }) {
      const above = (faces: Face[]) => faces.filter((f) => f.score >= DETECTOR_FLOOR);
      const plan = steps(detector, image, minFacePx);
      const engines = await Promise.all(plan.map((step) => engine(step.name)));
      const planned = plan.reduce((sum, step, i) => sum + engines[i]!.plannedCalls(image.width, image.height, step.minFacePx), 0);
      let done = 0;
      const found: Face[] = [];
      let calls = 0;
      let reached = Infinity;
      for (const [i, step] of plan.entries()) {
        const merged = (faces: Face[]) => above(found.length ? mergeDetections([...found, ...faces]) : faces);
        const result = await engines[i]!.detect(image, {
          minFacePx: step.minFacePx,
          onLevel: (faces) => onProgress?.(merged(faces)),
          onCall: () => onCall?.(++done, planned),
        });
        found.splice(0, found.length, ...merged(result.faces));
        calls += result.calls;
        // The first step is the one asked to reach the smallest faces; the union's BlazeFace call only adds big ones.
        if (i === 0) reached = result.minFacePx;
        if (i < plan.length - 1) onProgress?.(found);
      }
      // A 360° panorama: its poles once more, as a camera looking straight up and down would see them.
      if (polar && isEquirectangular(image.width, image.height)) {
        const first = plan[0]!;
        // Shrunk only for a picture shown small, and by half as much as the flat picture may be: faces near the poles
        // are seen at an angle in the views, and the views are the only look at them.
        for (const { view, bitmap } of polar(image, 2 * pixelScale(first.minFacePx, first.name))) {
          try {
            // A view has about as many px per degree near 60° of latitude as the picture at its scale (see polarViews).
            const result = await engines[0]!.detect(bitmap, { minFacePx: (first.minFacePx * view.size * 4) / image.width });
            found.splice(0, found.length, ...above(mergeDetections([...found, ...fromPolarView(view, result.faces)])));
            calls += result.calls;
          } finally {
            bitmap.close();
          }
        }
      }
      return { faces: found, calls, minFacePx: reached };
    },
  };
}
