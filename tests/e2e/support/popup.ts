// The toolbar popup, opened as a page for a given tab (popup.html?tab=ID), since tests cannot click the toolbar.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { tabIdOf } from './helpers';

export async function openPopup(context: BrowserContext, extensionId: string, target: Page): Promise<Page> {
  const tabId = await tabIdOf(context, target);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByTestId('face-count')).toBeVisible();
  return popup;
}

/** The number in "N faces blurred in this tab". */
export async function popupCount(popup: Page): Promise<number> {
  const text = await popup.getByTestId('face-count').textContent();
  const match = /(\d+) faces? blurred/.exec(text ?? '');
  if (!match) throw new Error(`unexpected face count text: ${text}`);
  return Number(match[1]);
}

/** Sets a range input the way a user drag ends: value changes, then `input` and `change` fire. */
export async function setSlider(popup: Page, testId: string, value: number): Promise<void> {
  await popup.getByTestId(testId).fill(String(value));
  await expect(popup.getByTestId(testId)).toHaveValue(String(value));
}
