// The popup's compact remote-API section: source, what is uploaded where, usage, last error, link to the full form.
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
    <Section title="Remote API">
      <SourcePicker state={state} />
      {on && (
        <p class="note" data-testid="remote-uploading">
          Images are uploaded to {endpointHost(settings.endpoint)} for detection.
          {!creds.username || !creds.password ? ' Enter your FaceBlurest login in the settings to start.' : ''}
        </p>
      )}
      {(on || state.status.lastError || state.status.lastSuccessAt > 0) && <RemoteStatusView state={state} />}
      <button type="button" class="link" data-testid="remote-open-options" onClick={() => void browser.runtime.openOptionsPage()}>
        Remote API settings…
      </button>
    </Section>
  );
}
