// Picture-in-picture shows a video's frames in a window of its own, where FaceVeil's covers cannot follow. In strict
// mode a watched video's picture-in-picture is switched off (left, if it is on), with the reason logged; smooth mode,
// the right-click "Remove blur from this video" and the site switch give it back as the page had it.

/** Videos held, with the page's own setting to give back. */
const held = new WeakMap<HTMLVideoElement, boolean>();
let told = false;

export function holdPictureInPicture(video: HTMLVideoElement, hold: boolean): void {
  if (!hold) {
    if (held.has(video)) video.disablePictureInPicture = held.get(video)!;
    held.delete(video);
    return;
  }
  if (held.has(video)) return;
  held.set(video, video.disablePictureInPicture);
  video.disablePictureInPicture = true;
  const root = video.getRootNode() as Document | ShadowRoot;
  if (root.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
  if (!told) console.info('[FaceVeil] picture-in-picture is off for videos in strict mode: its window cannot show covers (smooth mode allows it)');
  told = true;
}
