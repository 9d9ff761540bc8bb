// CPU time and memory of Chromium's processes, read from /proc (Linux): what FaceVeil costs beside the page.
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';

export interface ProcessSample {
  pid: number;
  /** Renderer of the extension's pages (offscreen document, service worker, popup), or a web page's renderer. */
  kind: 'extension' | 'page' | 'other';
  cpuMs: number;
  rssMB: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** Every Chromium process of the context's browser, with its kind, CPU time so far and resident memory. */
export async function processes(context: BrowserContext): Promise<ProcessSample[]> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number; type: string }[] };
    return processInfo.flatMap(({ id, type }) => {
      try {
        const cmdline = readFileSync(`/proc/${id}/cmdline`, 'utf8');
        const stat = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]!.split(' ');
        const cpuMs = (Number(stat[11]) + Number(stat[12])) * TICK_MS; // utime + stime
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
        const kind = type !== 'renderer' ? 'other' : cmdline.includes('--extension-process') ? 'extension' : 'page';
        return [{ pid: id, kind, cpuMs, rssMB: Number(rss ?? 0) / 1024 }];
      } catch {
        return []; // gone, or not Linux
      }
    });
  } finally {
    await cdp.detach();
  }
}

export const sum = (samples: ProcessSample[], kind: ProcessSample['kind'], key: 'cpuMs' | 'rssMB') =>
  samples.filter((s) => s.kind === kind).reduce((t, s) => t + s[key], 0);
