// Compares two face lists (on-device vs remote API) for the Face Blur app: how many faces both found.
import type { NormBox } from '../face';
import { boxIou } from '../box';

export interface Agreement {
  local: number;
  remote: number;
  /** Faces found by both: one-to-one pairs at IoU >= `minIou`, best overlaps first. */
  both: number;
}

export function agreement(local: NormBox[], remote: NormBox[], minIou = 0.4): Agreement {
  const pairs: [number, number, number][] = [];
  local.forEach((a, i) => remote.forEach((b, j) => {
    const iou = boxIou(a, b);
    if (iou >= minIou) pairs.push([iou, i, j]);
  }));
  pairs.sort((p, q) => q[0] - p[0]);
  const usedLocal = new Set<number>();
  const usedRemote = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedLocal.has(i) || usedRemote.has(j)) continue;
    usedLocal.add(i);
    usedRemote.add(j);
  }
  return { local: local.length, remote: remote.length, both: usedLocal.size };
}
