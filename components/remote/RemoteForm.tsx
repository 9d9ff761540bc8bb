// The options page's full remote-API form: endpoint, login, plan limits, test connection, status and cache.
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { checkEndpoint } from '@/lib/faceblurest/request';
import { phrase, phraseOf } from '@/lib/phrase';
import { sendRemoteMessage, type TestOutcome } from '@/lib/remote/messages';
import {
  DEFAULT_ENDPOINT, REMOTE_LIMITS, endpointHost, endpointOrigin, validateRemoteSettings,
  type RemotePlan, type RemoteSettings,
} from '@/lib/remote/settings';
import { say } from '../say';
import { ConsentPrompt } from './ConsentPrompt';
import { RemoteStatusView } from './RemoteStatusView';
import { SourcePicker } from './SourcePicker';
import { requestEndpointPermission, saveCredentials, saveRemoteSettings, type RemoteState } from './use-remote';

interface Draft {
  endpoint: string;
  username: string;
  password: string;
  plan: RemotePlan;
  perMinute: number;
  timeoutS: number;
}

export function RemoteForm({ state }: { state: RemoteState }) {
  const { settings, creds } = state;
  const [draft, setDraft] = useState<Draft>(() => ({
    ...creds, endpoint: settings.endpoint, plan: settings.plan, perMinute: settings.perMinute, timeoutS: settings.timeoutMs / 1000,
  }));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [test, setTest] = useState<(TestOutcome & { busy?: boolean }) | null>(null);
  const [consentFor, setConsentFor] = useState<RemoteSettings | null>(null);
  const field = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const next = (): RemoteSettings =>
    validateRemoteSettings({ ...settings, endpoint: draft.endpoint.trim(), plan: draft.plan, perMinute: draft.perMinute, timeoutMs: draft.timeoutS * 1000 }).value;

  const store = async (s: RemoteSettings) => {
    await Promise.all([saveRemoteSettings(s), saveCredentials({ username: draft.username, password: draft.password })]);
    setMessage({ ok: true, text: i18n.t('remote.form.saved') });
  };

  const save = (e: Event) => {
    e.preventDefault();
    const endpoint = checkEndpoint(draft.endpoint.trim());
    if (!endpoint.ok) return setMessage({ ok: false, text: say(endpoint.reason) });
    const s = next();
    // Remote detection already on, but for another host: that host needs its own confirmation.
    if (s.source !== 'local' && endpointOrigin(s.endpoint) !== s.consentOrigin) return setConsentFor(s);
    void store(s);
  };

  const confirmNewHost = () => {
    const s = consentFor!;
    const granted = requestEndpointPermission(s.endpoint); // first, inside the click (user gesture)
    setConsentFor(null);
    void granted.then((ok) =>
      ok
        ? store({ ...s, consentOrigin: endpointOrigin(s.endpoint) ?? '', consentAt: Date.now() })
        : setMessage({ ok: false, text: i18n.t('remote.form.notGranted', [endpointHost(s.endpoint)]) }),
    );
  };

  const runTest = () => {
    const endpoint = draft.endpoint.trim();
    const granted = requestEndpointPermission(endpoint); // the test sends the login: same gesture-bound request
    setTest({ ok: false, text: phrase('remote.form.testing'), busy: true });
    void granted
      .then(() => sendRemoteMessage('remoteTest', { endpoint, username: draft.username.trim(), password: draft.password }))
      .then(setTest, (e: unknown) => setTest({ ok: false, text: phrase('remote.form.testFailed', [phraseOf(e)]) }));
  };

  const clearCache = () =>
    void sendRemoteMessage('remoteClearCache', undefined).then((n) => setMessage({ ok: true, text: i18n.t('remote.form.forgotCache', n) }));

  return (
    <div class="remote-form">
      <SourcePicker state={state} />
      {settings.consentAt > 0 && settings.source !== 'local' && (
        <p class="note" data-testid="remote-consent-record">
          {i18n.t('remote.form.consentRecord', [endpointHost(settings.endpoint), new Date(settings.consentAt).toLocaleString()])}
        </p>
      )}
      {consentFor && <ConsentPrompt host={endpointHost(consentFor.endpoint)} onConfirm={confirmNewHost} onCancel={() => setConsentFor(null)} />}
      <form onSubmit={save}>
        <Text label={i18n.t('remote.form.endpoint')} testId="remote-endpoint" value={draft.endpoint} onInput={field('endpoint')} placeholder={DEFAULT_ENDPOINT} />
        <Text label={i18n.t('remote.form.username')} testId="remote-username" value={draft.username} onInput={field('username')} autocomplete="username" />
        <Text label={i18n.t('remote.form.password')} testId="remote-password" secret value={draft.password} onInput={field('password')} autocomplete="current-password" />
        <label class="row">
          <span>{i18n.t('remote.form.plan')}</span>
          <select data-testid="remote-plan" value={draft.plan} onChange={(e) => field('plan')(e.currentTarget.value as RemotePlan)}>
            <option value="paid">{i18n.t('remote.form.planPaid')}</option>
            <option value="trial">{i18n.t('remote.form.planTrial')}</option>
          </select>
        </label>
        <Num label={i18n.t('remote.form.perMinute')} testId="remote-per-minute" value={draft.perMinute} {...REMOTE_LIMITS.perMinute} onInput={field('perMinute')} />
        <Num label={i18n.t('remote.form.timeout')} testId="remote-timeout" value={draft.timeoutS} min={REMOTE_LIMITS.timeoutMs.min / 1000} max={REMOTE_LIMITS.timeoutMs.max / 1000} onInput={field('timeoutS')} />
        <div class="buttons">
          <button type="submit" class="primary" data-testid="remote-save">{i18n.t('remote.form.save')}</button>
          <button type="button" data-testid="remote-test" onClick={runTest} disabled={test?.busy}>{i18n.t('remote.form.test')}</button>
          <button type="button" data-testid="remote-clear-cache" onClick={clearCache}>{i18n.t('remote.form.clearCache')}</button>
        </div>
      </form>
      {message && <p class={`note ${message.ok ? '' : 'warn'}`} data-testid="remote-form-message">{message.text}</p>}
      {test && <p class={`note ${test.ok ? 'ok' : 'warn'}`} data-testid="remote-test-result" data-ok={String(test.ok)}>{say(test.text)}</p>}
      <RemoteStatusView state={state} />
    </div>
  );
}

function Text(props: { label: string; value: string; onInput: (v: string) => void; testId: string; secret?: boolean; placeholder?: string; autocomplete?: string }) {
  const common = {
    'data-testid': props.testId, value: props.value, placeholder: props.placeholder, autocomplete: props.autocomplete, spellcheck: false,
    onInput: (e: { currentTarget: HTMLInputElement }) => props.onInput(e.currentTarget.value),
  };
  return (
    <label class="row field">
      <span>{props.label}</span>
      {props.secret ? <input type="password" {...common} /> : <input type="text" {...common} />}
    </label>
  );
}

function Num(props: { label: string; value: number; min: number; max: number; onInput: (v: number) => void; testId: string }) {
  return (
    <label class="row field">
      <span>{props.label}</span>
      <input type="number" data-testid={props.testId} value={props.value} min={props.min} max={props.max}
        onInput={(e) => props.onInput(Number(e.currentTarget.value))} />
    </label>
  );
}
