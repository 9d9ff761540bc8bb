// Large test pictures made at test time in the browser (nothing large is committed): a data-set photo tiled on a big canvas.
import type { BrowserContext } from '@playwright/test';
import { label } from './labels';
import type { FixtureServer } from './server';
import type { Region } from './sharpness';
import type { Scene } from './video-frames';

export interface Generated {
  bytes: Buffer;
  /** The labelled faces of every whole copy of the photo, in px of the generated picture. */
  faces: Region[];
}

/**
 * A `width` x `height` picture made of copies of `file`, encoded as `type` (`quality` for JPEG), optionally with noise
 * added so PNG cannot compress it (large files). Made in a worker-free page of the fixture origin: the encoding is slow.
 */
export async function generatePicture(
  context: BrowserContext,
  server: FixtureServer,
  opts: { file: string; width: number; height: number; cols: number; type: 'image/jpeg' | 'image/png'; quality?: number; noise?: boolean },
): Promise<Generated> {
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/pages/blank.html`);
    const base64 = await page.evaluate(async ({ file, width, height, cols, type, quality, noise }) => {
      const photo = await createImageBitmap(await (await fetch(`/data/${file}`)).blob());
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const tileW = width / cols;
      const tileH = (tileW * photo.height) / photo.width;
      for (let y = 0; y < height; y += tileH) for (let x = 0; x < width; x += tileW) ctx.drawImage(photo, x, y, tileW, tileH);
      if (noise) {
        // Speckle the picture so PNG cannot compress it: a large file, with the faces still plain to see.
        const data = ctx.getImageData(0, 0, width, height);
        for (let i = 0; i < data.data.length; i++) if (i % 4 !== 3) data.data[i] = (data.data[i]! + (((i * 2654435761) >>> 24) & 15)) & 255;
        ctx.putImageData(data, 0, 0);
      }
      const blob = await canvas.convertToBlob({ type, quality });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }, opts);
    const photo = label(opts.file);
    const k = opts.width / opts.cols / photo.width;
    const [tileW, tileH] = [photo.width * k, photo.height * k];
    const faces: Region[] = [];
    for (let y = 0; y + tileH <= opts.height; y += tileH) {
      for (let x = 0; x + tileW <= opts.width; x += tileW) {
        for (const f of photo.faces.filter((f) => !f.ignore)) faces.push({ x: x + f.x * k, y: y + f.y * k, w: f.w * k, h: f.h * k });
      }
    }
    return { bytes: Buffer.from(base64, 'base64'), faces };
  } finally {
    await page.close();
  }
}

/**
 * The data-set panorama `img` (turned by `roll` px) as Pannellum multires tiles of `tile` px on `cube`-px faces, served by
 * the fixture server under the returned base path.
 */
export async function generateMultires(context: BrowserContext, server: FixtureServer, opts: { img: string; roll: number; tile: number }): Promise<string> {
  const base = `multires-${opts.roll}-${opts.tile}`;
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/pages/blank.html`);
    const tiles = await page.evaluate(async ({ img, roll, tile }) => {
      const { cubeFaces, multiresTiles, panoramaUrl } = await import('/pages/assets/pano-common.js' as string);
      const url = await panoramaUrl(new URLSearchParams({ img, roll: String(roll) }));
      return (await multiresTiles(await cubeFaces(url), tile)) as Record<string, string>;
    }, opts);
    for (const [name, b64] of Object.entries(tiles)) server.put(`${base}/${name}`, Buffer.from(b64, 'base64'), 'image/jpeg');
    return `/gen/${base}`;
  } finally {
    await page.close();
  }
}

/** A 640x360 WebM of data-set photos in scenes, recorded in the browser (pages/assets/video-make.js), served at `/gen/NAME`. */
export async function generateVideo(context: BrowserContext, server: FixtureServer, name: string, scenes: readonly Scene[]): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/pages/blank.html`);
    const b64 = await page.evaluate(async (scenes) => {
      const { recordVideo } = await import('/pages/assets/video-make.js' as string);
      return (await recordVideo(scenes)) as string;
    }, scenes);
    server.put(name, Buffer.from(b64, 'base64'), 'video/webm');
    return `/gen/${name}`;
  } finally {
    await page.close();
  }
}
