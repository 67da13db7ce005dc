// "Missed — call back" (P9): calls that ended while still ringing, with one action that starts
// the callback call pre-filled with the number.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { usePersonal } from '../../lib/personal';
import { useReportError } from '../../lib/report-error';
import type { Call } from '../../../shared/schemas/call';
import type { MissedCall } from '../../../shared/schemas/phone';
import { usePhoneValue } from '../../lib/phone';

export function MissedCalls({ onCallBack }: { onCallBack: (call: Call) => void }) {
  const { t, i18n } = useTranslation('phone');
  const shown = usePersonal();
  const reportError = useReportError();
  const source = usePhoneValue((p) => p?.source ?? null);
  const [missed, setMissed] = useState<MissedCall[]>([]);
  const [busy, setBusy] = useState('');
  const count = usePhoneValue((p) => p?.missedCount ?? 0);

  // only when the count moves: every other phone event (a ring, an answer) leaves the list as it is
  useEffect(() => {
    api('phone.missed', { limit: 50 }).then(setMissed, reportError);
  }, [count, reportError]);

  if (source === null || (source === 'none' && missed.length === 0)) return null;
  const callBack = async (m: MissedCall) => {
    setBusy(m.id);
    try {
      onCallBack(await api('phone.callBack', { id: m.id, language: i18n.language === 'en' ? 'en' : 'zh-CN' }));
      setMissed((list) => list.filter((x) => x.id !== m.id));
    } catch (err) {
      reportError(err);
    } finally {
      setBusy('');
    }
  };
  return (
    <section className="missed" aria-labelledby="missed-heading" id="missed-calls" tabIndex={-1}>
      <h2 id="missed-heading">
        {t('missed.heading')} <span className={`count${count > 0 ? ' count-alert' : ''}`}>{count}</span>
      </h2>
      {missed.length === 0 ? (
        <p className="empty">{t('missed.empty')}</p>
      ) : (
        <ul aria-label={t('missed.heading')}>
          {missed.map((m) => (
            <li key={m.id}>
              <div className="missed-who">
                <span className="who">{shown(m.from)}</span>
                {m.callerName && <span className="phone">{shown(m.callerName)}</span>}
                <time dateTime={m.rangAt}>{formatDateTime(m.rangAt, i18n.language)}</time>
              </div>
              <button type="button" disabled={busy === m.id} onClick={() => void callBack(m)} aria-label={t('missed.callBackLabel', { number: shown(m.from) })}>
                {t('missed.callBack')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
