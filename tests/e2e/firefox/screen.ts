// What a Firefox window really shows. Its WebDriver screenshots leave out `backdrop-filter` (the covers of a playing
// video blur what is behind them that way; the window shows them, its screenshot does not), so the video test reads
// the X display itself (xwd) and crops the page's content area from it.
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import { findXwd } from '../../../scripts/lib/system-browser';
import type { Display } from './browser';

export async function screenOf(page: Page, display: Display): Promise<PNG> {
  const area = await page.evaluate(() => {
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return { x: Math.round(w.mozInnerScreenX), y: Math.round(w.mozInnerScreenY), w: innerWidth, h: innerHeight };
  });
  const xwd = execFileSync(findXwd(), ['-root', '-display', display.name, '-silent'], { maxBuffer: 256 << 20 });
  // XWD: a header of 25 big-endian 32-bit fields (then the window name), a colour map of 12-byte entries, then rows.
  const field = (i: number) => xwd.readUInt32BE(i * 4);
  const [headerSize, width, height, lsbFirst, bitsPerPixel, bytesPerLine, colours] = [field(0), field(4), field(5), field(7) === 0, field(11), field(12), field(19)];
  const step = bitsPerPixel / 8;
  if (step !== 3 && step !== 4) throw new Error(`xwd: ${bitsPerPixel} bits per pixel is not read here`);
  const start = headerSize + colours * 12;
  const png = new PNG({ width: area.w, height: area.h });
  for (let y = 0; y < area.h; y++) {
    for (let x = 0; x < area.w; x++) {
      const [sx, sy] = [area.x + x, area.y + y];
      const out = (y * area.w + x) * 4;
      png.data[out + 3] = 255;
      if (sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
      const at = start + sy * bytesPerLine + sx * step;
      const [r, g, b] = lsbFirst ? [xwd[at + 2]!, xwd[at + 1]!, xwd[at]!] : step === 4 ? [xwd[at + 1]!, xwd[at + 2]!, xwd[at + 3]!] : [xwd[at]!, xwd[at + 1]!, xwd[at + 2]!];
      png.data[out] = r;
      png.data[out + 1] = g;
      png.data[out + 2] = b;
    }
  }
  return png;
}
