// Where a background layer paints its picture inside an element (CSS Backgrounds 3: background-size, -position,
// -repeat, -origin, -clip): one rectangle, or one per repeated tile, so covers can sit on the faces of each.
import { parseObjectPosition, type Rect } from '@/lib/geometry';
import type { Size } from '@/lib/detect/scale';

/** More tiles than this on one element: covering each face of each is not worth it, the layer is blurred whole. */
export const MAX_TILES = 64;

export interface TileInput {
  /** The positioning area (from background-origin, or the viewport for `fixed`), relative to the covers' box. */
  area: Rect;
  /** The painting area (from background-clip), relative to the same box: tiles outside it are not drawn. */
  clip: Rect;
  natural: Size;
  size: string;
  positionX: string;
  positionY: string;
  repeat: string;
}

/** The rectangles the whole picture is painted into (clipped by `clip` on screen), or 'too many' tiles. */
export function backgroundTiles(input: TileInput): Rect[] | 'too many' {
  const { area, clip, natural } = input;
  if (natural.w <= 0 || natural.h <= 0 || area.w <= 0 || area.h <= 0) return [];
  const [repeatX, repeatY] = parseRepeat(input.repeat);
  let { w, h } = tileSize(input.size, area, natural);
  if (w <= 0 || h <= 0) return [];
  // 'round' stretches the tile so a whole number fits; the other side keeps the ratio when its size was 'auto'.
  const autoSide = /\bauto\b/.test(input.size) || input.size.trim() === '';
  if (repeatX === 'round') {
    const k = area.w / Math.max(1, Math.round(area.w / w)) / w;
    w *= k;
    if (repeatY !== 'round' && autoSide) h *= k;
  }
  if (repeatY === 'round') {
    const k = area.h / Math.max(1, Math.round(area.h / h)) / h;
    h *= k;
    if (repeatX !== 'round' && autoSide) w *= k;
  }
  const [px, py] = parseObjectPosition(`${input.positionX} ${input.positionY}`);
  const xs = axis(repeatX, area.x, area.w, w, px(area.w - w), clip.x, clip.w);
  const ys = axis(repeatY, area.y, area.h, h, py(area.h - h), clip.y, clip.h);
  if (xs.length * ys.length > MAX_TILES) return 'too many';
  const tiles: Rect[] = [];
  for (const y of ys) for (const x of xs) tiles.push({ x, y, w, h });
  return tiles;
}

type Repeat = 'repeat' | 'no-repeat' | 'round' | 'space';

/** The computed value: one keyword per axis ("repeat no-repeat"), or repeat-x / repeat-y / a single keyword for both. */
export function parseRepeat(value: string): [Repeat, Repeat] {
  const v = value.trim().toLowerCase();
  if (v === 'repeat-x') return ['repeat', 'no-repeat'];
  if (v === 'repeat-y') return ['no-repeat', 'repeat'];
  const known = (s: string | undefined): Repeat => (s === 'no-repeat' || s === 'round' || s === 'space' ? s : 'repeat');
  const [a, b] = v.split(/\s+/);
  return [known(a), known(b ?? a)];
}

/** background-size: cover, contain, or one or two of auto / length / percentage of the positioning area. */
export function tileSize(value: string, area: Size, natural: Size): Size {
  const v = value.trim().toLowerCase();
  if (v === 'cover' || v === 'contain') {
    const k = (v === 'cover' ? Math.max : Math.min)(area.w / natural.w, area.h / natural.h);
    return { w: natural.w * k, h: natural.h * k };
  }
  const [a = 'auto', b = 'auto'] = v.split(/\s+/);
  const len = (token: string, of: number): number | null => {
    const pct = /^(-?[\d.]+)%$/.exec(token);
    if (pct) return (of * Number(pct[1])) / 100;
    const px = /^(-?[\d.]+)(px)?$/.exec(token);
    return px ? Number(px[1]) : null;
  };
  const w = len(a, area.w);
  const h = len(b, area.h);
  if (w !== null && h !== null) return { w, h };
  if (w !== null) return { w, h: (w * natural.h) / natural.w };
  if (h !== null) return { w: (h * natural.w) / natural.h, h };
  return { ...natural };
}

/** Tile starts along one axis that reach into the clip. */
function axis(repeat: Repeat, start: number, length: number, tile: number, offset: number, clipStart: number, clipLength: number): number[] {
  if (repeat === 'no-repeat') return [start + offset];
  if (repeat === 'space') {
    const n = Math.floor(length / tile);
    if (n < 2) return [start + offset];
    // Only whole tiles, spread over the positioning area (none beyond it).
    const gap = (length - n * tile) / (n - 1);
    return Array.from({ length: n }, (_, i) => start + i * (tile + gap));
  }
  // Back to the first tile that still reaches the clip, then forward until past its end.
  const first = start + offset - Math.ceil((start + offset - clipStart) / tile) * tile;
  const out: number[] = [];
  for (let x = first; x < clipStart + clipLength && out.length <= MAX_TILES; x += tile) {
    if (x + tile > clipStart) out.push(x);
  }
  return out;
}
