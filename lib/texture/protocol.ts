// What crosses between the texture hook in the page's world and FaceVeil's isolated content script. The page's world
// gets no settings beyond on/off and the blur's look, no ids, URLs or credentials; every message is checked on arrival.
import type { NormBox } from '../face';
import type { OverlayShape } from '../settings';

/** Page world → FaceVeil. */
export type FromPage =
  /**
   * A picture uploaded into a texture, `w` x `h`: a JPEG of it as it was at upload time, at most 4096 px on its longer
   * side, or a large image's own file (a Blob crosses between worlds without a copy; a bitmap would be copied whole).
   * The texture shows a blurred stand-in until answered.
   */
  | { type: 'texture'; id: number; picture: Blob; w: number; h: number }
  /** A canvas got pixels the hook cannot read (raw bytes, a worker, WebGPU, compressed): it is blurred whole. */
  | { type: 'unreadable'; why: string };

/** FaceVeil → page world. */
export type ToPage =
  /** Blurring on or off for this page, and the look of a face's blur. */
  | { type: 'look'; on: boolean; strength: number; shape: OverlayShape }
  /** The faces of texture `id`, as fractions of its picture: the texture is uploaded again with only these blurred. */
  | { type: 'faces'; id: number; faces: NormBox[] }
  /** Texture `id` could not be scanned: it keeps its blurred stand-in, and the hook forgets it. */
  | { type: 'keep'; id: number }
  /** A new copy of FaceVeil took over the frame: offer every texture still waiting again (the old copy's scans are lost). */
  | { type: 'resend' };

export const MAX_FACES_PER_TEXTURE = 500;
/** Longest side of the JPEG snapshots the page's world makes: the detector's finest pass has no use for more. */
export const SCAN_SIDE = 4096;
const MAX_PICTURE_BYTES = 32e6;
/** Formats every browser FaceVeil runs in decodes (SVG is never a texture's file: it has no fixed pixels). */
const PICTURE_TYPE = /^image\/(jpeg|png|webp|avif|gif|bmp)$/;
const MAX_SIDE = 32_768;
const MAX_ID = 2 ** 31;
const MAX_WHY = 200;

/** A picture file FaceVeil's side takes: a format every browser decodes, of a sane size. */
export function isScannableFile(file: Blob): boolean {
  return PICTURE_TYPE.test(file.type) && file.size > 0 && file.size <= MAX_PICTURE_BYTES;
}

/** A message from the page's world, or null: the page can read and reach that world, so anything may arrive. */
export function readFromPage(raw: unknown, isBlob: (value: unknown) => value is Blob): FromPage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'texture' && isId(m.id) && isSide(m.w) && isSide(m.h) && isBlob(m.picture)) {
    const { picture } = m;
    if (isScannableFile(picture)) return { type: 'texture', id: m.id, picture, w: m.w, h: m.h };
  }
  if (m.type === 'unreadable' && typeof m.why === 'string') return { type: 'unreadable', why: m.why.slice(0, MAX_WHY) };
  return null;
}

/** A message from FaceVeil, checked again in the page's world (a page could dispatch on the bridge if it ever found it). */
export function readToPage(raw: unknown): ToPage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'look' && typeof m.on === 'boolean' && isNumber(m.strength) && (m.shape === 'ellipse' || m.shape === 'rect')) {
    return { type: 'look', on: m.on, strength: m.strength, shape: m.shape };
  }
  if (m.type === 'keep' && isId(m.id)) return { type: 'keep', id: m.id };
  if (m.type === 'resend') return { type: 'resend' };
  if (m.type === 'faces' && isId(m.id) && Array.isArray(m.faces) && m.faces.length <= MAX_FACES_PER_TEXTURE) {
    const faces: NormBox[] = [];
    for (const f of m.faces as unknown[]) {
      const box = readBox(f);
      if (!box) return null;
      faces.push(box);
    }
    return { type: 'faces', id: m.id, faces };
  }
  return null;
}

function readBox(raw: unknown): NormBox | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, w, h } = raw as Record<string, unknown>;
  if (![x, y, w, h].every(isNumber)) return null;
  const box = { x, y, w, h } as NormBox;
  const inside = box.w > 0 && box.h > 0 && box.x > -1 && box.y > -1 && box.x + box.w < 2 && box.y + box.h < 2;
  return inside ? box : null;
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < MAX_ID;
}

function isSide(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_SIDE;
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
