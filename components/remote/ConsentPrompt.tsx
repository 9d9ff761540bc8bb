// The plain-words confirmation shown before any image is uploaded to a remote host.
import { i18n } from '#i18n';

export function ConsentPrompt(props: { host: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="consent" role="alertdialog" aria-label={i18n.t('remote.consent.ariaLabel')} data-testid="remote-consent">
      <p>
        <strong>{i18n.t('remote.consent.uploadedTo', [props.host])}</strong>{' '}
        {i18n.t('remote.consent.why')}
      </p>
      <p class="note">{i18n.t('remote.consent.fallback')}</p>
      <div class="buttons">
        <button type="button" class="primary" data-testid="remote-consent-confirm" onClick={props.onConfirm}>
          {i18n.t('remote.consent.confirm', [props.host])}
        </button>
        <button type="button" data-testid="remote-consent-cancel" onClick={props.onCancel}>
          {i18n.t('remote.consent.cancel')}
        </button>
      </div>
    </div>
  );
}
