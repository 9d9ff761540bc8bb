// A thing on the page that can show a face, as the life cycle (page-blurrer.ts) sees it. Each kind has a small adapter
// in this folder (image.ts, background.ts, canvas.ts) that knows how to read its picture, where it is painted and how
// to hide it. (WebGL textures have their own scanner, textures.ts: their covers are made in the page's world.)
import type { Size } from '@/lib/detect/scale';
import type { Rect } from '@/lib/geometry';

/** What the page shows of a surface: nothing yet (not scanned), its covered picture, or the picture blurred whole. */
export type Verdict = 'hidden' | 'clear' | 'skip' | 'blurred';

/** Where a surface's picture is painted, for its covers. */
export interface Layout {
  /** The box the covers are laid in, viewport px. */
  box: Rect;
  /** The whole picture's painted rectangle, relative to `box`: one, or one per repeated tile. */
  painted: Rect[];
  /** Where the picture may show, relative to `box` (the rest is clipped). */
  clip: Rect;
}

export interface Surface {
  readonly kind: 'image' | 'background' | 'canvas' | 'video';
  /** The element watched for moves and size changes, and named by the context menu. */
  readonly el: Element;
  /** `source()` names one picture for good (a URL): scans of it may be shared and kept. */
  readonly stable: boolean;
  /** The extension may fetch `source()` itself when `read` cannot give the pixels (a URL, not a canvas). */
  readonly fetchable: boolean;
  /** The picture shown now (a URL): scans and their results are keyed by it. */
  source(): string;
  /** The picture's decoded size; 0 x 0 until it has loaded, or when it could not be. */
  natural(): Size;
  /** The element's box on screen (CSS px), for the small-picture rule. */
  box(): Size;
  /** The whole picture's drawn size in device px (the scan scale follows it); null while not rendered. */
  drawnSize(): Size | null;
  /** The picture as a data URL scaled by `scale`, or null when the extension must fetch `source()` itself. */
  read(scale: number): Promise<string | null>;
  show(verdict: Verdict): void;
  /**
   * Where covers go: null while not rendered; 'none' when the surface has no box a cover can follow (a pseudo-element):
   * it is then blurred whole when it shows a face.
   */
  layout(): Layout | null | 'none';
  /** The decoded picture, to draw a cover from when a face carries no colour grid (remote results). */
  picture(): CanvasImageSource | null;
  /** Where the covers' host element goes: right after `after`, or inside `into` (a page's own background). */
  anchor(): { after: Element } | { into: Element };
  /** Calls `loaded` whenever the picture has loaded or failed to, until `signal` aborts. */
  listen(loaded: () => void, signal: AbortSignal): void;
}

/** An element's box on screen (CSS px, after transforms): the `box()` of every adapter. */
export function boxSize(el: Element): Size {
  const r = el.getBoundingClientRect();
  return { w: r.width, h: r.height };
}
