// Usage counters, uploads saved by the cache, and the last remote error with its time and any pause.
import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';
import { sendRemoteMessage } from '@/lib/remote/messages';
import { formatAgo, usageCounters } from '@/lib/remote/status';
import { say } from '../say';
import type { RemoteState } from './use-remote';

// Stands in for $1 so a translated sentence can place an element (a counter with its test id) wherever its grammar needs.
const SLOT = '\uE000';

function withSlot(text: string, node: ComponentChildren) {
  const at = text.indexOf(SLOT);
  if (at < 0) return <>{text}{node}</>;
  return <>{text.slice(0, at)}{node}{text.slice(at + SLOT.length)}</>;
}

export function RemoteStatusView({ state }: { state: RemoteState }) {
  const { status } = state;
  const now = Date.now();
  const locale = i18n.t('language');
  const c = usageCounters(state.usage, now);
  const paused = status.pause !== null && (status.pause.until === 0 || status.pause.until > now);
  return (
    <div class="remote-status">
      <p class="note" data-testid="remote-usage">
        {withSlot(
          i18n.t('remote.status.requests', [SLOT, c.requestsThisMonth]),
          <span data-testid="remote-requests-today">{c.requestsToday}</span>,
        )}{' '}
        {withSlot(
          i18n.t('remote.status.predictions', [SLOT, c.predictionsThisMonth]),
          <span data-testid="remote-predictions-today">{c.predictionsToday}</span>,
        )}
      </p>
      {status.savedByCache > 0 && (
        <p class="note" data-testid="remote-saved">
          {i18n.t('remote.status.savedByCache', status.savedByCache)}
        </p>
      )}
      {status.lastSuccessAt > 0 && <p class="note">{i18n.t('remote.status.lastSuccess', [formatAgo(status.lastSuccessAt, now, locale)])}</p>}
      {status.lastError && (
        <p class="note warn" data-testid="remote-last-error" data-code={status.lastError.code ?? ''}>
          {i18n.t('remote.status.lastError', [formatAgo(status.lastError.at, now, locale), say(status.lastError.text)])}{' '}
          {i18n.t('faceblurest.onDevice')}
        </p>
      )}
      {paused && (
        <p class="note warn" data-testid="remote-paused">
          {status.pause!.until === 0
            ? i18n.t('remote.status.pausedUntilChange')
            : i18n.t('remote.status.pausedUntil', [new Date(status.pause!.until).toLocaleTimeString(locale)])}{' '}
          <button type="button" data-testid="remote-retry" onClick={() => void sendRemoteMessage('remoteRetry', undefined)}>
            {i18n.t('remote.status.retry')}
          </button>
        </p>
      )}
    </div>
  );
}
