// Answers the popup's, options page's and app page's remote-API requests; refuses the same requests from content scripts.
import { fromExtensionPage, onRemoteMessage } from '@/lib/remote/messages';
import { clearRemoteCache, compareRemote, remoteHost, retryNow, testConnection } from './remote';

export function listenToRemoteMessages(): void {
  const base = chrome.runtime.getURL('');
  // A content script lives in web pages; only the extension's own pages may send images, test logins or lift pauses.
  const fromOurPages =
    <D, R>(handle: (data: D) => R) =>
    ({ data, sender }: { data: D; sender: { id?: string; url?: string } }): R => {
      if (!fromExtensionPage(sender, chrome.runtime.id, base)) throw new Error('FaceVeil: remote API messages are accepted from extension pages only');
      return handle(data);
    };
  onRemoteMessage('remoteTest', fromOurPages(testConnection));
  onRemoteMessage('remoteHost', fromOurPages(remoteHost));
  onRemoteMessage('remoteCompare', fromOurPages(compareRemote));
  onRemoteMessage('remoteRetry', fromOurPages(retryNow));
  onRemoteMessage('remoteClearCache', fromOurPages(clearRemoteCache));
}
