// The complaints behind the dashboard's "by status" bars: complaints opened in the period with one
// current status, read through the tracker's own list (complaints.list); a row opens the complaint.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useNavigation } from '../../lib/navigation';
import { formatDateTime } from '../../lib/format';
import { localDayOf } from '../../../shared/domain/period';
import type { ComplaintListRow, ComplaintStatus } from '../../../shared/schemas/complaint';

const PAGE = 100;

/** period: the UTC range of the figures; the list filters on local creation days (inclusive). */
export function ComplaintRows({ period, status, onBack }: { period: { from: string; to: string }; status: ComplaintStatus; onBack: () => void }) {
  const { t, i18n } = useTranslation('reports');
  const reportError = useReportError();
  const navigation = useNavigation();
  const [rows, setRows] = useState<ComplaintListRow[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const from = localDayOf(new Date(period.from));
  const to = localDayOf(new Date(Date.parse(period.to) - 1));

  const load = useCallback(
    async (offset: number) => {
      try {
        const page = await api('complaints.list', { view: 'all', status, from, to, offset, limit: PAGE });
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
    <section className="reports-rows" aria-labelledby="reports-complaint-rows-heading">
      <div className="section-head">
        <button type="button" onClick={onBack}>
          ← {t('rows.back')}
        </button>
        <h2 id="reports-complaint-rows-heading">{t('complaints.rowsHeading', { status: t(`complaintStatus.${status}`) })}</h2>
        {total !== undefined && <span className="reports-muted">{t('complaints.count', { shown: rows.length, total })}</span>}
      </div>
      <div className="reports-table-wrap" tabIndex={0} role="region" aria-labelledby="reports-complaint-rows-heading">
        <table className="reports-table">
          <thead>
            <tr>
              <th scope="col">{t('complaints.number')}</th>
              <th scope="col">{t('rows.when')}</th>
              <th scope="col">{t('complaints.customer')}</th>
              <th scope="col">{t('complaints.matter')}</th>
              <th scope="col">{t('complaints.severity')}</th>
              <th scope="col">{t('complaints.owner')}</th>
              <th scope="col">{t('complaints.due')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <button type="button" className="reports-link" aria-label={t('complaints.open', { number: c.number })} onClick={() => navigation.navigate('complaints', { kind: 'complaint.open', complaintId: c.id })}>
                    {c.number}
                  </button>
                </td>
                <td>
                  <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
                </td>
                <td>{c.customerName}</td>
                <td>{c.matter}</td>
                <td>{t(`severity.${c.severity}`)}</td>
                <td>{c.ownerName}</td>
                <td>{c.nextReplyDue ? <time dateTime={c.nextReplyDue}>{formatDateTime(c.nextReplyDue, i18n.language)}</time> : '—'}</td>
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
