// Usage counters, uploads saved by the cache, and the last remote error with its time and any pause.
import { sendRemoteMessage } from '@/lib/remote/messages';
import { formatAgo, usageCounters } from '@/lib/remote/status';
import type { RemoteState } from './use-remote';

export function RemoteStatusView({ state }: { state: RemoteState }) {
  const { status } = state;
  const now = Date.now();
  const c = usageCounters(state.usage, now);
  const paused = status.pause !== null && (status.pause.until === 0 || status.pause.until > now);
  return (
    <div class="remote-status">
      <p class="note" data-testid="remote-usage">
        Requests: <span data-testid="remote-requests-today">{c.requestsToday}</span> today, {c.requestsThisMonth} this month.
        Predictions billed: <span data-testid="remote-predictions-today">{c.predictionsToday}</span> today, {c.predictionsThisMonth} this month.
      </p>
      {status.savedByCache > 0 && (
        <p class="note" data-testid="remote-saved">
          {status.savedByCache === 1 ? '1 upload' : `${status.savedByCache} uploads`} saved by reusing earlier results.
        </p>
      )}
      {status.lastSuccessAt > 0 && <p class="note">Last successful request: {formatAgo(status.lastSuccessAt, now)}.</p>}
      {status.lastError && (
        <p class="note warn" data-testid="remote-last-error" data-code={status.lastError.code ?? ''}>
          Last remote error ({formatAgo(status.lastError.at, now)}): {status.lastError.message}
        </p>
      )}
      {paused && (
        <p class="note warn" data-testid="remote-paused">
          {status.pause!.until === 0
            ? 'Remote detection is paused until the settings change; faces are detected on this device.'
            : `Remote detection resumes ${new Date(status.pause!.until).toLocaleTimeString()}; until then faces are detected on this device.`}{' '}
          <button type="button" data-testid="remote-retry" onClick={() => void sendRemoteMessage('remoteRetry', undefined)}>
            Retry now
          </button>
        </p>
      )}
    </div>
  );
}
