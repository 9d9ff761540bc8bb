// Runs code in FaceVeil's content-script world of a page over CDP: what a page that compromised its renderer could do as the content script.
import type { Page } from '@playwright/test';

export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable'); // reports every existing context
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'FaceVeil');
    if (!world) throw new Error(`no FaceVeil content-script world among ${contexts.map((c) => c.name || '(main)').join(', ')}`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}
