// Records every frame Chromium paints for a page (DevTools screencast), to catch a face shown sharp even briefly.
import type { Page } from '@playwright/test';
import { readPng } from './sharpness';
import type { PNG } from 'pngjs';

export interface Frame {
  /** Milliseconds since recording started. */
  at: number;
  png: PNG;
}

export interface Recording {
  /** Frames so far, decoded. */
  frames(): Frame[];
  stop(): Promise<Frame[]>;
}

/** Starts recording; frames come as the compositor produces them (each one acknowledged at once). */
export async function recordFrames(page: Page): Promise<Recording> {
  const cdp = await page.context().newCDPSession(page);
  const started = Date.now();
  const raw: { at: number; data: string }[] = [];
  cdp.on('Page.screencastFrame', (frame) => {
    raw.push({ at: Date.now() - started, data: frame.data });
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
  });
  await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  const decoded = new Map<number, Frame>();
  const frames = () =>
    raw.map((f, i) => {
      if (!decoded.has(i)) decoded.set(i, { at: f.at, png: readPng(Buffer.from(f.data, 'base64')) });
      return decoded.get(i)!;
    });
  return {
    frames,
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return frames();
    },
  };
}
