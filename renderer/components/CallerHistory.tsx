import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WhoWhere } from './WhoWhere';
import { usePersonal } from '../lib/personal';
import { api } from '../lib/api';
import { useReportError } from '../lib/report-error';
import { useNavigation } from '../lib/navigation';
import { formatDateTime } from '../lib/format';
import { splitExtension } from '../../shared/domain/phone-text';
import type { CallerHistory as History, CustomerCard } from '../../shared/schemas/call';

const DEBOUNCE_MS = 250;

/**
 * O2: as soon as a number is typed, what this caller has called about before, so they never
 * explain twice. Asks the service after a short pause in typing, never per keystroke.
 */
interface Props {
  phone: string;
  /** the call being typed, left out of its own history (none when looking a customer up) */
  callId?: string;
  /** told the customer card of the number (or null), so the workspace's Alt+F can fill from it */
  onCard?: (card: CustomerCard | null) => void;
  /** the card fields still empty in the form ("callerName,region"): the fill is offered only when it adds something */
  emptyForFill?: string;
  onFill?: () => void;
}

export const CallerHistory = memo(function CallerHistory({ phone, callId, onCard, emptyForFill = '', onFill }: Props) {
  const { t, i18n } = useTranslation('call');
  const shown = usePersonal();
  const reportError = useReportError();
  const { navigate } = useNavigation();
  const [history, setHistory] = useState<History | undefined>();
  // P9: the service reads the number (E.164, the team's region); here only separators and the
  // extension are dropped, so typing a space or "转 12" does not ask again. libphonenumber's tables
  // stay out of the renderer bundle (README, customers).
  const typed = splitExtension(phone).main.replace(/[^\d+]/g, '');

  useEffect(() => {
    if (typed.replace(/\D/g, '').length < 5) {
      setHistory(undefined);
      onCard?.(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api('calls.history', { phone: typed, ...(callId ? { excludeCallId: callId } : {}) }).then((h) => {
        if (cancelled) return;
        setHistory(h);
        onCard?.(h.customer ?? null);
      }, reportError);
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [typed, callId, reportError, onCard]);

  const lang = i18n.language;
  const card = history?.customer ?? null;
  const empty = emptyForFill.split(',');
  const fills = card ? (['callerName', 'region', 'address'] as const).filter((n) => card[n === 'callerName' ? 'name' : n] && empty.includes(n)) : [];
  return (
    <section className="history" aria-labelledby="history-heading" id="caller-history" tabIndex={-1}>
      <h2 id="history-heading">{t('history.heading')}</h2>
      {!history ? (
        <p className="empty">{t('history.typePhone')}</p>
      ) : (
        <div aria-live="polite">
          {card && (
            <div className="history-card">
              <p>
                <strong>{t('history.card')}</strong> {[shown(card.name), shown(card.region), shown(card.address)].filter(Boolean).join(' · ')}
              </p>
              {fills.length > 0 && onFill && (
                <button type="button" onClick={onFill} aria-keyshortcuts="Alt+F">
                  {t('history.fill', { fields: fills.map((n) => t(`field.${n}`)).join(t('wrap.listSeparator')) })} <kbd>Alt+F</kbd>
                </button>
              )}
            </div>
          )}
          {history.repeatCaller ? (
            <p className="history-repeat">{t('history.repeat', { count: history.callsLast7Days })}</p>
          ) : history.calls.length === 0 ? (
            <p className="empty">{t('history.firstCall')}</p>
          ) : null}
          {history.openComplaints.length > 0 && (
            <>
              <h3>{t('history.complaints')}</h3>
              <ul className="history-list" aria-label={t('history.complaints')}>
                {history.openComplaints.map((c) => (
                  <li key={c.id}>
                    <button type="button" onClick={() => navigate('complaints', { kind: 'complaint.open', complaintId: c.id })}>
                      <span className="history-what">
                        {c.number} · {shown(c.matter)}
                      </span>
                      <span className="history-meta">
                        <WhoWhere name={t('history.owner', { name: c.ownerName })} desk={c.workstation} />
                        {c.nextReplyDue && ` · ${t('history.nextReply', { when: formatDateTime(c.nextReplyDue, lang) })}`}
                      </span>
                      {c.overdue && <span className="history-overdue">{t('history.overdue')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {history.pendingCallbacks.length > 0 && (
            <>
              <h3>{t('history.callbacks')}</h3>
              <ul className="history-list" aria-label={t('history.callbacks')}>
                {history.pendingCallbacks.map((c) => (
                  <li key={c.id}>
                    {/* the callbacks screen lists it with its "do callback" action */}
                    <button type="button" onClick={() => navigate('callbacks')}>
                      <span className="history-what">{shown(c.reason)}</span>
                      <span className="history-meta">{t('history.due', { when: formatDateTime(c.dueAt, lang) })}</span>
                      {c.overdue && <span className="history-overdue">{t('history.overdue')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {history.calls.length > 0 && (
            <>
              <h3>{t('history.calls', { count: history.calls.length })}</h3>
              <ul className="history-list" aria-label={t('history.callsLabel')}>
                {history.calls.map((c) => (
                  <li key={c.id}>
                    <button type="button" onClick={() => navigate('calls', { kind: 'call.open', callId: c.id })}>
                      <span className="history-what">
                        <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time> · {shown(c.subject) || t('today.noSubject')}
                      </span>
                      <span className="history-meta">
                        {c.category ? t(`script:category.${c.category}`, { defaultValue: c.category }) : ''} {shown(c.callerName)} ·{' '}
                        <WhoWhere name={t('history.takenBy', { name: c.agentName })} desk={c.workstation} /> · {t(`status.${c.status}`)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
});
