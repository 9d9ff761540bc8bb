// Faces blurred per tab (summed over its frames), shown as the toolbar badge and in the popup.
const counts = new Map<number, Map<number, number>>();

export function setFrameFaces(tabId: number, frameId: number, count: number): void {
  const frames = counts.get(tabId) ?? new Map<number, number>();
  frames.set(frameId, count);
  counts.set(tabId, frames);
  void showBadge(tabId);
}

export function tabFaces(tabId: number): number {
  let total = 0;
  for (const n of counts.get(tabId)?.values() ?? []) total += n;
  return total;
}

export function forgetTab(tabId: number): void {
  counts.delete(tabId);
}

/** A new document in the top frame starts the tab's count afresh. */
export function resetTab(tabId: number): void {
  counts.delete(tabId);
  void showBadge(tabId);
}

async function showBadge(tabId: number): Promise<void> {
  const n = tabFaces(tabId);
  await browser.action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#5b3cc4' }).catch(() => undefined);
}
