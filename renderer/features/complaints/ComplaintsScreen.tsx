import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useNavigation } from '../../lib/navigation';
import { useReportError } from '../../lib/report-error';
import { ComplaintList } from './ComplaintList';
import { ComplaintForm, type Prefill } from '../../components/ComplaintForm';
import { ComplaintDetailView } from './ComplaintDetail';
import { complaintsChanged } from '../../lib/complaint-events';
import { SearchResults } from './SearchResults';

type Pane = { kind: 'none' } | { kind: 'new'; prefill: Prefill } | { kind: 'open'; id: string };

/** The complaint tracker (C1–C6): the list on the left, one complaint or a new one on the right. */
export function ComplaintsScreen() {
  const { t } = useTranslation('complaints');
  const { intent, consumeIntent } = useNavigation();
  const reportError = useReportError();
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const [version, setVersion] = useState(0);
  const [q, setQ] = useState('');
  const words = q.trim();

  useEffect(() => {
    if (!intent) return;
    if (intent.kind === 'complaint.open') {
      setPane({ kind: 'open', id: intent.complaintId });
      consumeIntent();
    } else if (intent.kind === 'complaint.fromCall') {
      const callId = intent.callId;
      consumeIntent();
      api('calls.get', { id: callId }).then(
        (call) =>
          setPane({
            kind: 'new',
            prefill: {
              callId,
              customerName: call.callerName,
              phone: call.phone,
              matter: [call.subject, call.details].filter((s) => s.trim() !== '').join('\n'),
              wants: call.wants,
            },
          }),
        reportError,
      );
    }
  }, [intent, consumeIntent, reportError]);

  const changed = (id: string) => {
    setPane({ kind: 'open', id });
    setVersion((v) => v + 1);
    complaintsChanged();
  };

  return (
    <div className="complaints-screen">
      <ComplaintList
        version={version}
        selectedId={pane.kind === 'open' ? pane.id : undefined}
        onOpen={(id) => setPane({ kind: 'open', id })}
        onNew={() => setPane({ kind: 'new', prefill: {} })}
        q={q}
        onQ={(next) => {
          setQ(next);
          // new words: what they find, not the complaint opened from the last ones
          if (pane.kind === 'open') setPane({ kind: 'none' });
        }}
      />
      <section className="complaints-pane" aria-label={t('pane')}>
        {pane.kind === 'new' && (
          <ComplaintForm key={pane.prefill.callId ?? 'new'} prefill={pane.prefill} onCreated={changed} onCancel={() => setPane({ kind: 'none' })} />
        )}
        {pane.kind === 'open' && words && (
          <button type="button" className="search-back" onClick={() => setPane({ kind: 'none' })}>
            {t('backToResults', { q: words })}
          </button>
        )}
        {pane.kind === 'open' && <ComplaintDetailView key={pane.id} id={pane.id} onChanged={changed} />}
        {pane.kind === 'none' && words && <SearchResults q={words} onOpenComplaint={(id) => setPane({ kind: 'open', id })} />}
        {pane.kind === 'none' && !words && <p className="empty">{t('pickOne')}</p>}
      </section>
    </div>
  );
}
