import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import type { Call } from '../../../shared/schemas/call';
import { formatDateTime } from '../../lib/format';

/** Calls not completed and not discarded: never lost, one key away (Alt+U). */
interface Props {
  calls: Call[];
  /** every unfinished call in the scope, not only those loaded */
  total: number;
  scope: 'mine' | 'all';
  canSeeAll: boolean;
  onScope: (scope: 'mine' | 'all') => void;
  onMore: () => void;
  activeId: string | undefined;
  onOpen: (id: string) => void;
}

export const UnfinishedCalls = memo(function UnfinishedCalls({ calls, total, scope, canSeeAll, onScope, onMore, activeId, onOpen }: Props) {
  const { t, i18n } = useTranslation('call');
  const shown = usePersonal();
  return (
    <section className="unfinished" aria-labelledby="unfinished-heading" id="unfinished-calls" tabIndex={-1}>
      <h2 id="unfinished-heading">
        {t(scope === 'mine' ? 'unfinished.headingMine' : 'unfinished.heading')} <span className="count">{total}</span>
      </h2>
      {canSeeAll && (
        <div role="group" aria-label={t('unfinished.scope')} className="unfinished-scope">
          {(['mine', 'all'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => onScope(s)}>
              {t(`unfinished.${s}`)}
            </button>
          ))}
        </div>
      )}
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
                {scope === 'all' && <span className="phone">{t('unfinished.by', { name: c.agentName })}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {calls.length < total && (
        <button type="button" className="unfinished-more" onClick={onMore}>
          {t('unfinished.more', { shown: calls.length, total })}
        </button>
      )}
    </section>
  );
});
