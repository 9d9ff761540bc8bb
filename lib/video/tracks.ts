// Faces between detections: each face found is followed as a track with a constant-velocity model (in media time, so
// pausing, seeking and playback speed change nothing), and its cover is the predicted box grown by how far the face
// may have moved since it was last seen. A face a detection misses keeps its cover for a while.
import { boxIou } from '../box';
import type { NormBox } from '../face';

/** How long after its last sighting a face keeps its cover (a single missed detection must not show it). */
export const KEEP_MS = 1_000;
/** Cover margin on each side, as a fraction of the face, before any motion. */
const MARGIN = 0.1;
/** Tracks farther apart than this many face sizes are not the same face. */
const MAX_JUMP = 1;

interface Track {
  box: NormBox;
  /** Change per ms of media time of x, y, w, h. */
  v: NormBox;
  /** Media time (ms) of the frame it was last seen in. */
  at: number;
}

const STILL: NormBox = { x: 0, y: 0, w: 0, h: 0 };

export class FaceTracks {
  private tracks: Track[] = [];

  /** The faces a detection found in the frame shown at media time `at` (ms). */
  update(faces: readonly NormBox[], at: number): void {
    const left = new Set(this.tracks);
    const next: Track[] = [];
    for (const face of faces) {
      const prior = this.closest(face, at, left);
      if (prior) left.delete(prior);
      const dt = prior ? at - prior.at : 0;
      const v =
        prior && dt > 0
          ? { x: (face.x - prior.box.x) / dt, y: (face.y - prior.box.y) / dt, w: (face.w - prior.box.w) / dt, h: (face.h - prior.box.h) / dt }
          : STILL;
      next.push({ box: face, v, at });
    }
    for (const track of left) if (at - track.at <= KEEP_MS && at >= track.at) next.push(track);
    this.tracks = next;
  }

  /** Forgets every face (a scene cut, a seek: the next detection starts afresh). */
  clear(): void {
    this.tracks = [];
  }

  get size(): number {
    return this.tracks.length;
  }

  /**
   * The covers for the frame at media time `at`: each face where its motion puts it, grown by how far it may have
   * moved since it was seen and for `slackMs` more (the frame shown while the cover is laid).
   */
  coversAt(at: number, slackMs: number): NormBox[] {
    return this.tracks.map((t) => cover(t, at, slackMs));
  }

  /** The track whose prediction for `at` is this face: overlapping it most, or nearest within a face's size. */
  private closest(face: NormBox, at: number, among: Set<Track>): Track | undefined {
    let best: Track | undefined;
    let bestScore = 0;
    const reach = MAX_JUMP * Math.max(face.w, face.h);
    for (const track of among) {
      const p = cover(track, at, 0);
      const distance = Math.hypot(p.x + p.w / 2 - face.x - face.w / 2, p.y + p.h / 2 - face.y - face.h / 2);
      // Overlap decides; distance only breaks ties and matches faces that moved off their prediction.
      const score = boxIou(p, face) + (distance < reach ? 1e-3 * (1 - distance / reach) : 0);
      if (score > bestScore) [best, bestScore] = [track, score];
    }
    return best;
  }
}

/** Where the motion model puts a track's face at media time `at`, grown by its uncertainty and `slackMs` of motion. */
function cover(t: Track, at: number, slackMs: number): NormBox {
  const dt = Math.max(0, at - t.at);
  const w = Math.max(0, t.box.w + t.v.w * dt);
  const h = Math.max(0, t.box.h + t.v.h * dt);
  // Unsure of the model: grow by half the distance the face travels over the whole time, plus the slack's.
  const gx = w * MARGIN + Math.abs(t.v.x) * (dt / 2 + slackMs);
  const gy = h * MARGIN + Math.abs(t.v.y) * (dt / 2 + slackMs);
  return { x: t.box.x + t.v.x * dt - gx, y: t.box.y + t.v.y * dt - gy, w: w + 2 * gx, h: h + 2 * gy };
}
