import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WhoWhere } from '../../components/WhoWhere';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { Call } from '../../../shared/schemas/call';
import type { PeriodSpec } from '../../../shared/domain/period';
import { RowsFrame } from './RowsFrame';
import { labelOf } from '../../../shared/domain/code-labels';

export interface RowsFilter {
  category?: string;
  day?: string;
  /** one agent's calls (a row of the per-agent table) */
  agentName?: string;
}

const PAGE = 100;

/** The calls behind a figure of the dashboard. */
export function RowsTable({ period, filter, onBack }: { period: PeriodSpec; filter: RowsFilter; onBack: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const { t: tAny } = useTranslation(['reports', 'call', 'script']);
  const category = (code: string) => (code ? labelOf(tAny, 'callCategory', code) : t('uncategorised'));
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
    filter.agentName !== undefined
      ? t('agents.filter', { name: filter.agentName || t('agents.unknown') })
      : filter.category !== undefined
        ? t('rows.filterCategory', { category: category(filter.category) })
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
          <td>{category(c.category)}</td>
          <td>{shown(c.subject)}</td>
          <td>
            <WhoWhere name={c.agentName} desk={c.workstation} />
          </td>
          <td>{labelOf(tAny, 'callStatus', c.status)}</td>
        </tr>
      ))}
    </RowsFrame>
  );
}
