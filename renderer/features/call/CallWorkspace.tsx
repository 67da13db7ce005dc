import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { useAutosave } from '../../lib/use-autosave';
import { useShortcuts } from '../../lib/shortcuts';
import { useReportError } from '../../lib/report-error';
import { formatTime } from '../../lib/format';
import { placeholderValues } from '../../../shared/domain/script';
import {
  callFieldNames,
  emptyCallFields,
  missingForCompletion,
  type Call,
  type CallEvent,
  type CallFields,
  type CallView,
  type CustomerCard,
} from '../../../shared/schemas/call';
import type { ScriptStep } from '../../../shared/schemas/script';
import { Modal } from '../../components/Modal';
import { ComplaintForm } from '../../components/ComplaintForm';
import { complaintsChanged } from '../../lib/complaint-events';
import type { Disposition, Settings } from '../../../shared/schemas/settings';
import { NotesForm } from './NotesForm';
import { ScriptPanel } from './ScriptPanel';
import { CallerHistory } from '../../components/CallerHistory';
import { WrapUp } from './WrapUp';
import { CallDialog } from './CallDialog';
import { CallTimers } from './CallTimers';

interface Props {
  view: CallView;
  settings: Settings;
  dispositions: Disposition[];
  agentName: string;
  autoFocus: boolean;
  onChanged: (call: Call) => void;
  onEvent: (event: CallEvent) => void;
  /** reload the view (after an edit of a completed call) */
  onReload: () => void;
  side: ReactNode;
}

type Dialog = 'escalate' | 'transfer' | 'discard' | 'complaint' | null;

const pickFields = (call: Call): CallFields => Object.fromEntries(callFieldNames.map((n) => [n, call[n]])) as CallFields;

/** The first step after `from` with an item still open; `from` itself when none is left after it. */
export function nextOpenStep(steps: ScriptStep[], from: number, ticks: Record<string, string>): number {
  for (let i = from + 1; i < steps.length; i++) if (steps[i]!.checklist.some((c) => !ticks[c.key])) return i;
  return from;
}

const openItems = (step: ScriptStep | undefined, ticks: Record<string, string>): string[] =>
  step ? step.checklist.filter((c) => !ticks[c.key]).map((c) => c.key) : [];

/** Where the agent types next: the first empty notes field after `after` in form order (P5 first). */
const fillOrder: (keyof CallFields)[] = ['callerName', 'phone', 'region', 'address', 'subject', 'wants'];
const focusField = (name: keyof CallFields) => document.querySelector<HTMLElement>(`.notes-form [name="${name}"]`)?.focus();

