// The Face Blur app: FaceBlurest's online demo, answered on this computer — request JSON, response JSON and blurred photo side by side.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { SuccessResponse } from '@/lib/faceblurest/types';
import { displayResponse, formatJson } from '@/lib/photo/json';
import { progressFraction, progressText } from '@/lib/photo/progress';
import type { PhotoService } from '@/lib/photo/protocol';
import { say } from '../say';
import { JsonPanel } from './JsonPanel';
import { PhotoPicker } from './PhotoPicker';
import { ResultPhoto } from './ResultPhoto';
import { fullRequest, useBlurRun, type Source } from './use-blur-run';

/** What a remote comparison needs: the same photo (or URL) and the local answer to compare with. */
export interface RemoteCompareInput {
  source: Source;
  name: string;
  photo: Blob;
  local: SuccessResponse;
}

export interface FaceBlurAppProps {
  service: PhotoService;
  /** "Compare with the remote API" (it renders nothing unless remote mode is set up), under a finished result. */
  remoteCompare?: (input: RemoteCompareInput) => ComponentChildren;
}

export function FaceBlurApp({ service, remoteCompare }: FaceBlurAppProps) {
  const [source, setSource] = useState<Source | null>(null);
  const [state, start] = useBlurRun(service);
  const working = state.status === 'working';
  const request = state.status === 'done' ? state.run.request : state.status === 'idle' ? null : state.request;
  const requestSource = state.status === 'done' ? state.run.source : state.status === 'idle' ? null : state.source;

  // A photo dropped beside the drop zone must not make the browser navigate away from the page.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <main>
      <header class="top">
        <h1>{i18n.t('app.heading')}</h1>
        <p>{i18n.t('app.intro')}</p>
      </header>
      <form
        class="controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (source) void start(source);
        }}
      >
        <PhotoPicker source={source} onSource={setSource} disabled={working} />
        <button type="submit" class="primary" data-testid="blur-button" disabled={!source || working}>
          {i18n.t('app.blur')}
        </button>
      </form>
      {state.status === 'working' && (
        <div class="progress" data-testid="progress">
          <progress max={1} value={progressFraction(state.progress) ?? undefined} aria-label={i18n.t('app.progress')} />
          <span role="status">{say(progressText(state.progress))}</span>
        </div>
      )}
      {state.status === 'failed' && (
        <p class="error" role="alert" data-testid="app-error">
          {say(state.message)}
        </p>
      )}
      {request && (
        <div class="results">
          <JsonPanel
            title={i18n.t('app.requestTitle')}
            testId="request-json"
            value={request}
            copyLabel={i18n.t('app.copyJson')}
            copyText={async () => formatJson(await fullRequest(requestSource!))}
          />
          {state.status === 'done' && (
            <>
              <JsonPanel
                title={i18n.t('app.responseTitle')}
                testId="response-json"
                value={displayResponse(state.run.response)}
                copyLabel={i18n.t('app.copyJson')}
                copyText={async () => formatJson(state.run.response)}
              />
              <ResultPhoto run={state.run} encodePng={() => service.encode('image/png')} />
            </>
          )}
        </div>
      )}
      {state.status === 'done' &&
        remoteCompare?.({ source: state.run.source, name: state.run.name, photo: state.run.photo, local: state.run.response })}
    </main>
  );
}
