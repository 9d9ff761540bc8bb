// The YuNet engine: its passes (plan.ts) run through the shared tile runner, merged and calibrated.
import { calibrate } from '../calibration';
import type { Engine } from '../engine';
import { mergeTileDetections, type TileDetection } from '../merge';
import { runTiles, type TileModel } from '../run-tiles';
import type { Tile } from '../tiles';
import { YUNET_CALIBRATION } from './calibration';
import { planYunet, YUNET_MIN_FACE_PX } from './plan';

export function yunetEngine(model: TileModel): Engine {
  return {
    name: 'yunet',
    plannedCalls: (width, height, minFacePx) => planYunet(width, height, { minFacePx }).tiles.length,
    async detect(image, { minFacePx, onLevel, onCall }) {
      const { width, height } = image;
      const plan = planYunet(width, height, { minFacePx });
      // A coarse pass keeps only the faces bigger than the finer pass sees well (Tile.minFacePx: the larger box side).
      const kept = (d: TileDetection) => Math.max(d.boxInTile.w * d.tile.w, d.boxInTile.h * d.tile.h) >= d.tile.minFacePx;
      const merge = (found: TileDetection[], done: Tile[]) =>
        mergeTileDetections(found.filter(kept), done, width, height, { wrap: plan.wrap }).map((face) => calibrate(face, YUNET_CALIBRATION));
      const run = await runTiles(model, image, { tiles: plan.tiles, scaleOf: (t) => plan.scales[t.level]!, merge }, { onLevel, onCall });
      // The finest pass covers the whole picture: what it reaches is what the scan reached.
      return { ...run, minFacePx: YUNET_MIN_FACE_PX / plan.scales.at(-1)! };
    },
  };
}
