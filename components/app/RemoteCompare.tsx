// "Compare with the remote API": uploads the app's photo to the configured endpoint and sets its faces beside the on-device ones.
import { blobToDataUrl } from '@/lib/photo/base64';
import { useEffect, useState } from 'preact/hooks';
import { buildSuccessResponse } from '@/lib/faceblurest/response';
import { formatJson } from '@/lib/photo/json';
import { agreement } from '@/lib/photo/compare';
import { sendRemoteMessage, type CompareOutcome } from '@/lib/remote/messages';
import type { RemoteCompareInput } from './FaceBlurApp';
import { JsonPanel } from './JsonPanel';

/** Data URLs travel in extension messages, which Chrome caps at 64 MB. */
const MAX_COMPARE_BYTES = 40 * 1024 * 1024;

export function RemoteCompare({ input }: { input: RemoteCompareInput }) {
  const [host, setHost] = useState<string | null>(null);
  const [state, setState] = useState<{ busy: boolean; outcome?: CompareOutcome }>({ busy: false });
  useEffect(() => {
    void sendRemoteMessage('remoteHost', undefined).then(setHost, () => setHost(null));
  }, []);
  useEffect(() => setState({ busy: false }), [input.photo]);
  if (!host) return null; // remote mode off or not confirmed: nothing to compare with

  async function compare() {
    if (input.photo.size > MAX_COMPARE_BYTES) {
      setState({ busy: false, outcome: { ok: false, message: 'This photo is too large to send for comparison (over 40 MB).' } });
      return;
    }
    setState({ busy: true });
    const pixels = await blobToDataUrl(input.photo);
    const url = input.source.kind === 'url' ? input.source.url : undefined;
    const outcome = await sendRemoteMessage('remoteCompare', { pixels, url }).catch(
      (error: unknown): CompareOutcome => ({ ok: false, message: `No answer from the extension: ${String(error)}` }),
    );
    setState({ busy: false, outcome });
  }

  const outcome = state.outcome;
  const local = input.local.predictions.map((p) => ({ x: p.boundingBox.left, y: p.boundingBox.top, w: p.boundingBox.width, h: p.boundingBox.height }));
  return (
    <section class="panel compare" data-testid="remote-compare">
      <h2>Compare with the remote API</h2>
      <p class="note">This uploads the photo to {host} (one request, counted in the popup; a photo it has seen before is not sent again).</p>
      <button type="button" onClick={() => void compare()} disabled={state.busy} data-testid="remote-compare-button">
        {state.busy ? 'Asking the remote API…' : 'Compare with the remote API'}
      </button>
      {outcome && !outcome.ok && <p class="note warn" role="alert">{outcome.message}</p>}
      {outcome?.ok && (() => {
        const remote = buildSuccessResponse(outcome.faces, '', new Date());
        const a = agreement(local, outcome.faces.map((f) => f.box));
        return (
          <>
            <p data-testid="remote-compare-summary">
              On-device: {a.local} faces · {outcome.host}: {a.remote} faces · found by both: {a.both}
              {outcome.cached ? ' (remote answer from the cache)' : ''}
            </p>
            <JsonPanel
              title={`Response from ${outcome.host} (faces only)`}
              value={{ predictions: remote.predictions }}
              copyText={async () => formatJson({ predictions: remote.predictions })}
              copyLabel="Copy JSON"
              testId="remote-json"
            />
          </>
        );
      })()}
    </section>
  );
}
