// Matches one image's detections to its ground-truth faces with the dataset's rules (IoU, ignore boxes).
import { boxIou } from '../box';
import type { LabeledImage } from './labels';

/** A box in image pixels, (x, y) = top-left. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Detection extends PixelBox {
  score: number;
}

/**
 * `ignored` = neither true nor false positive: it matched no counted face but overlaps an ignore box, or
 * it is an unmatched detection in an image whose background faces are unlabelled.
 */
export type Outcome = 'tp' | 'fp' | 'ignored';

export interface DetectionResult {
  score: number;
  outcome: Outcome;
  /** Index into image.faces of the matched counted face (tp only). */
  faceIndex?: number;
}

export interface FaceResult {
  /** False for ignore boxes: they are never required. */
  counted: boolean;
  matched: boolean;
  /** Score of the matching detection. */
  score?: number;
  /** Face height in px, for size buckets. */
  heightPx: number;
}

/** Everything metrics need from one image, so summaries don't need the labels again. */
export interface ImageMatch {
  file: string;
  kind: string;
  imageHeight: number;
  detections: DetectionResult[]; // in the order given
  faces: FaceResult[]; // in the order of image.faces
}

export interface MatchOptions {
  /** Overrides the per-kind IoU needed to match a counted face. */
  iouThreshold?: number;
  /** IoU with an ignore box that makes an unmatched detection `ignored` (its centre inside also does). */
  ignoreIou?: number;
}

/** Box conventions differ across sources, hence 0.4; synthetic boxes are exact, so they get 0.5. */
export function matchIouFor(kind: string | undefined): number {
  return kind === 'synthetic' ? 0.5 : 0.4;
}

function centreInside(d: PixelBox, box: PixelBox): boolean {
  const cx = d.x + d.w / 2;
  const cy = d.y + d.h / 2;
  return cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h;
}

/**
 * Greedy matching by score: each detection, best first, takes the still-unmatched counted face it overlaps
 * most (IoU >= threshold). A detection that takes none is `ignored` if it overlaps an ignore box
 * (or lies in a `background_unlabelled` image), otherwise a false positive, duplicates included.
 */
export function matchImage(image: LabeledImage, detections: Detection[], opts: MatchOptions = {}): ImageMatch {
  const threshold = opts.iouThreshold ?? matchIouFor(image.kind);
  const ignoreIou = opts.ignoreIou ?? 0.3;
  const faces: FaceResult[] = image.faces.map((f) => ({ counted: !f.ignore, matched: false, heightPx: f.h }));
  const results: DetectionResult[] = detections.map((d) => ({ score: d.score, outcome: 'fp' }));
  // Stable sort: equal scores keep their given order, so results are reproducible.
  const order = detections.map((_, i) => i).sort((a, b) => detections[b]!.score - detections[a]!.score);
  for (const di of order) {
    const det = detections[di]!;
    const result = results[di]!;
    let best = -1;
    let bestIou = threshold;
    image.faces.forEach((gt, fi) => {
      if (gt.ignore || faces[fi]!.matched) return;
      const overlap = boxIou(det, gt);
      if (overlap >= bestIou) [best, bestIou] = [fi, overlap];
    });
    if (best >= 0) {
      Object.assign(faces[best]!, { matched: true, score: det.score });
      Object.assign(result, { outcome: 'tp', faceIndex: best });
    } else if (image.backgroundUnlabelled) {
      result.outcome = 'ignored';
    } else if (image.faces.some((gt) => gt.ignore && (boxIou(det, gt) >= ignoreIou || centreInside(det, gt)))) {
      result.outcome = 'ignored';
    }
  }
  return { file: image.file, kind: image.kind ?? 'unknown', imageHeight: image.height, detections: results, faces };
}
