// The BlazeFace (MediaPipe) engine: its budgeted multi-scale tile plan run through the shared tile runner, merged and calibrated.
import { calibrate } from '../calibration';
import type { Engine } from '../engine';
import { mergeTileDetections, type TileDetection } from '../merge';
import { runTiles, type TileModel } from '../run-tiles';
import { isEquirectangular, type Tile } from '../tiles';
import { BLAZEFACE_CALIBRATION } from './calibration';
import { planTiles } from './plan';

/** BlazeFace full range looks at 192x192: every tile is drawn at that size, so each call costs the same. */
const WINDOW_PX = 192;
/** Calls per megapixel and per image at most: small faces cost many 192-px tiles (README, "How detection works"). */
const CALLS_PER_MEGAPIXEL = 40;
const MAX_CALLS = 240;

function plan(width: number, height: number, minFacePx: number) {
  const wrap = isEquirectangular(width, height);
  const maxTiles = Math.max(1, Math.min(MAX_CALLS, Math.ceil(((width * height) / 1e6) * CALLS_PER_MEGAPIXEL)));
  return { wrap, tiles: planTiles(width, height, { minFacePx, maxTiles, wrap }) };
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
      return runTiles(model, image, { tiles, scaleOf: (t) => WINDOW_PX / Math.max(t.w, t.h), merge }, { onLevel, onCall });
    },
  };
}
