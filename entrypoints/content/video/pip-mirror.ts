// FaceVeil's own picture-in-picture for a watched video. The browser's PiP window shows the element's own frames, where
// covers cannot follow; the mirror is a canvas that paints each frame the blurrer shows, its faces covered (or all of
// it blurred while the covers cannot be trusted), streamed into a video element of FaceVeil's that the window shows.
// The page's video keeps playing in the page, with its sound.
import type { NormBox } from '@/lib/face';
import { blurFacesInPlace, blurWholeInPlace, type BlurLook } from '@/lib/photo/blur-canvas';

/** The mirror's longer side at most: the window is small, and every frame is painted on the page's main thread. */
const MAX_SIDE = 1280;

export class PipMirror {
  private readonly canvas = document.createElement('canvas');
  private readonly out = document.createElement('video');
  /** The page's video shown in the window, from the moment its opening starts. */
  source: HTMLVideoElement | null = null;
  private stop = new AbortController();
  /** The window, once open. */
  private win: PictureInPictureWindow | null = null;

  constructor() {
    this.out.muted = true;
    this.out.playsInline = true;
  }

  /**
   * Opens the window on `video`, painted blurred whole until `paint` (or a later frame) covers it. Must be called
   * while the page has the user's activation (a click, a right-click): the browser opens PiP only then.
   */
  async open(video: HTMLVideoElement, look: BlurLook, paint: () => void): Promise<PictureInPictureWindow> {
    if (this.source) this.close();
    this.source = video;
    const stop = (this.stop = new AbortController());
    const k = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    this.canvas.width = Math.max(1, Math.round(video.videoWidth * k));
    this.canvas.height = Math.max(1, Math.round(video.videoHeight * k));
    this.draw(video, null, look);
    paint();
    this.out.srcObject = this.canvas.captureStream();
    const win = await this.out.play().then(() => this.out.requestPictureInPicture());
    if (stop.signal.aborted) throw new DOMException('closed while opening', 'AbortError');
    this.win = win;
    const { signal } = stop;
    this.out.addEventListener('leavepictureinpicture', () => this.close(), { signal, once: true });
    // The mirror keeps playing, or the window would show no new frame: a pause there (the window's button, where the
    // browser shows one for a stream) plays or pauses the page's video instead.
    this.out.addEventListener('pause', () => {
      if (video.paused) void video.play().catch(() => undefined);
      else video.pause();
      void this.out.play().catch(() => undefined);
    }, { signal });
    video.dispatchEvent(new PictureInPictureEvent('enterpictureinpicture', { bubbles: true, pictureInPictureWindow: win }));
    return win;
  }

  /**
   * Paints `frame` (the frame the page shows, or the one just checked) with `faces` covered, or blurred whole (null).
   * A frame that cannot be read leaves the window as it was (the mirror only opens on videos FaceVeil reads).
   */
  draw(frame: CanvasImageSource, faces: readonly NormBox[] | null, look: BlurLook): void {
    const ctx = this.canvas.getContext('2d', { alpha: false })!;
    try {
      ctx.drawImage(frame, 0, 0, this.canvas.width, this.canvas.height);
    } catch {
      return;
    }
    if (faces) blurFacesInPlace(this.canvas, faces, look);
    else blurWholeInPlace(this.canvas, look.strength);
  }

  /** Closes the window (if open) and lets the page's video go. */
  close(): void {
    const video = this.source;
    const win = this.win;
    if (!video) return;
    this.source = this.win = null;
    this.stop.abort();
    if (document.pictureInPictureElement === this.out) void document.exitPictureInPicture().catch(() => undefined);
    for (const track of (this.out.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop();
    this.out.srcObject = null;
    this.canvas.width = this.canvas.height = 0;
    if (win) video.dispatchEvent(new PictureInPictureEvent('leavepictureinpicture', { bubbles: true, pictureInPictureWindow: win }));
  }
}
