// Videos: every presented frame (requestVideoFrameCallback) is read as a small thumbnail, which tells scene cuts and
// where the picture and each face of the last scanned frame have gone (lib/video/motion.ts). Frames are sampled for the
// detector one at a time per video (at most about 6 a second, two videos' frames at once). Each face is covered where
// its motion model, its own patch or the picture's motion puts it (lib/video/covers.ts), by elements that blur the live
// frame behind them. The whole video is blurred until its first answer and just before it loops; in strict mode
// (lib/video/policy.ts) also after a cut, when the last answer is too old or much of the picture is new, and smaller
// new parts (a face coming in) are covered too.
import { FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import type { ContextAction } from '@/lib/messages';
import type { NormBox } from '@/lib/face';
import type { BlurLook } from '@/lib/photo/blur-canvas';
import type { Settings } from '@/lib/settings';
import { coversNow, ellipseAround, type Scanned } from '@/lib/video/covers';
import { frameStep, shiftOf, type Shift, type Thumb } from '@/lib/video/motion';
import { wholeBlurReason } from '@/lib/video/policy';
import { frameMediaMs } from '@/lib/video/media-time';
import { PIP_FAILED, PIP_REQUEST } from '@/lib/video/pip-events';
import { FaceTracks } from '@/lib/video/tracks';
import { tallyFaces } from '../face-tally';
import { GeometryWatcher } from '../geometry-watch';
import { FaceOverlay } from '../overlay';
import { requestScan } from '../scan-client';
import { captureFrame, snapshot, thumbnail, type Shot } from './video-frames';
import { markVideo } from '../marks';
import { holdPictureInPicture } from './pip';
import { PipMirror } from './pip-mirror';
import { VideoSurface } from './video-surface';

/** Covers are laid for the frame after the one presented: grown by one frame of motion (30 fps). */
const SLACK_MS = 33;
/** Media time passing faster than this between two presented frames is a jump (a seek forward), not playback. */
const JUMP_MS = 500;
/**
 * Scans of one video start at least this far apart (wall time): about 6 a second keeps the covers well within the
 * strict policy's 1 s while leaving the detector to other videos and pictures (unbounded: ~13 a second at 640 px).
 */
const MIN_SCAN_GAP_MS = 150;
/** Video frames being scanned at once, for all the frame's videos together: several playing videos take turns. */
const MAX_SCANS = 2;
let scansUnderWay = 0;

interface Watched {
  /** Names its frames for the scan client. */
  id: number;
  surface: VideoSurface;
  tracks: FaceTracks;
  /** Media time (ms) of the frame the latest answer was for, and of the latest cut seen. */
  detectedAt: number | null;
  cutAt: number | null;
  /** The frame the latest answer was for (its thumbnail and faces), and the thumbnail of the frame shown now. */
  scanned: Scanned | null;
  thumb: Thumb | null;
  /** How the picture moved between the last two frames, and since the scanned frame: where to look first next time. */
  step?: Shift;
  picture?: Shift;
  /** Media time (ms) of the last frame presented, and how many times the video jumped (seek, loop) so far. */
  shownAt: number | null;
  jumps: number;
  scanning: boolean;
  /** Faces in its latest answer (for the badge and the popup's count). */
  faces: number;
  /** When its latest scan started (performance.now()). */
  scannedAt: number;
  unreadable: boolean;
  overlay?: FaceOverlay;
  stop: AbortController;
}

let nextVideo = 1;

export class VideoBlurrer {
  private readonly videos = new Map<HTMLVideoElement, Watched>();
  /** Videos the user chose to see as they are, or blurred whole, from the context menu (kept while on the page). */
  private readonly chosen = new WeakMap<HTMLVideoElement, 'unblur' | 'blur-whole'>();
  /** Faces last reported for the badge. */
  private tallied = 0;
  /** FaceVeil's picture-in-picture window, showing one watched video covered. */
  private readonly pip = new PipMirror();

  /** A paused video presents no frames: its covers follow a resize, a move or a restyle from here. */
  private readonly geometry: GeometryWatcher;
  /** Videos on screen or about to be: one out of sight is neither read nor scanned, and starts afresh when back. */
  private readonly onScreen = new WeakSet<Element>();
  private readonly sight = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting } of entries) {
        if (isIntersecting) this.onScreen.add(target);
        else if (this.onScreen.delete(target)) {
          const watched = this.videos.get(target as HTMLVideoElement);
          if (watched && this.pip.source !== target) this.jumped(watched);
        }
      }
    },
    { rootMargin: '25%' },
  );

  constructor(
    private settings: Settings,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
    this.geometry = new GeometryWatcher((el) => {
      const watched = this.videos.get(el as HTMLVideoElement);
      if (watched) this.render(watched, watched.surface.el.currentTime * 1000);
    }, signal);
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
  }

  /** A <video> on the page: blurred whole (style.css) until its first frame is scanned, then covered on its faces. */
  found(video: HTMLVideoElement): void {
    if (this.videos.has(video) || this.chosen.has(video) || this.signal.aborted) return;
    const watched: Watched = {
      id: nextVideo++,
      surface: new VideoSurface(video),
      tracks: new FaceTracks(),
      detectedAt: null,
      cutAt: null,
      scanned: null,
      thumb: null,
      shownAt: null,
      jumps: 0,
      scanning: false,
      faces: 0,
      scannedAt: -Infinity,
      unreadable: false,
      stop: new AbortController(),
    };
    this.videos.set(video, watched);
    this.geometry.watch(video);
    this.sight.observe(video);
    holdPictureInPicture(video, true);
    watched.surface.show('hidden'); // blurred whole by style.css, at a radius sized to the video
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (watched.stop.signal.aborted) return;
      // A video taken out of the page is let go (found again if it comes back).
      if (!video.isConnected) return this.forget(video);
      this.frame(watched, frameMediaMs(meta.mediaTime, video.duration, video.loop));
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    // A seek (a loop back to the start is one too) is announced before its frame is presented: blurred whole at
    // once, where a frame callback comes only once that frame shows. A seek while paused may present its frame
    // without a frame callback at all (MSE players): it is scanned when sought.
    video.addEventListener('seeking', () => this.jumped(watched), { signal: watched.stop.signal });
    video.addEventListener('seeked', () => this.jumped(watched), { signal: watched.stop.signal });
    // Another source: its frames may be readable (or not) where the last one's were not (or were).
    video.addEventListener('emptied', () => {
      watched.unreadable = false;
      this.jumped(watched);
    }, { signal: watched.stop.signal });
    document.addEventListener('fullscreenchange', () => this.render(watched, video.currentTime * 1000), { signal: watched.stop.signal });
    // The page asked for its picture-in-picture (page-hook.content/pip.ts): FaceVeil's covered mirror opens instead.
    video.addEventListener(PIP_REQUEST, (event) => {
      event.preventDefault();
      void this.pictureInPicture(video);
    }, { signal: watched.stop.signal });
  }

  /**
   * Opens FaceVeil's picture-in-picture on `video` (the page's request or the right-click menu, within the user's
   * gesture). A video FaceVeil does not watch (the user removed its blur, or the site is off) gets the browser's own.
   */
  async pictureInPicture(video: HTMLVideoElement): Promise<void> {
    const watched = this.videos.get(video);
    try {
      if (!watched) {
        await video.requestPictureInPicture();
        return;
      }
      if (watched.unreadable) throw new Error('its frames cannot be read, so its faces cannot be covered');
      await this.pip.open(video, this.look(), () => this.render(watched, video.currentTime * 1000));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      console.info(`[FaceVeil] picture-in-picture did not open: ${why}`);
      if (this.pip.source === video) this.pip.close();
      video.dispatchEvent(new CustomEvent(PIP_FAILED, { detail: why }));
    }
  }

  /** The video jumped (a seek, a loop back): the faces seen before tell nothing about the frame shown now. */
  private jumped(watched: Watched): void {
    watched.jumps++;
    watched.detectedAt = null;
    watched.cutAt = null;
    watched.scanned = null;
    watched.tracks.clear();
    watched.thumb = null;
    watched.step = watched.picture = undefined;
    this.render(watched, watched.surface.el.currentTime * 1000);
    if (!watched.scanning) this.scanStill(watched);
  }

  /** The context menu's choice for `video`: its faces blurred (also where the site is off), all of it, or none. */
  contextAction(action: ContextAction, video: HTMLVideoElement): void {
    this.forget(video);
    if (action === 'blur-faces') {
      this.chosen.delete(video);
      return this.found(video);
    }
    this.chosen.set(video, action);
    markVideo(video, action === 'unblur' ? 'faces' : 'whole');
  }

  /** Stops watching every video and takes FaceVeil's marks and covers off them (the site was switched off). */
  clear(): void {
    for (const video of [...this.videos.keys()]) this.forget(video);
  }

  private forget(video: HTMLVideoElement): void {
    const watched = this.videos.get(video);
    if (!watched) return;
    watched.stop.abort();
    watched.overlay?.remove();
    if (this.pip.source === video) this.pip.close();
    holdPictureInPicture(video, false);
    this.geometry.unwatch(video);
    this.sight.unobserve(video);
    this.onScreen.delete(video);
    markVideo(video, null);
    this.videos.delete(video);
    this.tally();
  }

  /** Reports the faces of the videos' latest answers, when that number changes. */
  private tally(): void {
    let count = 0;
    for (const watched of this.videos.values()) count += watched.faces;
    if (count !== this.tallied) tallyFaces('videos', (this.tallied = count));
  }

  private frame(watched: Watched, now: number): void {
    const mirrored = this.pip.source === watched.surface.el;
    if (watched.unreadable || (!this.onScreen.has(watched.surface.el) && !mirrored)) return;
    const { w, h } = watched.surface.box();
    // Too small to show a face (as images), unless picture-in-picture shows it larger.
    if (Math.min(w, h) < this.settings.minImagePx && !mirrored) return watched.surface.show('clear');
    const shot = snapshot(watched.surface.el);
    try {
      this.checkFrame(watched, now, shot);
    } finally {
      shot.close();
    }
  }

  /** Checks `shot` (the frame presented at `now`) for a jump or a cut, maybe samples it, and shows it covered. */
  private checkFrame(watched: Watched, now: number, shot: Shot): void {
    const thumb = thumbnail(shot);
    if (!thumb) return this.unreadable(watched);
    // A jump (a loop back to the start, a seek) or a cut: the faces seen before tell nothing about this frame.
    const jumped = watched.shownAt !== null && (now < watched.shownAt || now - watched.shownAt > JUMP_MS);
    if (jumped) this.jumped(watched);
    else if (watched.thumb) {
      const step = frameStep(watched.thumb, thumb, watched.step);
      watched.step = step;
      if (step.cut) watched.cutAt = now;
    }
    watched.thumb = thumb;
    watched.shownAt = now;
    if (!watched.scanning && scansUnderWay < MAX_SCANS && performance.now() - watched.scannedAt >= MIN_SCAN_GAP_MS) void this.sample(watched, now, shot, thumb);
    this.render(watched, now, shot);
  }

  /** Scans `shot` (read before this first awaits: the caller may close it then), whose thumbnail is `thumb`. */
  private async sample(watched: Watched, at: number, shot: Shot, thumb: Thumb | null = thumbnail(shot)): Promise<void> {
    watched.scanning = true;
    scansUnderWay++;
    watched.scannedAt = performance.now();
    const jumps = watched.jumps;
    try {
      const frame = await captureFrame(shot);
      if (!frame || !thumb) return this.unreadable(watched);
      const result = await requestScan({
        src: `faceveil-video:${watched.id}:${at}`,
        read: async () => frame.url,
        natural: { w: frame.w, h: frame.h },
        minFacePx: FULL_RESOLUTION_MIN_FACE_PX,
        wanted: () => !watched.stop.signal.aborted,
        stable: false,
        fetchable: false,
      });
      if (!result?.ok) return; // strict mode blurs whole once the last answer is too old
      if (jumps !== watched.jumps) return; // a frame from before a seek
      const faces = result.faces.filter((f) => f.score >= this.settings.threshold).map((f) => f.box);
      // After a cut the faces seen before are other faces: they keep their covers only until this answer.
      if (watched.cutAt !== null && at >= watched.cutAt && (watched.detectedAt ?? -Infinity) < watched.cutAt) watched.tracks.clear();
      // The way the picture moved since the scan before (not across a cut) tells which edges a pan brings faces in at.
      const earlier = watched.cutAt !== null && watched.cutAt > (watched.detectedAt ?? -Infinity) ? null : watched.scanned;
      watched.tracks.update(faces, at);
      watched.detectedAt = at;
      watched.scanned = { thumb, faces, trend: earlier ? shiftOf(earlier.thumb, thumb) : undefined };
      watched.picture = undefined;
      watched.faces = faces.length;
      this.tally();
      this.render(watched, watched.surface.el.currentTime * 1000);
    } finally {
      watched.scanning = false;
      scansUnderWay--;
      this.scanStill(watched);
    }
  }

  /**
   * A paused video presents no more frames (no callback comes): if the frame it shows has no answer yet (it was
   * sought while another frame was being scanned), it is scanned now.
   */
  private scanStill(watched: Watched): void {
    const video = watched.surface.el;
    if (!video.paused || watched.unreadable || watched.stop.signal.aborted || watched.detectedAt !== null) return;
    const wait = Math.max(0, watched.scannedAt + MIN_SCAN_GAP_MS - performance.now());
    setTimeout(() => {
      if (watched.scanning || !video.paused || watched.detectedAt !== null) return;
      const shot = snapshot(video);
      void this.sample(watched, video.currentTime * 1000, shot);
      shot.close();
    }, wait);
  }

  /** `checked`: the frame just read in its frame callback (cuts and motion checked on it), to be shown. */
  private render(watched: Watched, now: number, checked?: Shot): void {
    const { detectedAt, cutAt } = watched;
    const cutSince = cutAt !== null && detectedAt !== null && cutAt > detectedAt;
    const mode = this.settings.videoMode;
    const strict = mode === 'strict';
    const covers = coversNow(watched.scanned, watched.thumb, watched.tracks.coversAt(now, SLACK_MS), strict, watched.picture);
    watched.picture = covers.picture;
    // Shown fullscreen by itself, the video hides FaceVeil's covers (they sit beside it) unless they can join the top
    // layer above it (overlay.ts): blurred whole where they cannot.
    const fullscreen = document.fullscreenElement === watched.surface.el && !FaceOverlay.overFullscreen;
    const video = watched.surface.el;
    const loopsIn = video.loop && Number.isFinite(video.duration) ? video.duration * 1000 - now : undefined;
    const why = fullscreen ? 'fullscreen' : wholeBlurReason({ mode, now, detectedAt, cutSince, changed: covers.changed, loopsIn });
    if (why) {
      watched.overlay?.showFrame(null);
      this.mirror(watched, checked?.source ?? video, null);
      return watched.surface.show('blurred');
    }
    // One overlay for both (two would each claim the place right after the video): an ellipse holding each unknown
    // rectangle where covers are ellipses.
    const unknown = this.settings.shape === 'rect' ? covers.unknown : covers.unknown.map(ellipseAround);
    const boxes = [...covers.faces, ...unknown];
    const faces = boxes.map((box) => ({ box, score: 1 }));
    if (watched.overlay) watched.overlay.update(faces, this.look());
    else watched.overlay = new FaceOverlay(watched.surface, faces, this.look());
    // Strict: the frame just checked is drawn over the video's own layer, which the compositor may already have moved
    // to the next frame (a cut's first frame would show before this callback); picture-in-picture shows that frame too.
    // Other calls (an answer, a resize) keep the frame drawn last, unless the video is paused; with none drawn yet, the
    // video stays blurred until its next frame. Not over native controls, which the drawing would hide.
    if (!strict || checked || video.paused) this.mirror(watched, checked?.source ?? video, boxes);
    if (strict && !video.controls) {
      if (checked || video.paused) watched.overlay.showFrame(checked?.source ?? video);
      else if (!watched.overlay.showsFrame) return watched.surface.show('blurred');
    } else watched.overlay.showFrame(null);
    watched.surface.show('clear');
  }

  private look(): BlurLook {
    return { shape: this.settings.shape, strength: this.settings.blurStrength };
  }

  /** Paints the picture-in-picture window, if it shows this video: `frame` with `faces` covered, or blurred whole. */
  private mirror(watched: Watched, frame: CanvasImageSource, faces: NormBox[] | null): void {
    if (this.pip.source === watched.surface.el) this.pip.draw(frame, faces, this.look());
  }

  private unreadable(watched: Watched): void {
    if (!watched.unreadable) console.info('[FaceVeil] a video is blurred whole: its frames cannot be read (another site\'s video, or DRM)');
    watched.unreadable = true;
    watched.surface.show('blurred');
  }
}
