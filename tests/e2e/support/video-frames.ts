// Which frame of a test video a screenshot shows, and where its faces are then: test videos carry their time in a
// strip of cells (pages/assets/video-make.js), and their scenes say where the photo was drawn at that time.
import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
// @ts-expect-error: a plain module shared with the page that records the videos
import { PICTURE, sceneAt as sceneAtJs, TIMECODE } from '../pages/assets/video-scenes.js';
import { facesPainted } from './painted';
import { readPng, type Region } from './sharpness';

/** A data-set photo drawn at x, moving from x0 to x1 over `ms` (pages/assets/video-scenes.js). */
export interface Scene {
  photo: string;
  ms: number;
  x0: number;
  x1: number;
}

const sceneAt = sceneAtJs as (scenes: readonly Scene[], t: number) => { photo: string; x: number };
const { bits, cell, height, unitMs, left } = TIMECODE as { bits: number; cell: number; height: number; unitMs: number; left: number };
const picture = PICTURE as { w: number; h: number };

/**
 * The time (ms) of the video frame shown in `box` of a screenshot, or null where its strip cannot be read (blurred
 * whole, not painted yet). A cell must be clearly light or dark; each bit is read from its cell or, where a cover
 * blurs that one, from its inverse; where both read, they must agree.
 */
export function frameTime(png: PNG, box: Region): number | null {
  const k = box.w / 640;
  const y0 = Math.round(box.y + (360 - height / 2) * (box.h / 360));
  const level = (i: number): 0 | 1 | null => {
    const cx = Math.round(box.x + (left + (i + 0.5) * cell) * k);
    let sum = 0;
    let n = 0;
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -3; dx <= 3; dx++) {
        const p = ((y0 + dy) * png.width + cx + dx) * 4;
        sum += (png.data[p]! + png.data[p + 1]! + png.data[p + 2]!) / 3;
        n++;
      }
    const mean = sum / n;
    return mean <= 70 ? 0 : mean >= 185 ? 1 : null; // between: blurred
  };
  let code = 0;
  for (let i = 0; i < bits; i++) {
    const [bit, inverse] = [level(i), level(i + bits)];
    if (bit === null && inverse === null) return null;
    if (bit !== null && inverse !== null && bit === inverse) return null;
    code |= (bit ?? 1 - inverse!) << i;
  }
  return code * unitMs;
}

/**
 * The labelled faces of the frame at `t` ms painted in `box` (where the whole 640x360 frame shows), where at least
 * `minPx` of each shows inside `clip` (clipped to it: the element's box, when object-fit crops the frame).
 */
export function facesAt(scenes: readonly Scene[], t: number, box: Region, minPx = 20, clip: Region = box): Region[] {
  const { photo, x } = sceneAt(scenes, t);
  const k = box.w / 640;
  const painted = { x: box.x + x * k, y: box.y, w: picture.w * k, h: picture.h * k };
  const all = facesPainted(photo, painted, { x: -1e6, y: -1e6, w: 2e6, h: 2e6 }, 0);
  return all
    .map((f) => {
      const x0 = Math.max(f.x, clip.x);
      const y0 = Math.max(f.y, clip.y);
      const x1 = Math.min(f.x + f.w, clip.x + clip.w);
      const y1 = Math.min(f.y + f.h, clip.y + clip.h);
      return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, full: f };
    })
    .filter((f) => f.full.w >= minPx && f.w >= minPx && f.h >= minPx)
    .map(({ x, y, w, h }) => ({ x, y, w, h }));
}

/**
 * Every frame a video element presents for `ms`, as the page reads it (drawn into a canvas): `video` is a page-world
 * expression for it (e.g. `document.pictureInPictureElement`, a video no screenshot shows).
 */
export async function grabFrames(page: Page, video: string, ms: number): Promise<PNG[]> {
  const urls = await page.evaluate(`new Promise((resolve) => {
    const v = ${video};
    const canvas = document.createElement('canvas');
    const urls = [];
    const end = performance.now() + ${ms};
    const step = () => {
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      canvas.getContext('2d').drawImage(v, 0, 0);
      urls.push(canvas.toDataURL('image/png'));
      if (performance.now() < end) v.requestVideoFrameCallback(step);
      else resolve(urls);
    };
    v.requestVideoFrameCallback(step);
  })`) as string[];
  return urls.map((url) => readPng(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')));
}
