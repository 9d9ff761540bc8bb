// Reads the offscreen detector document's memory over CDP: Playwright does not list offscreen documents as pages.
import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession } from '@playwright/test';

export interface MemorySample {
  /** JS heap of the offscreen document after a forced GC (WASM memory is not in here). */
  jsHeapUsedMB: number;
  /** Resident memory of the extension's renderer process (offscreen doc + worker + our popup tab), Linux only; WASM memory shows here. */
  extensionRssMB: number | null;
}

export class OffscreenProbe {
  private next = 0;
  private readonly pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();

  private constructor(private readonly browserSession: CDPSession, private readonly sessionId: string) {
    browserSession.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message);
    });
  }

  /** Attaches to the (already created) offscreen document in non-flat mode: Playwright's CDPSession can't address child sessions. */
  static async attach(context: BrowserContext): Promise<OffscreenProbe> {
    const session = await context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await session.send('Target.getTargets');
    const target = targetInfos.find((t) => t.url.endsWith('/offscreen.html'));
    if (!target) throw new Error('no offscreen document (scan something first)');
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const probe = new OffscreenProbe(session, sessionId);
    await probe.call('Performance.enable');
    return probe;
  }

  call<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        if (m.error) reject(new Error(`${method}: ${JSON.stringify(m.error)}`));
        else resolve(m.result as T);
      });
      const message = JSON.stringify({ id, method, params });
      this.browserSession.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch(reject);
    });
  }

  async memory(): Promise<MemorySample> {
    await this.call('HeapProfiler.collectGarbage');
    const { metrics } = await this.call<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    return { jsHeapUsedMB: heap / 2 ** 20, extensionRssMB: await this.extensionRss() };
  }

  /** Chromium runs all of an extension's pages in one renderer marked --extension-process. */
  private async extensionRss(): Promise<number | null> {
    const { processInfo } = await this.browserSession.send('SystemInfo.getProcessInfo');
    for (const { id, type } of processInfo) {
      if (type !== 'renderer') continue;
      try {
        if (!readFileSync(`/proc/${id}/cmdline`, 'utf8').includes('--extension-process')) continue;
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
        if (kb) return Number(kb) / 1024;
      } catch {
        return null; // not Linux, or the process is gone
      }
    }
    return null;
  }
}
