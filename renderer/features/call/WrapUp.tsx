import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { missingForCompletion, type Call, type CallFields } from '../../../shared/schemas/call';
import type { Disposition } from '../../../shared/schemas/settings';

interface Props {
  call: Call;
  fields: CallFields;
  dispositions: Disposition[];
  dispositionId: string;
  onDisposition: (id: string) => void;
  onComplete: () => void;
  onHungUp: () => void;
  /** set after a refused completion: what the agent must still do */
  problem: string;
  /** the pending callback this call was made for: its result and score are recorded here (O3, O5) */
  callback: { id: string; reason: string } | null;
  callbackResult: string;
  onCallbackResult: (value: string) => void;
  callbackScore: number | undefined;
  onCallbackScore: (score: number | undefined) => void;
}

export const dispositionLabel = (d: Disposition | undefined, language: string): string => (d ? (language === 'en' ? d.labelEn : d.labelZh) : '');

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** After-call work since the caller hung up, ticking while it runs. */
function AfterCallWork({ endedAt, wrappedAt }: { endedAt: string; wrappedAt: string | null }) {
  const { t } = useTranslation('call');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (wrappedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wrappedAt]);
  const end = wrappedAt ? Date.parse(wrappedAt) : now;
  return <span className="wrap-acw">{t(wrappedAt ? 'wrap.acwTook' : 'wrap.acwRunning', { time: duration(end - Date.parse(endedAt)) })}</span>;
}

/** Wrap-up: P5's four fields and an outcome before the call can be completed. */
export function WrapUp({
  call,
  fields,
  dispositions,
  dispositionId,
  onDisposition,
  onComplete,
  onHungUp,
  problem,
  callback,
  callbackResult,
  onCallbackResult,
  callbackScore,
  onCallbackScore,
}: Props) {
  const { t, i18n } = useTranslation('call');
  const missing = missingForCompletion(fields);
  const open = call.status === 'open';
  const chosen = dispositions.find((d) => d.id === (open ? dispositionId : call.dispositionId));
  return (
    <section className="wrap-up" aria-labelledby="wrap-heading">
      <h2 id="wrap-heading">{t('wrap.heading')}</h2>
      <p className="wrap-times">
        {t('wrap.rang', { time: formatTime(call.rangAt, i18n.language) })}
        {call.answeredAt && ` · ${t('wrap.answered', { time: formatTime(call.answeredAt, i18n.language) })}`}
        {call.endedAt && ` · ${t('wrap.ended', { time: formatTime(call.endedAt, i18n.language) })}`}
        {call.wrappedAt && ` · ${t('wrap.wrapped', { time: formatTime(call.wrappedAt, i18n.language) })}`}
        {call.endedAt && (
          <>
            {' · '}
            <AfterCallWork endedAt={call.endedAt} wrappedAt={call.wrappedAt} />
          </>
        )}
      </p>
      {open ? (
        <>
          {!call.endedAt && (
            <button type="button" onClick={onHungUp} aria-keyshortcuts="F4">
              {t('wrap.hungUp')} <kbd>F4</kbd>
            </button>
          )}
          {/* radios, numbered: a digit picks one here, Ctrl+digit anywhere during the call */}
          <fieldset
            id="wrap-outcome"
            className="wrap-outcomes"
            role="radiogroup"
            aria-required="true"
            onKeyDown={(e) => {
              const n = Number(e.key);
              const d = Number.isInteger(n) && n >= 1 && !e.ctrlKey && !e.altKey && !e.metaKey ? dispositions[n - 1] : undefined;
              if (d) {
                e.preventDefault();
                onDisposition(d.id);
              } else if (e.key === 'Enter' && dispositionId) {
                e.preventDefault();
                onComplete();
              }
            }}
          >
            <legend>
              {t('wrap.outcome')} <span className="wrap-keys">{t('wrap.outcomeKeys')}</span>
            </legend>
            {dispositions.map((d, i) => (
              <label key={d.id} className="wrap-outcome-choice">
                <input type="radio" name="wrap-outcome" value={d.id} checked={dispositionId === d.id} onChange={() => onDisposition(d.id)} />
                {i < 9 && <kbd>{i + 1}</kbd>} {dispositionLabel(d, i18n.language)}
              </label>
            ))}
          </fieldset>
          {callback && (
            <div className="wrap-callback">
              <label className="field field-wide">
                <span>{t('wrap.callbackResult', { reason: callback.reason })}</span>
                <textarea id="wrap-callback-result" rows={2} value={callbackResult} aria-required="true" onChange={(e) => onCallbackResult(e.target.value)} />
              </label>
              <fieldset
                className="wrap-score"
                onKeyDown={(e) => {
                  const n = Number(e.key);
                  if (Number.isInteger(n) && n >= 1 && n <= 5) {
                    e.preventDefault();
                    onCallbackScore(n);
                  }
                }}
              >
                <legend>{t('wrap.callbackScore')}</legend>
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n}>
                    <input type="radio" name="wrap-score" checked={callbackScore === n} onChange={() => onCallbackScore(n)} /> {n}
                  </label>
                ))}
                <label>
                  <input type="radio" name="wrap-score" checked={callbackScore === undefined} onChange={() => onCallbackScore(undefined)} /> {t('wrap.noScore')}
                </label>
              </fieldset>
            </div>
          )}
          <p className={missing.length ? 'wrap-missing' : 'wrap-ready'} aria-live="polite">
            {missing.length ? t('wrap.stillNeeded', { fields: missing.map((m) => t(`field.${m}`)).join(t('wrap.listSeparator')) }) : t('wrap.fieldsReady')}
          </p>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <button type="button" id="wrap-complete" className="primary" onClick={onComplete} aria-keyshortcuts="F9">
            {t('wrap.complete')} <kbd>F9</kbd>
          </button>
        </>
      ) : (
        <p className="wrap-outcome">
          {t(`status.${call.status}`)}
          {chosen && ` · ${t('wrap.outcomeWas', { outcome: dispositionLabel(chosen, i18n.language) })}`}
        </p>
      )}
    </section>
  );
}
