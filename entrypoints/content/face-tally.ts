// Faces this frame blurs, summed over its surfaces (images, textures…), for the badge and the popup.
import { sendMessage } from '@/lib/messages';

const counts = new Map<string, number>();

export function tallyFaces(surface: string, count: number): void {
  counts.set(surface, count);
  let total = 0;
  for (const n of counts.values()) total += n;
  sendMessage('reportFaces', total).catch(() => undefined);
}
