// The screen pop: an incoming call shows at once, before it is answered, so the agent can greet
// the caller by name (O2: open complaints too), with a live ring count (P1). Calls ringing while
// the agent is on a call are listed as queued, never lost.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { usePersonal } from '../../lib/personal';
import { P1_APOLOGY_RINGS, ringsFor } from '../../../shared/schemas/phone';
import type { ComplaintSummary } from '../../../shared/schemas/summaries';
import { usePhone, useTicker } from '../../lib/phone';

declare global {
  interface Window {
    /** pop latency, for the benchmark: call id → ms from the event's arrival to the banner's paint */
    __phonePops?: Record<string, number>;
  }
}

export function RingingBanner({ onAnswer }: { onAnswer: () => void }) {
  const { t } = useTranslation('phone');
  const shown = usePersonal();
  const phone = usePhone();
  const ringing = phone?.ringing ?? [];
  const first = ringing[0];
  const now = useTicker(first !== undefined);
  const [complaints, setComplaints] = useState<{ number: string; complaints: ComplaintSummary[] }>({ number: '', complaints: [] });
  const banner = useRef<HTMLElement>(null);

  // O2: what this caller has open, fetched as the phone rings (the number is enough)
  const number = first?.from ?? '';
  useEffect(() => {
    if (!number) return;
    let cancelled = false;
    api('calls.history', { phone: number }).then(
      (h) => !cancelled && setComplaints({ number, complaints: h.openComplaints }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [number]);

  // measured from the event's arrival at the service to the frame that shows it
  const callId = first?.callId;
  useLayoutEffect(() => {
    if (!first || !callId) return;
    const receivedAt = first.receivedAt;
    requestAnimationFrame(() =>
      setTimeout(() => {
        (window.__phonePops ??= {})[callId] = Date.now() - receivedAt;
      }, 0),
    );
  }, [callId]); // eslint-disable-line react-hooks/exhaustive-deps -- once per call

  if (!phone || !first) return null;
  const cadence = phone.ringCadenceSeconds;
  const rings = ringsFor(now - Date.parse(first.rangAt), cadence);
  const onCall = phone.active !== null;
  const open = complaints.number === first.from ? complaints.complaints : [];
  return (
    <section
      ref={banner}
      className={`ringing-banner${rings >= P1_APOLOGY_RINGS ? ' late' : ''}`}
      role="alert"
      aria-labelledby="ringing-heading"
      data-call-id={first.callId}
    >
      <div className="ringing-main">
        <h2 id="ringing-heading">
          <span className="ringing-dot" aria-hidden="true" /> {onCall ? t('banner.queuedHeading') : t('banner.heading')}
        </h2>
        <p className="ringing-number">{shown(first.from)}</p>
        <p className="ringing-name">{first.callerName ? shown(first.callerName) : t('banner.unknownCaller')}</p>
        <p className="ringing-rings" aria-live="off">
          {t('banner.rings', { count: rings })}
          {rings >= P1_APOLOGY_RINGS && <strong className="ringing-apology"> · {t('banner.apologyFirst')}</strong>}
        </p>
      </div>
      <div className="ringing-complaints">
        <h3>{open.length > 0 ? t('banner.openComplaints', { count: open.length }) : t('banner.noOpenComplaints')}</h3>
        {open.length > 0 && (
          <ul>
            {open.slice(0, 3).map((c) => (
              <li key={c.id}>
                {c.number} · {shown(c.matter).slice(0, 60)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="ringing-actions">
        <button type="button" className="primary" onClick={onAnswer} aria-keyshortcuts="F2">
          {t('banner.answer')} <kbd>F2</kbd>
        </button>
        {ringing.length > 1 && <p className="ringing-queue">{t('banner.moreWaiting', { count: ringing.length - 1 })}</p>}
      </div>
      {ringing.length > 1 && (
        <ul className="ringing-queued" aria-label={t('banner.queueLabel')}>
          {ringing.slice(1).map((r) => (
            <li key={r.callId}>
              {shown(r.from)} {r.callerName && `· ${shown(r.callerName)}`} · {t('banner.rings', { count: ringsFor(now - Date.parse(r.rangAt), cadence) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
