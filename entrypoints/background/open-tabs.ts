// Tabs that were open before FaceVeil was installed, updated or reloaded get its content script now: Chrome only runs
// manifest content scripts in pages loaded afterwards, and a script from before an update is cut off from the extension.
const manifest = browser.runtime.getManifest();

export async function coverOpenTabs(): Promise<void> {
  const [script] = manifest.content_scripts ?? [];
  if (!script?.js?.length) return;
  for (const tab of await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] })) {
    if (tab.id == null || tab.discarded) continue;
    const target = { tabId: tab.id, allFrames: true };
    try {
      // The stylesheet first: unscanned images hide before the script starts looking at them.
      if (script.css?.length) await browser.scripting.insertCSS({ target, files: script.css });
      await browser.scripting.executeScript({ target, files: script.js });
    } catch (error) {
      console.debug('[FaceVeil] could not reach an open tab:', tab.url, String(error));
    }
  }
}
