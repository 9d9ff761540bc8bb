// The detection-source choice; turning the remote API on goes through the upload confirmation and permission request.
import { useState } from 'preact/hooks';
import { checkEndpoint } from '@/lib/faceblurest/request';
import { endpointHost, needsConsent, withSource, type DetectionSource } from '@/lib/remote/settings';
import { Choice } from '../Controls';
import { ConsentPrompt } from './ConsentPrompt';
import { requestEndpointPermission, saveRemoteSettings, type RemoteState } from './use-remote';

const OPTIONS: { value: DetectionSource; label: string }[] = [
  { value: 'local', label: 'On this device' },
  { value: 'remote', label: 'FaceBlurest API' },
  { value: 'both', label: 'Both (union)' },
];

export function SourcePicker({ state }: { state: RemoteState }) {
  const { settings } = state;
  const [pending, setPending] = useState<DetectionSource | null>(null);
  const [problem, setProblem] = useState('');

  const choose = (source: DetectionSource) => {
    setProblem('');
    const endpoint = checkEndpoint(settings.endpoint);
    if (source !== 'local' && !endpoint.ok) return setProblem(`${endpoint.reason} Fix it in the remote API settings first.`);
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
      setProblem(`Chrome did not grant access to ${endpointHost(settings.endpoint)}, so detection stays on this device.`);
      void saveRemoteSettings(withSource(settings, 'local', Date.now()));
    });
  };

  return (
    <>
      <Choice label="Detect faces" testId="remote-source" value={pending ?? settings.source} options={OPTIONS} onChange={choose} />
      {pending && <ConsentPrompt host={endpointHost(settings.endpoint)} onConfirm={confirm} onCancel={() => setPending(null)} />}
      {problem && <p class="note warn" data-testid="remote-source-problem">{problem}</p>}
    </>
  );
}
