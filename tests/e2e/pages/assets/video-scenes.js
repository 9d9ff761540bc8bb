// What a test video shows at each moment, shared by the page that records it (video-make.js) and the tests that check
// its frames. Frames are 640x360. Scenes follow each other, each `ms` long; its photo is drawn PICTURE large at (x, 0),
// moving from x0 to x1 over the scene (a change of photo from one scene to the next is a hard cut).

/** Where the photo is drawn: above a black band that holds the time strip (apart, so the codec does not mix them). */
export const PICTURE = { w: 510, h: 340 };
/**
 * The frame-time strip at the bottom, from `left`: `bits` cells then their inverse, each `cell` px wide and `height` px
 * tall (one codec block row of its own), the time in `unitMs` steps (up to 10 s). Away from the sides, where new
 * content comes in and may be blurred.
 */
export const TIMECODE = { bits: 10, cell: 14, height: 8, unitMs: 10, left: 168 };

/** The photo and its left edge at `t` ms into the video (the last scene's end after it). */
export function sceneAt(scenes, t) {
  let from = 0;
  for (const [i, scene] of scenes.entries()) {
    if (t < from + scene.ms || i === scenes.length - 1) {
      const k = Math.min(1, Math.max(0, (t - from) / scene.ms));
      return { photo: scene.photo, x: scene.x0 + (scene.x1 - scene.x0) * k };
    }
    from += scene.ms;
  }
}

export const lengthOf = (scenes) => scenes.reduce((sum, s) => sum + s.ms, 0);
