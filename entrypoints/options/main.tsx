// Options page: the remote face-detection API (opt-in), explained, configured and tested.
import { render } from 'preact';
import { i18n } from '#i18n';
import { localizePage } from '@/components/page-language';
import { RemoteForm } from '@/components/remote/RemoteForm';
import { useRemote } from '@/components/remote/use-remote';

function Options() {
  const state = useRemote();
  return (
    <main>
      <h1>{i18n.t('options.title')}</h1>
      <h2>{i18n.t('options.remoteHeading')}</h2>
      <p>{i18n.t('options.remoteIntro')}</p>
      <p class="note">{i18n.t('options.remotePrivacy')}</p>
      {state && <RemoteForm state={state} />}
    </main>
  );
}

// index.html's <title> is static English; the tab shows the page's title in the interface language.
localizePage(i18n.t('options.title'));
render(<Options />, document.getElementById('app')!);
