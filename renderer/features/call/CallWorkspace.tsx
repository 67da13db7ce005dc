import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { useAutosave } from '../../lib/use-autosave';
import { useShortcuts } from '../../lib/shortcuts';
import { useReportError } from '../../lib/report-error';
import { useNavigation } from '../../lib/navigation';
import { formatTime } from '../../lib/format';
import { placeholderValues } from '../../../shared/domain/script';
import { callFieldNames, type Call, type CallEvent, type CallFields, type CallView } from '../../../shared/schemas/call';
import type { Disposition, Settings } from '../../../shared/schemas/settings';
import { NotesForm } from './NotesForm';
import { ScriptPanel } from './ScriptPanel';
import { CallerHistory } from './CallerHistory';
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

type Dialog = 'escalate' | 'transfer' | 'discard' | null;

const pickFields = (call: Call): CallFields => Object.fromEntries(callFieldNames.map((n) => [n, call[n]])) as CallFields;

export function CallWorkspace({ view, settings, dispositions, agentName, autoFocus, onChanged, onEvent, onReload, side }: Props) {
  const { t, i18n } = useTranslation('call');
  const reportError = useReportError();
  const { navigate } = useNavigation();
  const { call, script } = view;
  // The form's own state: the script's read-back renders from it as the agent types (P6), never from the database.
  const [fields, setFields] = useState<CallFields>(() => pickFields(call));
  const [step, setStep] = useState(0);
  const [dispositionId, setDispositionId] = useState(call.dispositionId ?? '');
  const [missing, setMissing] = useState<(keyof CallFields)[]>([]);
  const [problem, setProblem] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const [editing, setEditing] = useState(false);
  // Ticks and the late mark show at once; the service's answer then confirms (or undoes) them.
  const [ticks, setTicks] = useState(call.checklist);
  const [late, setLateMark] = useState(call.lateAnswer);
  const original = useRef(pickFields(call));
  const open = call.status === 'open';
  const readOnly = !open && !editing;
  const steps = script?.content.steps ?? [];

  // A new call: the agent types the caller's name first (also when the call arrived while the screen was still loading).
  useEffect(() => {
    if (autoFocus) document.querySelector<HTMLElement>('.notes-form [name="callerName"]')?.focus();
  }, [autoFocus]);

  const autosave = useAutosave<CallFields>(async (changes) => {
    onChanged(await api('calls.update', { id: call.id, fields: changes }));
  });

  const autosaveChange = autosave.change; // stable; the object around it is new each render
  const edit = useCallback(
    (name: keyof CallFields, value: string) => {
      setFields((f) => ({ ...f, [name]: value }));
      setMissing((m) => (m.includes(name) && value.trim() ? m.filter((x) => x !== name) : m));
      if (open) autosaveChange({ [name]: value });
    },
    [open, autosaveChange],
  );

  // Only the fields a script line can show: typing in Details does not re-render the script.
  const { callerName, phone, region, address, subject, wants, nextStep } = fields;
  const values = useMemo(
    () =>
      placeholderValues({ callerName, phone, region, address, subject, wants, nextStep }, { company: settings.companyName, agent: call.agentName || agentName }),
    [callerName, phone, region, address, subject, wants, nextStep, settings.companyName, call.agentName, agentName],
  );
  const onStepCheck = useCallback((key: string, checked: boolean) => void checkRef.current(key, checked), []);

  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      reportError(err);
    }
  };

  const check = (key: string, checked: boolean) => {
    const optimistic = { ...ticks };
    if (checked) optimistic[key] = new Date().toISOString();
    else delete optimistic[key];
    setTicks(optimistic);
    // all of the current step ticked: move on, as the agent would
    const current = steps[step];
    if (checked && current && current.checklist.every((c) => optimistic[c.key]) && step < steps.length - 1) setStep(step + 1);
    return act(async () => {
      try {
        const next = await api('calls.check', { id: call.id, key, checked });
        setTicks(next.checklist);
        onChanged(next);
      } catch (err) {
        setTicks(call.checklist);
        throw err;
      }
    });
  };

  const checkRef = useRef(check);
  checkRef.current = check;

  const tickCurrent = () => {
    const item = steps[step]?.checklist.find((c) => !ticks[c.key]);
    if (item && open) void check(item.key, true);
  };

  const hungUp = () => act(async () => onChanged(await api('calls.end', { id: call.id })));

  const complete = () =>
    act(async () => {
      await autosave.flush();
      if (!dispositionId) {
        setProblem(t('wrap.outcomeNeeded'));
        document.getElementById('wrap-outcome')?.focus();
        return;
      }
      try {
        onChanged(await api('calls.complete', { id: call.id, dispositionId }));
        setProblem('');
        setMissing([]);
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

  const logComplaint = () =>
    act(async () => {
      if (open) await autosave.flush();
      navigate('complaints', { kind: 'complaint.fromCall', callId: call.id });
    });

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
  const idle = <T,>(fn: () => T) => () => {
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
    history: idle(() => document.getElementById('caller-history')?.focus()),
    unfinished: idle(() => document.getElementById('unfinished-calls')?.focus()),
  });

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
        {!open && <p className="call-readonly">{t(editing ? 'amendNote' : 'readOnlyNote')}</p>}
        <NotesForm
          fields={fields}
          onEdit={edit}
          readOnly={readOnly}
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
          onDisposition={(id) => {
            setDispositionId(id);
            setProblem('');
          }}
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
                  <time dateTime={e.createdAt}>{formatTime(e.createdAt, i18n.language)}</time> {t(`events.${e.kind}`, { name: e.agentName, ...stringData(e.data) })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
      <div className="call-side">
        <CallerHistory phone={fields.phone} callId={call.id} />
        {side}
      </div>
      {dialog && (
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
            <textarea
              value={reason}
              rows={3}
              autoFocus={dialog !== 'transfer'}
              required={dialog !== 'discard'}
              onChange={(e) => setReason(e.target.value)}
            />
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
