// The browser's own picture-in-picture shows a video's frames in a window of their own, where FaceVeil's covers cannot
// follow: it is switched off on every watched video (left, if it is on) and FaceVeil's mirror (pip-mirror.ts) opens
// instead, from the page's own request or the right-click menu. The page-world half (page-hook.content/pip.ts) keeps the
// page seeing its own setting; where it does not run, the property is set here and given back as the page had it.
import { PIP_HOLD, PIP_RELEASE } from '@/lib/video/pip-events';

/** Videos held here (the page-world half did not take it), with the page's own setting to give back. */
const held = new WeakMap<HTMLVideoElement, boolean>();

export function holdPictureInPicture(video: HTMLVideoElement, hold: boolean): void {
  const taken = !video.dispatchEvent(new Event(hold ? PIP_HOLD : PIP_RELEASE, { cancelable: true, composed: true }));
  if (!hold) {
    if (held.has(video)) video.disablePictureInPicture = held.get(video)!;
    held.delete(video);
    return;
  }
  if (!taken && !held.has(video)) {
    held.set(video, video.disablePictureInPicture);
    video.disablePictureInPicture = true;
  }
  const root = video.getRootNode() as Document | ShadowRoot;
  if (root.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
}
