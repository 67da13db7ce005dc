import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useShortcuts } from '../../lib/shortcuts';
import { NotesForm } from './NotesForm';
import { TodayCalls } from './TodayCalls';
import type { Call } from '../../../shared/schemas/call';

export function CallScreen() {
  const { t } = useTranslation('call');
  const reportError = useReportError();
  const [calls, setCalls] = useState<Call[]>([]);
  const [active, setActive] = useState<Call | undefined>();

  const refresh = useCallback(async () => {
    try {
      setCalls(await api('calls.listDay', {}));
    } catch (err) {
      reportError(err);
    }
  }, [reportError]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const newCall = async () => {
    try {
      const call = await api('calls.start', { direction: 'inbound' });
      setActive(call);
      setCalls((list) => [call, ...list]);
    } catch (err) {
      reportError(err);
    }
  };

  const saved = (call: Call) => setCalls((list) => list.map((c) => (c.id === call.id ? call : c)));

  useShortcuts({ newCall: () => void newCall() });

  return (
    <div className="workspace">
      <section className="current-call" aria-label={t('current')}>
        <div className="section-head">
          <button type="button" className="primary" onClick={() => void newCall()} aria-keyshortcuts="F2">
            {t('newCall')} <kbd>F2</kbd>
          </button>
        </div>
        {active ? <NotesForm key={active.id} call={active} onSaved={saved} /> : <p className="empty">{t('noActiveCall')}</p>}
      </section>
      <TodayCalls calls={calls} activeId={active?.id} onOpen={setActive} />
    </div>
  );
}
