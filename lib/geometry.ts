// Where an image's pixels land inside its element: object-fit / object-position, and face boxes mapped onto the page.
import type { NormBox } from './face';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type ObjectFit = 'fill' | 'contain' | 'cover' | 'none' | 'scale-down';

/**
 * The rectangle the whole natural image is painted into, relative to the element's content box
 * (it can be larger than the box with `cover`/`none`, and is then clipped by the box).
 */
export function paintedImageRect(
  box: { w: number; h: number },
  natural: { w: number; h: number },
  fit: ObjectFit,
  position: string = '50% 50%',
): Rect {
  if (natural.w <= 0 || natural.h <= 0 || box.w <= 0 || box.h <= 0) return { x: 0, y: 0, w: 0, h: 0 };
  let w = box.w;
  let h = box.h;
  if (fit !== 'fill') {
    const contain = Math.min(box.w / natural.w, box.h / natural.h);
    const scale =
      fit === 'contain' ? contain
      : fit === 'cover' ? Math.max(box.w / natural.w, box.h / natural.h)
      : fit === 'none' ? 1
      : Math.min(1, contain); // scale-down: the smaller of none and contain
    w = natural.w * scale;
    h = natural.h * scale;
  }
  const [px, py] = parseObjectPosition(position);
  return { x: px(box.w - w), y: py(box.h - h), w, h };
}

/**
 * Parses a computed `object-position` ("50% 50%", "10px 0%", "left top", "right 10px bottom 5%")
 * into two functions of the free space (box size minus painted size) giving the offset.
 */
export function parseObjectPosition(value: string): [Offset, Offset] {
  const tokens = value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  // Group into items: a keyword (optionally followed by an offset from that edge) or a lone length.
  const items: { edge?: string; at: Offset }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token in EDGES) {
      const off = token === 'center' ? null : parseLength(tokens[i + 1]);
      if (off) i++;
      const edgeAt = EDGES[token]!;
      const at: Offset = !off ? edgeAt : token === 'right' || token === 'bottom' ? (f) => f - off(f) : off;
      items.push({ edge: token, at });
    } else {
      const at = parseLength(token);
      if (at) items.push({ at });
    }
  }
  const center: Offset = (f) => f / 2;
  const [a, b] = items;
  if (!a) return [center, center];
  if (!b) return a.edge === 'top' || a.edge === 'bottom' ? [center, a.at] : [a.at, center];
  const swapped = a.edge === 'top' || a.edge === 'bottom' || b.edge === 'left' || b.edge === 'right';
  return swapped ? [b.at, a.at] : [a.at, b.at];
}

type Offset = (free: number) => number;

const EDGES: Record<string, Offset> = {
  left: () => 0,
  top: () => 0,
  center: (f) => f / 2,
  right: (f) => f,
  bottom: (f) => f,
};

function parseLength(token: string | undefined): Offset | null {
  if (token === undefined) return null;
  const pct = /^(-?[\d.]+)%$/.exec(token);
  if (pct) return (free) => (free * Number(pct[1])) / 100;
  const px = /^(-?[\d.]+)(px)?$/.exec(token);
  return px ? () => Number(px[1]) : null;
}

/** A normalized image box, as a rectangle in the element's content-box coordinates (CSS px). */
export function mapToElement(box: NormBox, painted: Rect): Rect {
  return {
    x: painted.x + box.x * painted.w,
    y: painted.y + box.y * painted.h,
    w: box.w * painted.w,
    h: box.h * painted.h,
  };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.w, b.x + b.w);
  const bottom = Math.min(a.y + a.h, b.y + b.h);
  return r > x && bottom > y ? { x, y, w: r - x, h: bottom - y } : null;
}

/** Canvas backing-store size for a CSS size at a device pixel ratio, capped to keep memory bounded. */
export function backingSize(cssW: number, cssH: number, dpr: number, maxPixels = 16_000_000): { w: number; h: number } {
  let scale = Math.max(dpr, 0.25);
  const pixels = cssW * cssH * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  return { w: Math.max(1, Math.round(cssW * scale)), h: Math.max(1, Math.round(cssH * scale)) };
}
