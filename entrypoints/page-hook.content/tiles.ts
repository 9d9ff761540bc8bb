// Tiles of multires panoramas (one texture per tile, named by URL): each is scanned padded with the neighbours uploaded
// so far, so a face cut by a tile edge is found whole, and kept a while after its scan for the tiles that come later.
// Which neighbour is where is learned from their pixels (lib/texture/tiles.ts). Page world: natives only.
import { placementOf, stepBetween, tileName, TileAxes, type Side, type TileEdges, type TileName } from '@/lib/texture/tiles';
import { canvas2d } from './pictures';

const { apply } = Reflect;
const { drawImage, getImageData } = OffscreenCanvasRenderingContext2D.prototype;
const transferToImageBitmap = OffscreenCanvas.prototype.transferToImageBitmap;
const currentSrc = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'currentSrc')!.get!;
const NativeImage = HTMLImageElement;

/** Margin on each side, as a fraction of the tile: a face up to half a tile across is seen whole from one side. */
const MARGIN = 1 / 4;
/** Tile snapshots kept, in pixels (4 bytes each): the tiles of a few screens. */
const BUDGET_PX = 16_000_000;
/** Tiles are 256-1024 px; a larger picture is a whole panorama, scanned at once and not kept. */
const MAX_TILE_SIDE = 1024;

/** A picture that may be a tile: a tile-sized image with numbers in its URL. Read at upload time (viewers reuse `Image`s). */
export function tileNameOf(picture: unknown, w: number, h: number): TileName | null {
  if (!(picture instanceof NativeImage) || w > MAX_TILE_SIDE || h > MAX_TILE_SIDE) return null;
  const url = String(apply(currentSrc, picture, []));
  return /^https?:/i.test(url) ? tileName(url) : null; // blob: and data: URLs name no grid
}

interface Tile {
  name: TileName;
  shot: ImageBitmap;
  edges: TileEdges;
}

/** A neighbour drawn around a tile for its scan: its id and its rectangle in the tile's px (tile at 0, 0). */
export interface Around {
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A picture's place in the padded picture it is scanned in (x, y, w, h), and the padded picture's size (W, H). */
export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
  W: number;
  H: number;
}

export interface PaddedTile {
  picture: ImageBitmap;
  frame: Frame;
  around: Around[];
}

export class TileSet {
  /** By upload id, in upload order (the oldest go first when over budget). */
  private readonly tiles = new Map<number, Tile>();
  private readonly axes = new TileAxes();
  private px = 0;

  /** `onDrop(id)`: the tile's snapshot is closed (budget, or the same tile uploaded again). */
  constructor(private readonly onDrop: (id: number) => void) {}

  has(id: number): boolean {
    return this.tiles.has(id);
  }

  /** Keeps the tile's snapshot (the set owns it from now on) and learns from its edges where its neighbours lie. */
  add(id: number, name: TileName, shot: ImageBitmap): void {
    const edges = readEdges(shot);
    for (const [otherId, other] of this.tiles) {
      if (other.name.group !== name.group) continue;
      if (other.name.numbers.join() === name.numbers.join()) {
        this.drop(otherId); // the same tile again (a texture made anew when panning back)
        continue;
      }
      if (!stepBetween(other.name.numbers, name.numbers)) continue;
      const placement = placementOf(other.edges, edges);
      if (placement) this.axes.vote(name.group, other.name.numbers, name.numbers, placement);
    }
    this.tiles.set(id, { name, shot, edges });
    this.px += shot.width * shot.height;
    for (const [oldest] of this.tiles) {
      if (this.px <= BUDGET_PX || oldest === id) break;
      this.drop(oldest);
    }
  }

  drop(id: number): void {
    const tile = this.tiles.get(id);
    if (!tile) return;
    this.tiles.delete(id);
    this.px -= tile.shot.width * tile.shot.height;
    tile.shot.close();
    this.onDrop(id);
  }

  /** Gives the snapshot back to the caller (not closed) if no other tile of its group is known: it is no tile. */
  releaseIfAlone(id: number): boolean {
    const tile = this.tiles.get(id);
    if (!tile || [...this.tiles.values()].some((t) => t !== tile && t.name.group === tile.name.group)) return false;
    this.tiles.delete(id);
    this.px -= tile.shot.width * tile.shot.height;
    return true;
  }

  /** The tile with its known neighbours drawn around it, or null when none is known (it is scanned alone). */
  padded(id: number): PaddedTile | null {
    const tile = this.tiles.get(id);
    if (!tile) return null;
    const { width: w, height: h } = tile.shot;
    const around: (Around & { shot: ImageBitmap })[] = [];
    for (const dy of [-1, 0, 1]) {
      for (const dx of [-1, 0, 1]) {
        const numbers = (dx || dy) && this.axes.neighbour(tile.name.group, tile.name.numbers, dx, dy);
        const found = numbers ? this.find(tile.name.group, numbers) : undefined;
        if (!found) continue;
        const [otherId, other] = found;
        const { width: ow, height: oh } = other.shot;
        around.push({ id: otherId, shot: other.shot, x: dx > 0 ? w : dx < 0 ? -ow : 0, y: dy > 0 ? h : dy < 0 ? -oh : 0, w: ow, h: oh });
      }
    }
    if (!around.length) return null;
    const m = Math.max(16, Math.round(Math.max(w, h) * MARGIN));
    const [c, ctx] = canvas2d(w + 2 * m, h + 2 * m);
    for (const a of around) apply(drawImage, ctx, [a.shot, m + a.x, m + a.y]);
    apply(drawImage, ctx, [tile.shot, m, m]);
    return {
      picture: apply(transferToImageBitmap, c, []) as ImageBitmap,
      frame: { x: m, y: m, w, h, W: w + 2 * m, H: h + 2 * m },
      around: around.map(({ id: aroundId, x, y, w: aw, h: ah }) => ({ id: aroundId, x, y, w: aw, h: ah })),
    };
  }

  private find(group: string, numbers: number[]): [number, Tile] | undefined {
    const key = numbers.join();
    for (const entry of this.tiles) if (entry[1].name.group === group && entry[1].name.numbers.join() === key) return entry;
    return undefined;
  }
}

/** The outer two rows and columns on each side (a tile is drawn once, on a canvas kept in main memory). */
function readEdges(shot: ImageBitmap): TileEdges {
  const { width: w, height: h } = shot;
  const [c, ctx] = canvas2d(w, h);
  apply(drawImage, ctx, [shot, 0, 0]);
  const line = (x: number, y: number, lw: number, lh: number) => (apply(getImageData, ctx, [x, y, lw, lh]) as ImageData).data;
  const at = (side: Side, inset: number) =>
    side === 'left' ? line(inset, 0, 1, h) : side === 'right' ? line(w - 1 - inset, 0, 1, h) : side === 'top' ? line(0, inset, w, 1) : line(0, h - 1 - inset, w, 1);
  const sides: Side[] = ['left', 'right', 'top', 'bottom'];
  const edges = {
    w,
    h,
    outer: Object.fromEntries(sides.map((s) => [s, at(s, 0)])) as Record<Side, Uint8ClampedArray>,
    inner: Object.fromEntries(sides.map((s) => [s, at(s, 1)])) as Record<Side, Uint8ClampedArray>,
  };
  c.width = c.height = 0;
  return edges;
}
