// Popup glue: finds the active tab, loads settings and the tab's face count, and writes changes back.
import { render } from 'preact';
import { localizePage } from '@/components/page-language';
import { Popup, useWatched } from '@/components/Popup';
import { sendMessage } from '@/lib/messages';
import { siteOfUrl, withSite } from '@/lib/settings';
import { loadSettings, updateSettings, watchSettings } from '@/lib/settings-store';
import { useEffect, useState } from 'preact/hooks';

async function activeTab(): Promise<{ id: number | null; site: string | null }> {
  // Tests open the popup as a page and name the tab to act on, since there is no toolbar click.
  const forced = new URLSearchParams(location.search).get('tab');
  const [tab] = forced ? [await browser.tabs.get(Number(forced))] : await browser.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id ?? null, site: siteOfUrl(tab?.url) };
}

function App() {
  const settings = useWatched(loadSettings, watchSettings);
  const [tab, setTab] = useState<{ id: number | null; site: string | null }>();
  const [faces, setFaces] = useState(0);
  useEffect(() => {
    void activeTab().then(setTab);
  }, []);
  useEffect(() => {
    if (tab?.id == null) return;
    const refresh = () => sendMessage('getTabFaces', tab.id!).then(setFaces, () => undefined);
    void refresh();
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [tab?.id]);
  if (!settings || !tab) return null;
  return (
    <Popup
      settings={settings}
      site={tab.site}
      faces={faces}
      onChange={(change) => void updateSettings(() => change)}
      onSiteChange={(active) => void updateSettings((s) => withSite(s, tab.site!, active))}
      onOpenApp={() => void browser.tabs.create({ url: browser.runtime.getURL('/app.html') })}
    />
  );
}

localizePage();
render(<App />, document.getElementById('app')!);
