import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WhoWhere } from '../../components/WhoWhere';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useNavigation } from '../../lib/navigation';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { SearchHit } from '../../../shared/schemas/search';

/** The same words over calls (name, subject, details …), newest first. */
export function CallMatches({ q }: { q: string }) {
  const { t, i18n } = useTranslation('search');
  const shown = usePersonal();
  const { navigate } = useNavigation();
  const reportError = useReportError();
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => api('search.query', { q, kind: 'call', limit: 20 }).then(setHits, reportError), 200);
    return () => clearTimeout(timer);
  }, [q, reportError]);
  return (
    <section className="search-calls" aria-labelledby="search-calls-heading">
      <h3 id="search-calls-heading">
        {t('calls.heading')} <span className="count">{hits.length}</span>
      </h3>
      {hits.length === 0 ? (
        <p className="empty">{t('calls.none')}</p>
      ) : (
        <ul aria-label={t('calls.heading')}>
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" onClick={() => navigate('calls', { kind: 'call.open', callId: h.id })}>
                <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time> {shown(h.title) || t('calls.unnamed')} · {shown(h.phone)} ·{' '}
                {shown(h.summary)}
                {h.agentName !== undefined && (
                  <>
                    {' · '}
                    <WhoWhere name={h.agentName} desk={h.workstation} />
                  </>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
