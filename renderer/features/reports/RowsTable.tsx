import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { Call } from '../../../shared/schemas/call';
import type { PeriodSpec } from '../../../shared/domain/report-period';
import { RowsFrame } from './RowsFrame';

export interface RowsFilter {
  category?: string;
  day?: string;
}

const PAGE = 100;

/** The calls behind a figure of the dashboard. */
export function RowsTable({ period, filter, onBack }: { period: PeriodSpec; filter: RowsFilter; onBack: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const shown = usePersonal();
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
    <RowsFrame
      id="reports-rows-heading"
      heading={t('rows.heading', { filter: what })}
      count={total === undefined ? undefined : t('rows.count', { shown: rows.length, total })}
      columns={[t('rows.when'), t('rows.caller'), t('rows.phone'), t('rows.category'), t('rows.subject'), t('rows.agent'), t('rows.status')]}
      onBack={onBack}
      onMore={total !== undefined && rows.length < total ? () => void load(rows.length) : undefined}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
          </td>
          <td>{shown(c.callerName)}</td>
          <td>{shown(c.phone)}</td>
          <td>{c.category || t('uncategorised')}</td>
          <td>{shown(c.subject)}</td>
          <td>{c.agentName}</td>
          <td>{t(`status.${c.status}`)}</td>
        </tr>
      ))}
    </RowsFrame>
  );
}
