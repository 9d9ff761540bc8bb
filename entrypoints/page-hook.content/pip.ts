// Picture-in-picture of a video FaceVeil watches: FaceVeil turns the browser's own PiP off on it (its window would show
// the faces sharp, content/video/pip.ts) and shows its covered mirror instead. Here, in the page's world, the page
// keeps seeing its own `disablePictureInPicture` (a player that checks it keeps its PiP button), and the page's
// `requestPictureInPicture()` on a held video opens the mirror, resolving with its window as the browser's would.
import { PIP_FAILED, PIP_HOLD, PIP_RELEASE, PIP_REQUEST } from '@/lib/video/pip-events';
import { wrapAccessor, wrapMethod } from './wrap';

const { apply } = Reflect;
const NativeEvent = Event;
const NativeDOMException = DOMException;
const NativeVideo = HTMLVideoElement;
const NativePromise = Promise;
const addListener = EventTarget.prototype.addEventListener;
const removeListener = EventTarget.prototype.removeEventListener;
const dispatch = EventTarget.prototype.dispatchEvent;
const composedPath = Event.prototype.composedPath;
const preventDefault = Event.prototype.preventDefault;
const defaultPrevented = Object.getOwnPropertyDescriptor(Event.prototype, 'defaultPrevented')!.get!;
const detailOf = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')!.get!;
// Firefox has no picture-in-picture API for pages (its own PiP button cannot be held off: README, "Firefox").
const windowOf = typeof PictureInPictureEvent === 'function' ? Object.getOwnPropertyDescriptor(PictureInPictureEvent.prototype, 'pictureInPictureWindow')?.get : undefined;

/** Held videos, with the value the page itself last gave `disablePictureInPicture`. */
const held = new WeakMap<object, boolean>();

export function installPipHook(): void {
  const proto = HTMLVideoElement.prototype;
  const disable = Object.getOwnPropertyDescriptor(proto, 'disablePictureInPicture');
  const request = proto.requestPictureInPicture;
  if (!disable?.get || !disable.set || typeof request !== 'function' || !windowOf) return;
  const { get, set } = disable;
  // Events dispatched on a video in an open shadow root reach the window composed; a closed one's stay inside, and
  // FaceVeil then sets the property itself (the page sees it).
  const videoOf = (event: Event) => {
    const target = (apply(composedPath, event, []) as EventTarget[])[0];
    return target instanceof NativeVideo ? target : null;
  };
  apply(addListener, window, [PIP_HOLD, (event: Event) => {
    const video = videoOf(event);
    if (!video) return;
    if (!held.has(video)) held.set(video, apply(get, video, []) as boolean);
    apply(set, video, [true]);
    apply(preventDefault, event, []);
  }, true]);
  apply(addListener, window, [PIP_RELEASE, (event: Event) => {
    const video = videoOf(event);
    if (!video || !held.has(video)) return;
    apply(set, video, [held.get(video)]);
    held.delete(video);
    apply(preventDefault, event, []);
  }, true]);
  wrapAccessor(proto, 'disablePictureInPicture', function (this: HTMLVideoElement) {
    return held.has(this) ? held.get(this) : apply(get, this, []);
  }, function (this: HTMLVideoElement, value: unknown) {
    if (held.has(this)) held.set(this, !!value);
    else apply(set, this, [value]);
  });
  wrapMethod(proto, 'requestPictureInPicture', function (this: HTMLVideoElement) {
    if (!held.has(this) || held.get(this)) return apply(request, this, []);
    const asked = new NativeEvent(PIP_REQUEST, { cancelable: true });
    apply(dispatch, this, [asked]);
    if (!apply(defaultPrevented, asked, [])) return apply(request, this, []);
    return mirrorOpened(this);
  });
}

/** Settles as the browser's request would: with the mirror's window, or a NotAllowedError saying why not. */
function mirrorOpened(video: HTMLVideoElement): Promise<PictureInPictureWindow> {
  return new NativePromise((resolve, reject) => {
    const entered = (event: Event) => {
      done();
      resolve(apply(windowOf!, event, []) as PictureInPictureWindow);
    };
    const failed = (event: Event) => {
      done();
      reject(new NativeDOMException(String(apply(detailOf, event, [])), 'NotAllowedError'));
    };
    const done = () => {
      apply(removeListener, video, ['enterpictureinpicture', entered]);
      apply(removeListener, video, [PIP_FAILED, failed]);
    };
    apply(addListener, video, ['enterpictureinpicture', entered]);
    apply(addListener, video, [PIP_FAILED, failed]);
  });
}
