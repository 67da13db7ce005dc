import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { CallerHistory } from '../../components/CallerHistory';
import type { PeopleLookup } from '../../../shared/schemas/customer';

/**
 * O4: the people the words name (a customer's name or number), first and with true totals, so
 * searching "张伟" shows 张伟 and his own calls, complaints and callbacks, not other callers' notes
 * that mention him. The field that matched is marked.
 */
export function PeopleMatches({ q }: { q: string }) {
  const { t } = useTranslation('search');
  const shown = usePersonal();
  const reportError = useReportError();
  const [found, setFound] = useState<PeopleLookup | undefined>();
  const [openId, setOpenId] = useState<string | undefined>();
  useEffect(() => {
    if (q.length < 2) return setFound(undefined);
    const timer = setTimeout(() => api('customers.lookup', { q }).then(setFound, reportError), 200);
    return () => clearTimeout(timer);
  }, [q, reportError]);
  if (!found || found.total === 0) return null;
  return (
    <section className="search-people" aria-labelledby="search-people-heading">
      <h3 id="search-people-heading">
        {t('people.heading')} <span className="count">{found.total}</span>
      </h3>
      <ul aria-label={t('people.heading')}>
        {found.people.map((p) => {
          const name = shown(p.name) || t('calls.unnamed');
          const phone = shown(p.phone);
          return (
            <li key={p.id}>
              <button type="button" aria-expanded={openId === p.id} onClick={() => setOpenId(openId === p.id ? undefined : p.id)}>
                <span className="search-person">
                  {p.matched === 'name' ? <mark>{name}</mark> : name} · {p.matched === 'phone' ? <mark>{phone}</mark> : phone}
                  {p.region && ` · ${shown(p.region)}`}
                </span>
                <span className="search-person-counts">
                  {[
                    t('people.calls', { count: p.calls }),
                    t('people.complaints', { count: p.complaints, open: p.openComplaints }),
                    t('people.callbacks', { count: p.pendingCallbacks }),
                  ].join(' · ')}
                </span>
              </button>
              {openId === p.id && <CallerHistory phone={p.phone} />}
            </li>
          );
        })}
      </ul>
      {found.total > found.people.length && <p className="empty">{t('people.more', { count: found.total - found.people.length })}</p>}
    </section>
  );
}
