// The BlazeFace (MediaPipe) engine: its budgeted multi-scale tile plan run through the shared tile runner, merged and calibrated.
import { calibrate } from '../calibration';
import type { Engine } from '../engine';
import { mergeTileDetections, type TileDetection } from '../merge';
import { runTiles, type TileModel } from '../run-tiles';
import { isEquirectangular, type Tile } from '../tiles';
import { BLAZEFACE_CALIBRATION } from './calibration';
import { BLAZEFACE_WINDOW_PX, planTiles } from './plan';

/** Calls per megapixel and per image at most: small faces cost many 192-px tiles (README, "How detection works"). */
const CALLS_PER_MEGAPIXEL = 40;
const MAX_CALLS = 240;

function plan(width: number, height: number, minFacePx: number) {
  const wrap = isEquirectangular(width, height);
  const maxTiles = Math.max(1, Math.min(MAX_CALLS, Math.ceil(((width * height) / 1e6) * CALLS_PER_MEGAPIXEL)));
  return { wrap, tiles: planTiles(width, height, { minFacePx, maxTiles, wrap }) };
}

/**
 * The smallest face the plan looks for everywhere: the finest level that spans the whole height (a panorama over
 * budget keeps only the horizon band at its finest level; above and below it, the level before answers).
 */
export function reachedFacePx(tiles: Tile[], height: number): number {
  const levels = new Map<number, Tile[]>();
  for (const t of tiles) levels.set(t.level, [...(levels.get(t.level) ?? []), t]);
  let reached = Infinity;
  for (const level of levels.values()) {
    const spans = Math.min(...level.map((t) => t.y)) <= 0 && Math.max(...level.map((t) => t.y + t.h)) >= height;
    if (spans) reached = Math.min(reached, ...level.map((t) => t.minFacePx));
  }
  return reached;
}

export function blazefaceEngine(model: TileModel): Engine {
  return {
    name: 'blazeface',
    plannedCalls: (width, height, minFacePx) => plan(width, height, minFacePx).tiles.length,
    async detect(image, { minFacePx, onLevel, onCall }) {
      const { width, height } = image;
      const { wrap, tiles } = plan(width, height, minFacePx);
      const merge = (found: TileDetection[], done: Tile[]) =>
        mergeTileDetections(found, done, width, height, { wrap }).map((face) => calibrate(face, BLAZEFACE_CALIBRATION));
      const run = await runTiles(model, image, { tiles, scaleOf: (t) => BLAZEFACE_WINDOW_PX / Math.max(t.w, t.h), merge }, { onLevel, onCall });
      return { ...run, minFacePx: reachedFacePx(tiles, height) };
    },
  };
}
