// Ground-truth face boxes from the data set's labels.json, mapped onto an <img> as the page shows it.
import type { Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './server';
import type { Region } from './sharpness';

export interface LabelFace {
  x: number;
  y: number;
  w: number;
  h: number;
  ignore: boolean;
}

export interface LabelImage {
  file: string;
  width: number;
  height: number;
  faces: LabelFace[];
}

let all: Map<string, LabelImage> | undefined;

export function label(file: string): LabelImage {
  all ??= new Map(
    (JSON.parse(readFileSync(join(DATA_DIR, 'labels.json'), 'utf8')) as { images: LabelImage[] }).images.map((i) => [i.file, i]),
  );
  const found = all.get(file);
  if (!found) throw new Error(`no labels for ${file}`);
  return found;
}

/** Where an image element is and how its picture is fitted into it, read from the page. */
export interface ImageGeometry {
  /** Border box in viewport CSS px. */
  rect: Region;
  /** Content box relative to the border box. */
  content: Region;
  natural: { w: number; h: number };
  fit: string;
  position: string;
  currentSrc: string;
}

export async function imageGeometry(img: Locator): Promise<ImageGeometry> {
  return img.evaluate((el: HTMLImageElement) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    // Borders and padding are in the element's units; a scaled ancestor scales them on screen.
    const k = el.offsetWidth > 0 ? r.width / el.offsetWidth : 1;
    const px = (v: string) => (parseFloat(v) || 0) * k;
    const left = px(s.borderLeftWidth) + px(s.paddingLeft);
    const top = px(s.borderTopWidth) + px(s.paddingTop);
    const w = r.width - left - px(s.borderRightWidth) - px(s.paddingRight);
    const h = r.height - top - px(s.borderBottomWidth) - px(s.paddingBottom);
    return {
      rect: { x: r.left, y: r.top, w: r.width, h: r.height },
      content: { x: left, y: top, w, h },
      natural: { w: el.naturalWidth, h: el.naturalHeight },
      fit: s.objectFit,
      position: s.objectPosition,
      currentSrc: el.currentSrc,
    };
  });
}

/** The label file for an image URL served from /data/ (query string ignored). */
export function labelFileOf(src: string): string {
  return decodeURIComponent(new URL(src).pathname.replace(/^\/data\//, ''));
}

/**
 * A box in natural-image pixels of `image`, mapped to CSS px relative to the element's border box
 * (the frame of an element screenshot). An independent reading of object-fit/object-position,
 * so the test does not reuse the extension's own geometry code.
 */
export function mapBox(box: Region, image: { width: number; height: number }, g: ImageGeometry): Region {
  const { content: c } = g;
  let pw = c.w;
  let ph = c.h;
  if (g.fit !== 'fill') {
    const sx = c.w / image.width;
    const sy = c.h / image.height;
    const scale =
      g.fit === 'cover' ? Math.max(sx, sy)
      : g.fit === 'contain' ? Math.min(sx, sy)
      : g.fit === 'none' ? g.natural.w / image.width
      : Math.min(g.natural.w / image.width, Math.min(sx, sy));
    pw = image.width * scale;
    ph = image.height * scale;
  }
  const [posX, posY] = g.position.split(/\s+/);
  const offset = (token: string | undefined, free: number) =>
    token === undefined ? free / 2 : token.endsWith('%') ? (free * parseFloat(token)) / 100 : parseFloat(token);
  const ox = c.x + offset(posX, c.w - pw);
  const oy = c.y + offset(posY, c.h - ph);
  return {
    x: ox + (box.x / image.width) * pw,
    y: oy + (box.y / image.height) * ph,
    w: (box.w / image.width) * pw,
    h: (box.h / image.height) * ph,
  };
}

export interface FaceOnScreen {
  face: LabelFace;
  /** The labelled box relative to the element's border box, in CSS px. */
  box: Region;
  /** The part of the box inside the element's content box (what is visible). */
  visible: Region | null;
}

/** Labelled faces of the picture an <img> shows (label from `data-label`, else from its URL). */
export async function facesOn(img: Locator, file?: string): Promise<{ geometry: ImageGeometry; faces: FaceOnScreen[] }> {
  const geometry = await imageGeometry(img);
  const name = file ?? (await img.getAttribute('data-label')) ?? labelFileOf(geometry.currentSrc);
  const image = label(name);
  const c = geometry.content;
  const faces = image.faces.map((face) => {
    const box = mapBox(face, image, geometry);
    const x0 = Math.max(box.x, c.x);
    const y0 = Math.max(box.y, c.y);
    const x1 = Math.min(box.x + box.w, c.x + c.w);
    const y1 = Math.min(box.y + box.h, c.y + c.h);
    return { face, box, visible: x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null };
  });
  return { geometry, faces };
}

/** Counted faces at least `minPx` tall on screen and mostly visible: the ones every test expects covered. */
export function bigFaces(faces: FaceOnScreen[], minPx = 40): FaceOnScreen[] {
  return faces.filter((f) => !f.face.ignore && f.visible && f.visible.h >= minPx && f.visible.w * f.visible.h >= 0.8 * f.box.w * f.box.h);
}
