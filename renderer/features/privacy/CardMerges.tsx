// O4/P9: customer cards merged because they hold one number (the E.164 migration, a new default
// region). Two people may share a number (a switchboard, a family): the team lead undoes a merge
// here, and the merged card comes back with its own calls, complaints and callbacks.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { CardMerge } from '../../../shared/schemas/customer';

export function CardMerges() {
  const { t, i18n } = useTranslation('privacy');
  const reportError = useReportError();
  const [merges, setMerges] = useState<CardMerge[] | undefined>();
  const [busy, setBusy] = useState('');
  const [undone, setUndone] = useState<CardMerge | undefined>();

  const refresh = useCallback(() => api('customers.merges', {}).then(setMerges, reportError), [reportError]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const undo = async (merge: CardMerge) => {
    setBusy(merge.id);
    try {
      setUndone(await api('customers.unmerge', { mergeId: merge.id }));
      await refresh();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy('');
    }
  };

  const card = (c: CardMerge['survivor']) => [c.name || t('merges.noName'), c.phone].filter(Boolean).join(' · ');
  return (
    <section className="privacy-panel privacy-wide" aria-labelledby="privacy-merges-heading">
      <h2 id="privacy-merges-heading">{t('merges.heading')}</h2>
      <p className="privacy-explain">{t('merges.explain')}</p>
      {undone && (
        <p role="status" className="privacy-done">
          {t('merges.undoneNow', { card: card(undone.merged) })}
        </p>
      )}
      {merges === undefined ? null : merges.length === 0 ? (
        <p className="empty">{t('merges.empty')}</p>
      ) : (
        <table className="privacy-log">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('merges.number')}</th>
              <th scope="col">{t('merges.kept')}</th>
              <th scope="col">{t('merges.merged')}</th>
              <th scope="col">{t('merges.moved')}</th>
              <th scope="col">{t('merges.action')}</th>
            </tr>
          </thead>
          <tbody>
            {merges?.map((m) => (
              <tr key={m.id}>
                <td>
                  {formatDateTime(m.at, i18n.language)} ({t(`merges.why.${m.why}`)})
                </td>
                <td>{m.phoneNorm}</td>
                <td>{card(m.survivor)}</td>
                <td>{card(m.merged)}</td>
                <td>{t('merges.movedCounts', m.moved)}</td>
                <td>
                  {m.undoneAt ? (
                    t('merges.undone', { when: formatDateTime(m.undoneAt, i18n.language), who: m.undoneBy || '—' })
                  ) : (
                    <button type="button" disabled={busy !== ''} onClick={() => void undo(m)} aria-label={t('merges.undoLabel', { card: card(m.merged) })}>
                      {t('merges.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
