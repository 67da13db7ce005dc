import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useNavigation } from '../../lib/navigation';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { Callback } from '../../../shared/schemas/callback';
import { Field } from '../../components/Field';
import { useProblem } from '../../lib/use-problem';
import { fromLocalInput, tomorrow } from '../../lib/local-time';

type Scope = 'due' | 'upcoming' | 'done';

/** O3 callbacks: the queue of due ones, scheduling (one-off or the policy plan), and results (O5). */
export function CallbacksScreen() {
  const { t, i18n } = useTranslation('callbacks');
  const shown = usePersonal();
  const reportError = useReportError();
  const { navigate } = useNavigation();
  const [scope, setScope] = useState<Scope>('due');
  const [list, setList] = useState<Callback[]>([]);
  const [completing, setCompleting] = useState<Callback | undefined>();

  const refresh = useCallback(() => api('callbacks.queue', { scope }).then(setList, reportError), [scope, reportError]);
  useEffect(() => void refresh(), [refresh]);
  // opened with the queue of due callbacks: the cursor is on the first one's "Do callback" (Enter calls)
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || scope !== 'due' || list.length === 0) return;
    focused.current = true;
    if (document.activeElement === document.body || document.activeElement === null) document.querySelector<HTMLElement>('.callbacks-do')?.focus();
  }, [list, scope]);

  // "Do callback": an outbound call with the callback's customer and script, then the call screen.
  const doCallback = async (cb: Callback) => {
    try {
      // the agent's own language: the script they read is the one on their screen
      const call = await api('calls.start', { direction: 'outbound', language: i18n.language === 'en' ? 'en' : 'zh-CN' });
      await api('calls.update', {
        id: call.id,
        fields: { phone: cb.phone, callerName: cb.customerName, category: 'callback', subject: t('callSubject', { reason: cb.reason }) },
      });
      await api('callbacks.link', { id: cb.id, callId: call.id });
      navigate('calls', { kind: 'call.open', callId: call.id, focus: true });
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <div className="callbacks-screen">
      <section className="callbacks-queue" aria-labelledby="callbacks-heading">
        <h2 id="callbacks-heading">{t('heading')}</h2>
        <div role="group" aria-label={t('scope.label')} className="complaints-views">
          {(['due', 'upcoming', 'done'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
              {t(`scope.${s}`)}
            </button>
          ))}
        </div>
        {list.length === 0 ? (
          <p className="empty">{t(`empty.${scope}`)}</p>
        ) : (
          <ul aria-label={t(`scope.${scope}`)} className="callbacks-list">
            {list.map((cb) => (
              <li key={cb.id} className={cb.overdue ? 'callbacks-item callbacks-overdue' : 'callbacks-item'}>
                <div>
                  <strong>{shown(cb.customerName) || t('noName')}</strong> · {shown(cb.phone)}
                  {cb.overdue && <span className="complaints-overdue-badge">{t('overdue')}</span>}
                </div>
                <div>{shown(cb.reason)}</div>
                <div className="callbacks-when">
                  {cb.status === 'done'
                    ? t('doneLine', { time: formatDateTime(cb.doneAt, i18n.language), who: cb.doneByName, result: cb.result, score: cb.satisfaction ?? '—' })
                    : t('dueLine', { time: formatDateTime(cb.dueAt, i18n.language) })}
                </div>
                {cb.status === 'pending' && (
                  <div className="form-actions">
                    <button type="button" className="primary callbacks-do" onClick={() => void doCallback(cb)}>
                      {t('do')}
                    </button>
                    <button type="button" onClick={() => setCompleting(cb)}>
                      {t('record')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="callbacks-side">
        {completing ? (
          <CompleteForm
            key={completing.id}
            callback={completing}
            onDone={() => {
              setCompleting(undefined);
              void refresh();
            }}
            onCancel={() => setCompleting(undefined)}
          />
        ) : (
          <ScheduleForm onDone={() => void refresh()} />
        )}
      </div>
    </div>
  );
}

function CompleteForm({ callback, onDone, onCancel }: { callback: Callback; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('callbacks');
  const [company, setCompany] = useState('');
  useEffect(() => {
    api('settings.get', {}).then(
      (s) => setCompany(s.companyName),
      () => undefined,
    );
  }, []);
  const problem = useProblem();
  const [result, setResult] = useState('');
  const [score, setScore] = useState<number | undefined>();
  const submit = async () => {
    try {
      await api('callbacks.complete', { id: callback.id, result, ...(score ? { satisfaction: score } : {}) });
      onDone();
    } catch (err) {
      problem.fail(err);
    }
  };
  return (
    <form
      className="callbacks-form"
      aria-labelledby="callback-complete-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="callback-complete-heading">{t('complete.heading', { name: callback.customerName || callback.phone })}</h2>
      <section className="callbacks-script" aria-labelledby="callback-script-heading">
        <h3 id="callback-script-heading">{t('script.label')}</h3>
        <ol>
          <li>{t('script.greet', { company: company.trim() || t('companyNotSet') })}</li>
          <li>{t('script.performance')}</li>
          <li>{t('script.usage')}</li>
          <li>{t('script.satisfaction')}</li>
          <li>{t('script.thanks')}</li>
        </ol>
      </section>
      <Field label={t('complete.result')} wide>
        <textarea rows={4} value={result} onChange={(e) => (setResult(e.target.value), problem.clear())} autoFocus />
      </Field>
      <fieldset className="callbacks-score">
        <legend>{t('complete.score')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="satisfaction" checked={score === n} onChange={() => setScore(n)} /> {n}
          </label>
        ))}
        <label>
          <input type="radio" name="satisfaction" checked={score === undefined} onChange={() => setScore(undefined)} /> {t('complete.noScore')}
        </label>
      </fieldset>
      {problem.shown}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('complete.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function ScheduleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('callbacks');
  const problem = useProblem();
  const [kind, setKind] = useState<'once' | 'plan'>('once');
  const [v, setV] = useState({ customerName: '', phone: '', reason: '', dueAt: tomorrow(), deliveredOn: '', years: '3' });
  const [saved, setSaved] = useState('');
  const set = (name: keyof typeof v) => (e: { target: { value: string } }) => {
    setV((old) => ({ ...old, [name]: e.target.value }));
    problem.clear();
  };
  const submit = async () => {
    try {
      if (kind === 'once') {
        await api('callbacks.schedule', { customerName: v.customerName, phone: v.phone, reason: v.reason, dueAt: fromLocalInput(v.dueAt) ?? '' });
        setSaved(t('schedule.savedOne', { name: v.customerName || v.phone }));
      } else {
        const list = await api('callbacks.plan', {
          customerName: v.customerName,
          phone: v.phone,
          reason: v.reason,
          deliveredOn: v.deliveredOn,
          years: Number(v.years),
        });
        setSaved(t('schedule.savedPlan', { count: list.length, name: v.customerName || v.phone }));
      }
      // an empty form for the next one: pressing Schedule again cannot silently add the same again
      setV({ customerName: '', phone: '', reason: '', dueAt: tomorrow(), deliveredOn: '', years: '3' });
      onDone();
    } catch (err) {
      problem.fail(err);
    }
  };
  return (
    <form
      className="callbacks-form"
      aria-labelledby="callback-schedule-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="callback-schedule-heading">{t('schedule.heading')}</h2>
      <fieldset className="callbacks-kind">
        <legend>{t('schedule.kind')}</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'once'} onChange={() => setKind('once')} /> {t('schedule.once')}
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'plan'} onChange={() => setKind('plan')} /> {t('schedule.plan')}
        </label>
      </fieldset>
      <Field label={t('field.customerName')}>
        <input value={v.customerName} onChange={set('customerName')} />
      </Field>
      <Field label={t('field.phone')}>
        <input type="tel" value={v.phone} onChange={set('phone')} />
      </Field>
      <Field label={kind === 'once' ? t('field.reason') : t('field.delivered')} wide>
        <input value={v.reason} onChange={set('reason')} />
      </Field>
      {kind === 'once' ? (
        <Field label={t('field.dueAt')}>
          <input type="datetime-local" value={v.dueAt} onChange={set('dueAt')} />
        </Field>
      ) : (
        <>
          <Field label={t('field.deliveredOn')}>
            <input type="date" value={v.deliveredOn} onChange={set('deliveredOn')} />
          </Field>
          <Field label={t('field.years')}>
            <input type="number" min={1} max={10} value={v.years} onChange={set('years')} />
          </Field>
          <p className="complaints-hint field-wide">{t('schedule.planHint')}</p>
        </>
      )}
      {problem.shown}
      {saved && (
        <p role="status" className="callbacks-saved">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('schedule.submit')}
        </button>
      </div>
    </form>
  );
}
