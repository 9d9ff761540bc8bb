// The popup's compact remote-API section: source, what is uploaded where, usage, last error, link to the full form.
import { i18n } from '#i18n';
import { endpointHost } from '@/lib/remote/settings';
import { Section } from '../Controls';
import { RemoteStatusView } from './RemoteStatusView';
import { SourcePicker } from './SourcePicker';
import { useRemote } from './use-remote';

export function RemoteSection() {
  const state = useRemote();
  if (!state) return null;
  const { settings, creds } = state;
  const on = settings.source !== 'local';
  return (
    <Section title={i18n.t('remote.section.title')}>
      <SourcePicker state={state} />
      {on && (
        <p class="note" data-testid="remote-uploading">
          {i18n.t('remote.section.uploading', [endpointHost(settings.endpoint)])}
          {!creds.username || !creds.password ? ` ${i18n.t('remote.section.loginHint')}` : ''}
        </p>
      )}
      {(on || state.status.lastError || state.status.lastSuccessAt > 0) && <RemoteStatusView state={state} />}
      <button type="button" class="link" data-testid="remote-open-options" onClick={() => void browser.runtime.openOptionsPage()}>
        {i18n.t('remote.section.openSettings')}
      </button>
    </Section>
  );
}
