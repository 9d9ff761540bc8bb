// The one typed message protocol between content scripts, the background worker, the offscreen detector and the popup.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { DelegatePreference, DelegateProbe } from './detect/blazeface/delegate';
import type { DetectorChoice } from './detect/engine';
import type { Face } from './face';
import type { Settings } from './settings';

/** What a content script asks for: the image as the page shows it. */
export interface ScanRequest {
  /** The image's `currentSrc`; the cache key, and what is fetched when no pixels come along. */
  src: string;
  /**
   * The page's own decoded pixels as an image data URL, sent when the page can read them
   * (same-origin, CORS-approved, blob:). Cross-origin images come without and are fetched by the
   * offscreen document with the extension's host permission.
   */
  pixels?: string;
  /**
   * The image's natural size as the page knows it: what sizes in the request and result refer to when `pixels`
   * were shrunk before sending (lib/detect/scale.ts, pixelScale), and a check that a fetched file is the picture shown.
   */
  natural?: { w: number; h: number };
  /**
   * Smallest face, in natural px, that must be found: set by how large the page draws the image
   * (lib/detect/scale.ts). Absent: full resolution.
   */
  minFacePx?: number;
}

export type ScanResult =
  | {
      ok: true;
      /** Every face above the detector's floor; the content script applies the user's threshold. */
      faces: Face[];
      /** Natural size of the image that was analysed. */
      width: number;
      height: number;
      /** Detection time in the offscreen document (0 when served from the cache). */
      ms: number;
      /** Network calls made (all passes and tiles, all engines). */
      calls?: number;
      /**
       * The smallest face (natural px) this scan was asked for: a view that needs smaller faces needs a new scan (of
       * more detailed pixels). The same pixels scanned again would give the same answer.
       */
      minFacePx: number;
      /** The smallest face the search reached everywhere: more than `minFacePx` where a cap (call budget, pass size) stopped it. */
      reachedPx?: number;
      cached: boolean;
    }
  /** `retry`: nothing is wrong with the image (the detector or a worker was restarting); asking again may work. */
  | { ok: false; reason: string; retry?: boolean };

export type ContextAction = 'blur-faces' | 'blur-whole' | 'unblur';
/** Surfaces with their own right-click items (images have the browser's image context). */
export type SurfaceKind = 'background' | 'canvas';

export interface DetectorStatus {
  /** Load time of each engine the detector needs (ms). */
  loadMs: number;
  detector: DetectorChoice;
  /** YuNet's onnxruntime threads (one per core, up to 4, where the page is cross-origin isolated; else 1), when it is loaded. */
  threads: number | null;
  /** MediaPipe's delegate, when BlazeFace is loaded. */
  delegate: 'CPU' | 'GPU' | null;
  /** What "auto" measured on this machine, once it has. */
  probe: DelegateProbe | null;
}

interface ProtocolMap {
  /** content → background: add FaceVeil's page rules to this frame as a user-origin sheet (true when done). */
  protectStyles(): boolean;
  /** content → background: the settings (content scripts get no storage access, so the background hands them out). */
  getSettings(): Settings;
  /** background → content (every frame of every tab): the settings changed. */
  settingsChanged(settings: Settings): void;
  /** content → background: scan one image (answered from the cache or by the offscreen detector). */
  scanImage(request: ScanRequest): ScanResult;
  /** content → background: how many faces this frame currently blurs (for the badge and popup). */
  reportFaces(count: number): void;
  /** popup → background: faces blurred in a tab, all frames together. */
  getTabFaces(tabId: number): number;
  /** background → offscreen: load the detector's engines (BlazeFace with this delegate preference) if needed and say how it went. */
  loadDetector(data: { detector: DetectorChoice; delegate: DelegatePreference }): DetectorStatus;
  /** background → offscreen: run the user's detector on one image. */
  detect(request: ScanRequest & { detector: DetectorChoice }): ScanResult;
  /**
   * offscreen → background → content (the frames waiting for `src`): faces found so far, sent after
   * the whole-image pass and each finer level, so big faces get covered before the scan ends.
   */
  scanProgress(data: { src: string; faces: Face[] }): void;
  /**
   * background → content (one frame): a context-menu action on the image at `srcUrl`, or (`srcUrl` empty) on the
   * background or canvas that was right-clicked.
   */
  contextAction(data: { action: ContextAction; srcUrl: string }): boolean;
  /** background → content (one frame): the right-click menu asked for the video at `srcUrl` in picture-in-picture. */
  videoPictureInPicture(data: { srcUrl: string }): boolean;
  /** background → content (the tab's top frame): the keyboard shortcut switched blurring on this site; say so briefly. */
  siteSwitched(data: { site: string; active: boolean }): void;
  /** content → background: the pointer is over a background picture or a canvas FaceVeil covers (null: neither). */
  pointerOver(data: SurfaceKind | null): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
