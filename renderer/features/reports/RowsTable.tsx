import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { Call } from '../../../shared/schemas/call';
import type { PeriodSpec } from '../../../shared/domain/report-period';

export interface RowsFilter {
  category?: string;
  day?: string;
}

const PAGE = 100;

/** The calls behind a figure of the dashboard. */
export function RowsTable({ period, filter, onBack }: { period: PeriodSpec; filter: RowsFilter; onBack: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const reportError = useReportError();
  const [rows, setRows] = useState<Call[]>([]);
  const [total, setTotal] = useState<number | undefined>();

  const load = useCallback(
    async (offset: number) => {
      try {
        const page = await api('reports.rows', { period, ...filter, offset, limit: PAGE });
        setTotal(page.total);
        setRows((list) => (offset === 0 ? page.rows : [...list, ...page.rows]));
      } catch (err) {
        reportError(err);
      }
    },
    [period, filter, reportError],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  const what =
    filter.category !== undefined
      ? t('rows.filterCategory', { category: filter.category || t('uncategorised') })
      : filter.day
        ? t('rows.filterDay', { day: filter.day })
        : t('rows.all');

  return (
    <section className="reports-rows" aria-labelledby="reports-rows-heading">
      <div className="section-head">
        <button type="button" onClick={onBack}>
          ← {t('rows.back')}
        </button>
        <h2 id="reports-rows-heading">{t('rows.heading', { filter: what })}</h2>
        {total !== undefined && <span className="reports-muted">{t('rows.count', { shown: rows.length, total })}</span>}
      </div>
      <div className="reports-table-wrap" tabIndex={0} role="region" aria-labelledby="reports-rows-heading">
        <table className="reports-table">
          <thead>
            <tr>
              <th scope="col">{t('rows.when')}</th>
              <th scope="col">{t('rows.caller')}</th>
              <th scope="col">{t('rows.phone')}</th>
              <th scope="col">{t('rows.category')}</th>
              <th scope="col">{t('rows.subject')}</th>
              <th scope="col">{t('rows.agent')}</th>
              <th scope="col">{t('rows.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
                </td>
                <td>{c.callerName}</td>
                <td>{c.phone}</td>
                <td>{c.category || t('uncategorised')}</td>
                <td>{c.subject}</td>
                <td>{c.agentName}</td>
                <td>{t(`status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total !== undefined && rows.length < total && (
        <button type="button" onClick={() => void load(rows.length)}>
          {t('rows.more')}
        </button>
      )}
    </section>
  );
}