export function CallWorkspace({ view, settings, dispositions, agentName, autoFocus, onChanged, onEvent, onReload, side }: Props) {
  const { t, i18n } = useTranslation('call');
  const reportError = useReportError();
  const { call, script } = view;
  // The form's own state: the script's read-back renders from it as the agent types (P6), never from the database.
  const [fields, setFields] = useState<CallFields>(() => pickFields(call));
  const [dispositionId, setDispositionId] = useState(call.dispositionId ?? '');
  const [missing, setMissing] = useState<(keyof CallFields)[]>([]);
  const [problem, setProblem] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [callbackResult, setCallbackResult] = useState('');
  const [callbackScore, setCallbackScore] = useState<number | undefined>();
  // Ticks and the late mark show at once; the service's answer then confirms (or undoes) them.
  const [ticks, setTicksState] = useState(call.checklist);
  // the newest ticks, also between renders: several ticks can be made by one key
  const ticksRef = useRef(call.checklist);
  const setTicks = (next: Record<string, string>) => {
    ticksRef.current = next;
    setTicksState(next);
  };
  const [late, setLateMark] = useState(call.lateAnswer);
  const original = useRef(pickFields(call));
  const open = call.status === 'open';
  const readOnly = !open && !editing;
  const steps = script?.content.steps ?? [];
  // a reopened call starts at its first step with something still open
  const [step, setStep] = useState(() => {
    const first = steps.findIndex((st) => st.checklist.some((c) => !call.checklist[c.key]));
    return first < 0 ? 0 : first;
  });
  const stepRef = useRef(step);
  stepRef.current = step;

  // A new call (or a callback just started): the cursor is in the first field still to type, also
  // when the call arrived while the screen was still loading.
  useEffect(() => {
    if (autoFocus) focusField(fillOrder.find((n) => !fieldsRef.current[n].trim()) ?? 'callerName');
  }, [autoFocus]);

  // The caller's data was erased while this call was open: the form is emptied (nothing typed
  // goes back in: the service refuses it) and the agent is told when and why.
  const [erasedAt, setErasedAt] = useState<string | null>(null);
  const erasedRef = useRef(false);
  const whenErased = (err: unknown): boolean => {
    if (!(err instanceof ApiError) || err.code !== 'erased') return false;
    erasedRef.current = true;
    setErasedAt(err.fields.find((f) => f.path === 'erasedAt')?.message ?? '');
    setFields(emptyCallFields);
    setEditing(false);
    return true;
  };

  const autosave = useAutosave<CallFields>(async (changes) => {
    if (erasedRef.current) return;
    try {
      onChanged(await api('calls.update', { id: call.id, fields: changes }));
    } catch (err) {
      if (!whenErased(err)) throw err;
    }
  });

  const autosaveChange = autosave.change; // stable; the object around it is new each render
  const fieldsRef = useRef(fields);
  const edit = useCallback(
    (name: keyof CallFields, value: string) => {
      const next = { ...fieldsRef.current, [name]: value };
      fieldsRef.current = next;
      setFields(next);
      setMissing((m) => (m.includes(name) && value.trim() ? m.filter((x) => x !== name) : m));
      if (open) {
        autosaveChange({ [name]: value });
        autoTickRef.current(next);
      }
    },
    [open, autosaveChange],
  );

  // Only the fields a script line can show: typing in Details does not re-render the script.
  const { callerName, phone, region, address, subject, wants, nextStep } = fields;
  const values = useMemo(
    () =>
      placeholderValues(
        { callerName, phone, region, address, subject, wants, nextStep },
        { company: settings.companyName, agent: call.agentName || agentName },
      ),
    [callerName, phone, region, address, subject, wants, nextStep, settings.companyName, call.agentName, agentName],
  );
  const onStepCheck = useCallback((key: string, checked: boolean) => void checkRef.current(key, checked), []);

  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      if (!whenErased(err)) reportError(err);
    }
  };

  /**
   * Ticks (or unticks) items at once; when the current step has nothing left open the panel moves to
   * the next step that still has something open, as the agent would.
   */
  const setItems = (keys: string[], checked: boolean) => {
    if (keys.length === 0 || !open) return Promise.resolve();
    const before = ticksRef.current;
    const optimistic = { ...before };
    for (const key of keys) {
      if (checked) optimistic[key] = new Date().toISOString();
      else delete optimistic[key];
    }
    setTicks(optimistic);
    const current = stepRef.current;
    if (checked && openItems(steps[current], optimistic).length === 0) {
      const next = nextOpenStep(steps, current, optimistic);
      stepRef.current = next;
      setStep(next);
    }
    return act(async () => {
      try {
        let latest: Call | undefined;
        for (const key of keys) latest = await api('calls.check', { id: call.id, key, checked });
        if (latest) {
          // ticks made meanwhile (another key) stay: the answer only adds what the service has
          setTicks({ ...latest.checklist, ...ticksRef.current });
          onChanged(latest);
        }
      } catch (err) {
        setTicks(before);
        throw err;
      }
    });
  };
  const check = (key: string, checked: boolean) => setItems([key], checked);

  const checkRef = useRef(check);
  checkRef.current = check;

  const stepItems = (key: string) =>
    openItems(
      steps.find((st) => st.key === key),
      ticksRef.current,
    );

  /**
   * Ticks the record itself proves: the greeting is over once the agent types what the caller says,
   * and "asked name, region, what and why" once those four (P5) are written down. The read-back (P6),
   * the closing (P3) and the caller hanging up first (P7) are only ever ticked by the agent.
   */
  const autoTick = (next: CallFields) => {
    const keys = [...stepItems('greeting')];
    if (missingForCompletion(next).length === 0) keys.push(...stepItems('identify'));
    if (keys.length > 0) void setItems(keys, true);
  };
  const autoTickRef = useRef(autoTick);
  autoTickRef.current = autoTick;

  const tickCurrent = () => {
    const item = steps[step]?.checklist.find((c) => !ticksRef.current[c.key]);
    if (item && open) void check(item.key, true);
  };

  /** What the wrap-up needs next: the outcome, the callback's result, or just completing. */
  const wrapTarget = (outcomeChosen: boolean): 'outcome' | 'callback' | 'complete' =>
    !outcomeChosen ? 'outcome' : view.callback && !callbackResult.trim() ? 'callback' : 'complete';
  const showWrapUp = (target: 'outcome' | 'callback' | 'complete') => {
    // after the state update has rendered the wrap-up as it now is
    setTimeout(() => {
      document.getElementById('wrap-heading')?.scrollIntoView({ block: 'start' });
      const el =
        target === 'outcome'
          ? (document.querySelector<HTMLElement>('#wrap-outcome input:checked') ?? document.querySelector<HTMLElement>('#wrap-outcome input'))
          : document.getElementById(target === 'callback' ? 'wrap-callback-result' : 'wrap-complete');
      el?.focus({ preventScroll: true });
    }, 0);
  };

  /**
   * An outcome chosen (Ctrl+digit during the call, a digit in the wrap-up): it says how the matter was
   * handled, so the Handle step's item is ticked with it.
   */
  const chooseOutcome = (id: string) => {
    if (!open) return;
    setDispositionId(id);
    setProblem('');
    const keys = stepItems('handle');
    if (keys.length > 0) void setItems(keys, true);
    if (call.endedAt) showWrapUp(wrapTarget(true));
  };

  /**
   * The caller hung up (P7: the agent hangs up only after the caller). That ticks "caller hung up
   * first"; pressed in the Closing step it also records the closing as said (P3), since the closing
   * line is what the caller hung up after. The wrap-up comes into view with the cursor on what is next.
   */
  const hungUp = () =>
    act(async () => {
      const closing = steps[stepRef.current]?.key === 'closing' ? openItems(steps[stepRef.current], ticksRef.current) : [];
      const keys = [
        ...new Set([
          ...closing,
          ...(steps.some((st) => st.checklist.some((c) => c.key === 'hungUpFirst')) && !ticksRef.current.hungUpFirst ? ['hungUpFirst'] : []),
        ]),
      ];
      const ended = await api('calls.end', { id: call.id });
      onChanged(ended);
      await setItems(keys, true);
      showWrapUp(wrapTarget(Boolean(dispositionId)));
    });

  const complete = () =>
    act(async () => {
      await autosave.flush();
      if (!dispositionId) {
        setProblem(t('wrap.outcomeNeeded'));
        showWrapUp('outcome');
        return;
      }
      if (view.callback && !callbackResult.trim()) {
        setProblem(t('wrap.callbackResultNeeded'));
        document.getElementById('wrap-callback-result')?.focus();
        return;
      }
      try {
        const callback = view.callback ? { callback: { result: callbackResult, ...(callbackScore ? { satisfaction: callbackScore } : {}) } } : {};
        onChanged(await api('calls.complete', { id: call.id, dispositionId, ...callback }));
        setProblem('');
        setMissing([]);
        // the next call is one key away, and in view
        setTimeout(() => {
          const next = document.getElementById('new-call');
          next?.scrollIntoView({ block: 'center' });
          next?.focus({ preventScroll: true });
        }, 0);
      } catch (err) {
        if (err instanceof ApiError && err.rule === 'P5') {
          const names = err.fields.map((f) => f.path as keyof CallFields);
          setMissing(names);
          setProblem(t('wrap.blocked', { fields: names.map((n) => t(`field.${n}`)).join(t('wrap.listSeparator')) }));
          const first = names[0];
          if (first) document.querySelector<HTMLElement>(`.notes-form [name="${first}"]`)?.focus();
        } else throw err;
      }
    });

  const submitDialog = () =>
    act(async () => {
      if (dialog === 'discard') {
        onChanged(await api('calls.discard', { id: call.id, reason }));
      } else if (dialog === 'escalate') {
        if (!reason.trim()) return;
        onEvent(await api('calls.escalate', { id: call.id, reason }));
      } else if (dialog === 'transfer') {
        if (!reason.trim() || !to.trim()) return;
        onEvent(await api('calls.transfer', { id: call.id, to, gist: reason }));
      }
      closeDialog();
    });

  // where focus goes back to when a dialog closes (keyboard users keep their place)
  const returnFocus = useRef<HTMLElement | null>(null);
  const closeDialog = () => {
    setDialog(null);
    const target = returnFocus.current;
    if (target) setTimeout(() => target.focus(), 0);
  };

  const openDialog = (d: Dialog) => {
    if (d === 'discard' && !open) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setReason(d === 'transfer' ? [fields.callerName, fields.subject, fields.wants].filter(Boolean).join(' · ') : '');
    setTo('');
    setDialog(d);
  };

  // The complaint is registered without leaving the call: the caller is still on the line.
  const logComplaint = () =>
    act(async () => {
      if (open) await autosave.flush();
      openDialog('complaint');
    });

  // O4: a returning caller's name, region and address from their card; what the agent typed stays.
  const fillFromCard = () => {
    if (!card || readOnly) return;
    const from: Partial<CallFields> = { callerName: card.name, region: card.region, address: card.address };
    for (const [name, value] of Object.entries(from) as [keyof CallFields, string][]) {
      if (value && !fieldsRef.current[name].trim()) edit(name, value);
    }
    const nextEmpty = fillOrder.find((n) => !fieldsRef.current[n].trim());
    if (nextEmpty) setTimeout(() => focusField(nextEmpty), 0);
  };
  // stable props: the caller history must not re-render on every keystroke (typing stays fast)
  const fillRef = useRef(fillFromCard);
  fillRef.current = fillFromCard;
  const onFill = useCallback(() => fillRef.current(), []);
  const emptyForFill = readOnly ? '' : (['callerName', 'region', 'address'] as const).filter((n) => !fields[n].trim()).join(',');
  const chooseOutcomeRef = useRef(chooseOutcome);
  chooseOutcomeRef.current = chooseOutcome;
  const onCard = useCallback((c: CustomerCard | null) => setCard(c), []);

  const saveAmend = () =>
    act(async () => {
      const changes: Partial<CallFields> = {};
      for (const n of callFieldNames) if (fields[n] !== original.current[n]) changes[n] = fields[n];
      if (Object.keys(changes).length > 0) onChanged(await api('calls.amend', { id: call.id, fields: changes }));
      original.current = fields;
      setEditing(false);
      onReload();
    });

  const setLate = (next: boolean) => {
    setLateMark(next);
    return act(async () => {
      try {
        onChanged(await api('calls.markLate', { id: call.id, late: next }));
      } catch (err) {
        setLateMark(call.lateAnswer);
        throw err;
      }
    });
  };

  // While a dialog is open its own keys apply (Escape, Enter); the workspace's wait.
  const idle =
    <T,>(fn: () => T) =>
    () => {
      if (dialog === null) fn();
    };
  useShortcuts({
    save: idle(() => void (open ? autosave.flush() : editing ? saveAmend() : undefined)),
    hungUp: idle(() => open && !call.endedAt && void hungUp()),
    complete: idle(() => open && void complete()),
    nextStep: idle(() => setStep((s) => Math.min(steps.length - 1, s + 1))),
    prevStep: idle(() => setStep((s) => Math.max(0, s - 1))),
    tickStep: idle(tickCurrent),
    lateAnswer: idle(() => open && void setLate(!late)),
    escalate: idle(() => openDialog('escalate')),
    transfer: idle(() => openDialog('transfer')),
    logComplaint: idle(() => void logComplaint()),
    discard: idle(() => openDialog('discard')),
    fillFromCard: idle(fillFromCard),
    history: idle(() => document.getElementById('caller-history')?.focus()),
    unfinished: idle(() => document.getElementById('unfinished-calls')?.focus()),
  });

  // Ctrl+1…9: the outcome, wherever the cursor is during the call (Alt+digits pick screens)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || dialog !== null) return;
      const n = Number(e.code.replace(/^Digit/, ''));
      const d = Number.isInteger(n) && n >= 1 ? dispositions[n - 1] : undefined;
      if (!d) return;
      e.preventDefault();
      chooseOutcomeRef.current(d.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, dispositions]);

  return (
    <div className="call-grid">
      {script ? (
        <ScriptPanel
          script={script.content}
          version={script.version}
          values={values}
          late={late}
          category={fields.category}
          checklist={ticks}
          current={step}
          readOnly={!open}
          onStep={setStep}
          onCheck={onStepCheck}
        />
      ) : (
        <p className="empty">{t('noScript')}</p>
      )}
      <section className="call-notes" aria-labelledby="call-notes-heading">
        <div className="call-bar">
          <h2 id="call-notes-heading">
            {t(`direction.${call.direction}`)} · {formatTime(call.answeredAt ?? call.rangAt, i18n.language)}
            <span className={`status status-${call.status}`}>{t(`status.${call.status}`)}</span>
          </h2>
          <CallTimers call={call} />
          <label className="check late-check">
            <input type="checkbox" checked={late} disabled={!open} onChange={(e) => void setLate(e.target.checked)} aria-keyshortcuts="Alt+L" />
            <span>{t('lateAnswer')}</span>
          </label>
          <div className="call-actions">
            <button type="button" onClick={() => openDialog('escalate')} aria-keyshortcuts="Alt+E">
              {t('action.escalate')}
            </button>
            <button type="button" onClick={() => openDialog('transfer')} aria-keyshortcuts="Alt+T">
              {t('action.transfer')}
            </button>
            <button type="button" onClick={() => void logComplaint()} aria-keyshortcuts="Alt+C">
              {t('action.logComplaint')}
            </button>
            {open && (
              <button type="button" className="danger-outline" onClick={() => openDialog('discard')} aria-keyshortcuts="Alt+D">
                {t('action.discard')}
              </button>
            )}
            {call.status === 'completed' && !editing && (
              <button type="button" onClick={() => setEditing(true)}>
                {t('action.amend')}
              </button>
            )}
          </div>
        </div>
        {erasedAt !== null && (
          <p className="call-erased" role="alert">
            {t('erasedWhileOpen', { at: erasedAt ? formatTime(erasedAt, i18n.language) : '' })}
          </p>
        )}
        {notice && (
          <p className="call-notice" role="status">
            {notice}
          </p>
        )}
        {!open && <p className="call-readonly">{t(editing ? 'amendNote' : 'readOnlyNote')}</p>}
        <NotesForm
          fields={fields}
          onEdit={edit}
          readOnly={readOnly || erasedAt !== null}
          missing={missing}
          autoFocus={autoFocus}
          saveState={open ? autosave.state : null}
          onSave={() => void (open ? autosave.flush() : saveAmend())}
          {...(editing ? { saveLabel: t('action.saveAmend') } : {})}
        />
        <WrapUp
          call={call}
          fields={fields}
          dispositions={dispositions}
          dispositionId={dispositionId}
          onDisposition={chooseOutcome}
          callback={open ? view.callback : null}
          callbackResult={callbackResult}
          onCallbackResult={(v) => {
            setCallbackResult(v);
            setProblem('');
          }}
          callbackScore={callbackScore}
          onCallbackScore={setCallbackScore}
          onComplete={() => void complete()}
          onHungUp={() => void hungUp()}
          problem={problem}
        />
        {view.events.length > 0 && (
          <section className="call-events" aria-labelledby="call-events-heading">
            <h2 id="call-events-heading">{t('events.heading')}</h2>
            <ul>
              {view.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.createdAt}>{formatTime(e.createdAt, i18n.language)}</time>{' '}
                  {t(`events.${e.kind}`, { name: e.agentName, ...stringData(e.data) })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
      <div className="call-side">
        <CallerHistory phone={fields.phone} callId={call.id} onCard={onCard} emptyForFill={emptyForFill} onFill={onFill} />
        {side}
      </div>
      {dialog === 'complaint' && (
        <Modal labelledBy="complaint-form-heading" className="complaint-dialog" onClose={closeDialog}>
          <ComplaintForm
            prefill={{
              callId: call.id,
              customerName: fields.callerName,
              phone: fields.phone,
              matter: [fields.subject, fields.details].filter((x) => x.trim() !== '').join('\n'),
              wants: fields.wants,
            }}
            onCreated={(id) => {
              complaintsChanged(); // the reminder re-checks at once
              closeDialog();
              void api('complaints.get', { id }).then(
                (d) => setNotice(t('complaintLogged', { number: d.complaint.number })),
                () => setNotice(t('complaintLogged', { number: '' })),
              );
            }}
            onCancel={closeDialog}
          />
        </Modal>
      )}
      {dialog && dialog !== 'complaint' && (
        <CallDialog
          title={t(`dialog.${dialog}.title`)}
          submitLabel={t(`dialog.${dialog}.submit`)}
          danger={dialog === 'discard'}
          onSubmit={() => void submitDialog()}
          onClose={closeDialog}
        >
          {dialog === 'discard' && <p>{t('dialog.discard.explain')}</p>}
          {dialog === 'transfer' && (
            <label className="field">
              <span>{t('dialog.transfer.to')}</span>
              <input value={to} autoFocus required onChange={(e) => setTo(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span>{t(`dialog.${dialog}.reason`)}</span>
            {dialog === 'discard' ? (
              // one line: Enter confirms (Alt+D, Enter)
              <input value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
            ) : (
              <textarea value={reason} rows={3} autoFocus={dialog !== 'transfer'} required onChange={(e) => setReason(e.target.value)} />
            )}
          </label>
        </CallDialog>
      )}
    </div>
  );
}

function stringData(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  if (data.changes && typeof data.changes === 'object') out.fields = Object.keys(data.changes).join(', ');
  return out;
}
