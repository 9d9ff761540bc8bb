// Messages between the extension's own pages (popup, options) and the background about the remote API.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Face } from '../face';
import type { Phrase } from '../phrase';

export interface ConnectionTest {
  endpoint: string;
  username: string;
  password: string;
}

export interface TestOutcome {
  ok: boolean;
  /** For the user: what answered, or the service's error. */
  text: Phrase;
}

/** The Face Blur app's "Compare with the remote API": the photo it blurred, sent as the page would send it. */
export interface CompareRequest {
  /** The photo as a data URL. */
  pixels: string;
  /** Its http(s) address when it came from one (sent as photo_url when public). */
  url?: string;
}

export type CompareOutcome = { ok: true; faces: Face[]; cached: boolean; host: string } | { ok: false; text: Phrase };

interface RemoteProtocol {
  /** app → background: is remote detection set up and allowed now? Answers the endpoint's host, or null. */
  remoteHost(): string | null;
  /** app → background: detect faces in the app's photo with the remote API (rate limit and cache apply). */
  remoteCompare(data: CompareRequest): CompareOutcome;
  /** options/popup → background: send the test image with these (unsaved) details and say how it went. */
  remoteTest(data: ConnectionTest): TestOutcome;
  /** options/popup → background: lift a pause after an error now, instead of waiting. */
  remoteRetry(): void;
  /** options → background: forget cached remote results; answers how many were dropped. */
  remoteClearCache(): number;
}

// A separate messenger (distinct type names) so the shared protocol in lib/messages.ts stays untouched.
export const { sendMessage: sendRemoteMessage, onMessage: onRemoteMessage } = defineExtensionMessaging<RemoteProtocol>();

/**
 * Only pages of this extension may use these messages: a content script runs inside web pages, so it
 * could be steered by one. Content scripts' sender.url is the page; popup/options have the extension's URL.
 */
export function fromExtensionPage(sender: { id?: string; url?: string }, extensionId: string, extensionBase: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionBase);
}
