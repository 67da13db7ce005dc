import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import type { Call } from '../../../shared/schemas/call';
import { formatDateTime } from '../../lib/format';

/** Calls not completed and not discarded: never lost, one key away (Alt+U). */
export const UnfinishedCalls = memo(function UnfinishedCalls({ calls, activeId, onOpen }: { calls: Call[]; activeId: string | undefined; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('call');
  const shown = usePersonal();
  return (
    <section className="unfinished" aria-labelledby="unfinished-heading" id="unfinished-calls" tabIndex={-1}>
      <h2 id="unfinished-heading">
        {t('unfinished.heading')} <span className="count">{calls.length}</span>
      </h2>
      {calls.length === 0 ? (
        <p className="empty">{t('unfinished.empty')}</p>
      ) : (
        <ul aria-label={t('unfinished.heading')}>
          {calls.map((c) => (
            <li key={c.id}>
              <button type="button" aria-current={c.id === activeId} onClick={() => onOpen(c.id)}>
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
                <span className="who">{shown(c.callerName) || t('today.unnamed')}</span>
                <span className="phone">
                  {shown(c.phone)} {shown(c.subject)}
                </span>
                <span className="phone">{t('unfinished.by', { name: c.agentName })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
