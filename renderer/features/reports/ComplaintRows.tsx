// The complaints behind the dashboard's "by status" bars: complaints opened in the period with one
// current status, read through the tracker's own list (complaints.list); a row opens the complaint.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useNavigation } from '../../lib/navigation';
import { formatDateTime } from '../../lib/format';
import { localDayOf } from '../../../shared/domain/period';
import type { ComplaintListRow, ComplaintStatus } from '../../../shared/schemas/complaint';
import { RowsFrame } from './RowsFrame';
import { labelOf } from '../../../shared/domain/code-labels';

const PAGE = 100;

/**
 * period: the UTC range of the figures; the list filters on local creation days (inclusive).
 * status 'overdue': the complaints behind the "overdue now" figure (C3, shared/domain/overdue.ts).
 */
export function ComplaintRows({ period, status, onBack }: { period: { from: string; to: string }; status: ComplaintStatus | 'overdue'; onBack: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const { t: tAny } = useTranslation(['reports', 'complaints']);
  const shown = usePersonal();
  const reportError = useReportError();
  const navigation = useNavigation();
  const [rows, setRows] = useState<ComplaintListRow[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const from = localDayOf(new Date(period.from));
  const to = localDayOf(new Date(Date.parse(period.to) - 1));

  const load = useCallback(
    async (offset: number) => {
      try {
        const filter = status === 'overdue' ? { overdue: true } : { status };
        const page = await api('complaints.list', { view: 'all', ...filter, from, to, offset, limit: PAGE });
        setTotal(page.total);
        setRows((list) => (offset === 0 ? page.rows : [...list, ...page.rows]));
      } catch (err) {
        reportError(err);
      }
    },
    [status, from, to, reportError],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  return (
    <RowsFrame
      id="reports-complaint-rows-heading"
      heading={status === 'overdue' ? t('complaints.overdueRowsHeading') : t('complaints.rowsHeading', { status: labelOf(tAny, 'complaintStatus', status) })}
      count={total === undefined ? undefined : t('complaints.count', { shown: rows.length, total })}
      columns={[
        t('complaints.number'),
        t('rows.when'),
        t('complaints.customer'),
        t('complaints.matter'),
        t('complaints.severity'),
        t('complaints.owner'),
        t('complaints.due'),
      ]}
      onBack={onBack}
      onMore={total !== undefined && rows.length < total ? () => void load(rows.length) : undefined}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <button
              type="button"
              className="reports-link"
              aria-label={t('complaints.open', { number: c.number })}
              onClick={() => navigation.navigate('complaints', { kind: 'complaint.open', complaintId: c.id })}
            >
              {c.number}
            </button>
          </td>
          <td>
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
          </td>
          <td>{shown(c.customerName)}</td>
          <td>{shown(c.matter)}</td>
          <td>{labelOf(tAny, 'severity', c.severity)}</td>
          <td>{c.ownerName}</td>
          <td>{c.nextReplyDue ? <time dateTime={c.nextReplyDue}>{formatDateTime(c.nextReplyDue, i18n.language)}</time> : '—'}</td>
        </tr>
      ))}
    </RowsFrame>
  );
}
