// Team mode's state in the header: in sync / syncing N / offline since 10:32, N waiting / error.
// It only ever shows; a network problem never opens a dialog or interrupts a call.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { formatDateTime, formatTime } from '../lib/format';
import type { SyncStatus } from '../../shared/contract/sync';

const POLL_MS = 3_000;

/** Polls sync.status; null until the first answer (and when the question itself fails). */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api('sync.status', {}).then(
        (s) => alive && setStatus(s),
        () => undefined, // the indicator is not worth an error banner
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return status;
}

export function syncLabel(t: (key: string, options?: Record<string, unknown>) => string, s: SyncStatus, language: string): string {
  switch (s.mode) {
    case 'in_sync':
      return t('sync:inSync');
    case 'syncing':
      return t('sync:syncing', { count: s.pending + s.pulled });
    case 'offline':
      return t('sync:offline', { time: formatTime(s.offlineSince, language), count: s.pending });
    case 'error':
      return t('sync:error');
    default:
      return t('sync:off');
  }
}

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const s = useSyncStatus();
  // a workstation without team mode looks exactly as before
  if (!s || s.mode === 'off') return null;
  const label = syncLabel(t, s, i18n.language);
  const title = [label, s.server && `${t('sync:server')}: ${s.server}`, s.error && `${t('sync:reason')}: ${s.error}`].filter(Boolean).join('\n');
  return (
    <span className={`sync-indicator sync-${s.mode}`} role="status" title={title} data-testid="sync-indicator">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{label}</span>
    </span>
  );
}

/** The About box's card: server, workstation, last push/pull, position, per-workstation last seen. */
export function SyncDetails() {
  const { t, i18n } = useTranslation();
  const s = useSyncStatus();
  if (!s) return null;
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time> : t('sync:never'));
  return (
    <section className="about-card" aria-labelledby="about-sync">
      <h3 id="about-sync">{t('sync:heading')}</h3>
      <dl>
        <dt>{t('sync:state')}</dt>
        <dd>{syncLabel(t, s, i18n.language)}</dd>
        {s.mode !== 'off' && (
          <>
            <dt>{t('sync:server')}</dt>
            <dd>
              <code>{s.server}</code>
            </dd>
            <dt>{t('sync:workstation')}</dt>
            <dd>
              <code>{s.workstation}</code>
            </dd>
            <dt>{t('sync:lastPush')}</dt>
            <dd>{when(s.lastPushAt)}</dd>
            <dt>{t('sync:lastPull')}</dt>
            <dd>{when(s.lastPullAt)}</dd>
            <dt>{t('sync:waiting')}</dt>
            <dd>{s.pending}</dd>
            <dt>{t('sync:position')}</dt>
            <dd>
              <code>{`${s.position.epoch.slice(0, 8)}/${s.position.xid}/${s.position.pos}`}</code>
            </dd>
            {s.error && (
              <>
                <dt>{t('sync:reason')}</dt>
                <dd>{s.error}</dd>
              </>
            )}
            {s.notApplied > 0 && (
              <>
                <dt>{t('sync:notApplied')}</dt>
                <dd>{t('sync:notAppliedCount', { count: s.notApplied })}</dd>
              </>
            )}
            {s.serverPurge && (
              <>
                <dt>{t('sync:serverPurge')}</dt>
                <dd data-testid="server-purge">
                  {s.serverPurge.pendingSince
                    ? t('sync:purgePending', { since: formatDateTime(s.serverPurge.pendingSince, i18n.language) })
                    : s.serverPurge.lastPurgeAt
                      ? t('sync:purgedAt', { time: formatDateTime(s.serverPurge.lastPurgeAt, i18n.language) })
                      : t('sync:purgeNone')}
                </dd>
              </>
            )}
            <dt>{t('sync:workstations')}</dt>
            <dd>
              {s.workstations.length === 0
                ? t('sync:never')
                : s.workstations.map((w) => (
                    <div key={w.workstation}>
                      <code>{w.workstation}</code> {when(w.lastSeen)}
                    </div>
                  ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
