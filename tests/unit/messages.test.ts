import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * A minimal chrome.runtime with callback-style messaging, as Chromium has it: every listener of
 * every other context sees the message, and the first one that keeps the channel open answers.
 */
function installRuntime() {
  const listeners: ((msg: unknown, sender: object, respond: (r: unknown) => void) => boolean | void)[] = [];
  const runtime = {
    lastError: undefined,
    onMessage: {
      addListener: (l: (typeof listeners)[number]) => listeners.push(l),
      removeListener: (l: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(l), 1),
    },
    sendMessage: (msg: unknown, callback: (r: unknown) => void) => {
      const copy = JSON.parse(JSON.stringify(msg)); // extension messaging serializes to JSON
      let answered = false;
      for (const l of listeners) {
        const keepOpen = l(copy, { tab: { id: 7 }, frameId: 2 }, (r) => {
          if (!answered) callback(JSON.parse(JSON.stringify(r)));
          answered = true;
        });
        if (keepOpen === true) return;
      }
      callback(undefined);
    },
  };
  vi.stubGlobal('chrome', { runtime });
}

describe('message protocol', () => {
  beforeEach(() => {
    vi.resetModules();
    installRuntime();
  });

  it('carries a scan request and its typed result', async () => {
    const { onMessage, sendMessage } = await import('@/lib/messages');
    onMessage('scanImage', ({ data }) => ({
      ok: true,
      faces: [{ box: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, score: 0.9 }],
      width: 10,
      height: 20,
      ms: 1,
      minFacePx: 10,
      cached: false,
      ...(data.src === 'x' ? {} : { width: 0 }),
    }));
    const result = await sendMessage('scanImage', { src: 'x' });
    expect(result).toMatchObject({ ok: true, width: 10, faces: [{ score: 0.9 }] });
  });

  it('passes the sender along, so the background knows the tab and frame', async () => {
    const { onMessage, sendMessage } = await import('@/lib/messages');
    const seen: unknown[] = [];
    onMessage('reportFaces', ({ data, sender }) => void seen.push([data, sender.tab?.id, sender.frameId]));
    await sendMessage('reportFaces', 3);
    expect(seen).toEqual([[3, 7, 2]]);
  });

  it('turns an error thrown by the handler into a rejected promise for the sender', async () => {
    const { onMessage, sendMessage } = await import('@/lib/messages');
    onMessage('loadDetector', () => {
      throw new Error('model missing');
    });
    await expect(sendMessage('loadDetector', { detector: 'yunet', delegate: 'auto' })).rejects.toThrow('model missing');
  });

  it('a context without a handler for a type stays silent (the offscreen page ignores scanImage)', async () => {
    const { onMessage, sendMessage } = await import('@/lib/messages');
    onMessage('detect', () => ({ ok: false, reason: 'wrong listener' }));
    await expect(sendMessage('scanImage', { src: 'x' })).rejects.toThrow(/No response/);
  });
});
