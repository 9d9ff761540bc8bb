// Answers the popup's and options page's remote-API requests; refuses the same requests from content scripts.
import { fromExtensionPage, onRemoteMessage } from '@/lib/remote/messages';
import { clearRemoteCache, compareRemote, remoteHost, retryNow, testConnection } from './remote';

export function listenToRemoteMessages(): void {
  const base = chrome.runtime.getURL('');
  // A content script lives in web pages; only the extension's own pages may send the test image or lift pauses.
  const guard = (sender: { id?: string; url?: string }) => {
    if (!fromExtensionPage(sender, chrome.runtime.id, base)) throw new Error('FaceVeil: remote API messages are accepted from extension pages only');
  };
  onRemoteMessage('remoteTest', ({ data, sender }) => {
    guard(sender);
    return testConnection(data);
  });
  onRemoteMessage('remoteHost', ({ sender }) => {
    guard(sender);
    return remoteHost();
  });
  onRemoteMessage('remoteCompare', ({ data, sender }) => {
    guard(sender);
    return compareRemote(data);
  });
  onRemoteMessage('remoteRetry', ({ sender }) => {
    guard(sender);
    return retryNow();
  });
  onRemoteMessage('remoteClearCache', ({ sender }) => {
    guard(sender);
    return clearRemoteCache();
  });
}
