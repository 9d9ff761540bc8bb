// "Compare with the remote API": uploads the app's photo to the configured endpoint and sets its faces beside the on-device ones.
import { blobToDataUrl } from '@/lib/photo/base64';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { buildSuccessResponse } from '@/lib/faceblurest/response';
import { formatJson } from '@/lib/photo/json';
import { agreement } from '@/lib/photo/compare';
import { phrase, phraseOf } from '@/lib/phrase';
import { sendRemoteMessage, type CompareOutcome } from '@/lib/remote/messages';
import { say } from '../say';
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
      setState({ busy: false, outcome: { ok: false, text: phrase('app.compare.tooLarge') } });
      return;
    }
    setState({ busy: true });
    const pixels = await blobToDataUrl(input.photo);
    const url = input.source.kind === 'url' ? input.source.url : undefined;
    const outcome = await sendRemoteMessage('remoteCompare', { pixels, url }).catch(
      (error: unknown): CompareOutcome => ({ ok: false, text: phrase('app.compare.noAnswer', [phraseOf(error)]) }),
    );
    setState({ busy: false, outcome });
  }

  const outcome = state.outcome;
  const local = input.local.predictions.map((p) => ({ x: p.boundingBox.left, y: p.boundingBox.top, w: p.boundingBox.width, h: p.boundingBox.height }));
  return (
    <section class="panel compare" data-testid="remote-compare">
      <h2>{i18n.t('app.compare.heading')}</h2>
      <p class="note">{i18n.t('app.compare.note', [host])}</p>
      <button type="button" onClick={() => void compare()} disabled={state.busy} data-testid="remote-compare-button">
        {state.busy ? i18n.t('app.compare.asking') : i18n.t('app.compare.button')}
      </button>
      {outcome && !outcome.ok && <p class="note warn" role="alert">{say(outcome.text)}</p>}
      {outcome?.ok && (() => {
        const remote = buildSuccessResponse(outcome.faces, '', new Date());
        const a = agreement(local, outcome.faces.map((f) => f.box));
        return (
          <>
            <p data-testid="remote-compare-summary">
              {outcome.cached
                ? i18n.t('app.compare.summaryCached', [a.local, outcome.host, a.remote, a.both])
                : i18n.t('app.compare.summary', [a.local, outcome.host, a.remote, a.both])}
            </p>
            <JsonPanel
              title={i18n.t('app.compare.responseTitle', [outcome.host])}
              value={{ predictions: remote.predictions }}
              copyText={async () => formatJson({ predictions: remote.predictions })}
              copyLabel={i18n.t('app.copyJson')}
              testId="remote-json"
            />
          </>
        );
      })()}
    </section>
  );
}
