// The detection-source choice; turning the remote API on goes through the upload confirmation and permission request.
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { checkEndpoint } from '@/lib/faceblurest/request';
import { endpointHost, needsConsent, withSource, type DetectionSource } from '@/lib/remote/settings';
import { Choice } from '../Controls';
import { say } from '../say';
import { ConsentPrompt } from './ConsentPrompt';
import { requestEndpointPermission, saveRemoteSettings, type RemoteState } from './use-remote';

// Built on each render, not at module load: the labels come from the messages.
const options = (): { value: DetectionSource; label: string }[] => [
  { value: 'local', label: i18n.t('remote.source.local') },
  { value: 'remote', label: i18n.t('remote.source.remote') },
  { value: 'both', label: i18n.t('remote.source.both') },
];

export function SourcePicker({ state }: { state: RemoteState }) {
  const { settings } = state;
  const [pending, setPending] = useState<DetectionSource | null>(null);
  const [problem, setProblem] = useState('');

  const choose = (source: DetectionSource) => {
    setProblem('');
    const endpoint = checkEndpoint(settings.endpoint);
    if (source !== 'local' && !endpoint.ok) return setProblem(i18n.t('remote.source.fixEndpoint', [say(endpoint.reason)]));
    if (needsConsent(settings, source)) return setPending(source);
    void saveRemoteSettings(withSource(settings, source, Date.now()));
  };

  const confirm = () => {
    const source = pending!;
    // Requested before anything else is awaited: the click is the user gesture Chrome requires.
    const granted = requestEndpointPermission(settings.endpoint);
    // Saved without waiting for the answer: a permission prompt can close the popup before it resolves.
    void saveRemoteSettings(withSource(settings, source, Date.now()));
    setPending(null);
    void granted.then((ok) => {
      if (ok) return;
      setProblem(i18n.t('remote.source.notGranted', [endpointHost(settings.endpoint)]));
      void saveRemoteSettings(withSource(settings, 'local', Date.now()));
    });
  };

  return (
    <>
      <Choice label={i18n.t('remote.source.label')} testId="remote-source" value={pending ?? settings.source} options={options()} onChange={choose} />
      {pending && <ConsentPrompt host={endpointHost(settings.endpoint)} onConfirm={confirm} onCancel={() => setPending(null)} />}
      {problem && <p class="note warn" data-testid="remote-source-problem">{problem}</p>}
    </>
  );
}
