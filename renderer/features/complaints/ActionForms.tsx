// One small form per thing an agent records on a complaint. Each keeps only its own fields, typed,
// and sends only its own method; what a status move asks for comes from the workflow (`moveFields`),
// so the form and the service cannot disagree about what a move needs.
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useProblem } from '../../lib/use-problem';
import { useReportError } from '../../lib/report-error';
import { fromLocalInput, nowLocal, tomorrow, toLocalInput } from '../../lib/local-time';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { faultAfterFields, isReopen, moveFields, type FaultAfterField, type MoveNeed } from '../../../shared/domain/complaint-workflow';
import type { Agent } from '../../../shared/schemas/agent';
import {
  complaintSeverity,
  replyChannel,
  type ComplaintChange,
  type ComplaintDetail,
  type ComplaintSeverity,
  type ComplaintStatus,
  type ReplyChannel,
} from '../../../shared/schemas/complaint';

export type Action =
  | { kind: 'status'; to: ComplaintStatus }
  | { kind: 'note' }
  | { kind: 'reply' }
  | { kind: 'due' }
  | { kind: 'transfer' }
  | { kind: 'escalate' }
  | { kind: 'edit' };

/** The actions besides status moves, in the order the detail view offers them. */
export const recordActions = ['note', 'reply', 'due', 'transfer', 'escalate', 'edit'] as const;

const statusVerb: Record<ComplaintStatus, string> = {
  new: 'new',
  in_progress: 'start',
  awaiting_customer: 'await',
  resolved: 'resolve',
  closed: 'close',
};

type T = ReturnType<typeof useTranslation>['t'];

/** The button's and the form's name for an action on a complaint in `from`. */
export function actionTitle(t: T, from: ComplaintStatus, action: Action): string {
  if (action.kind !== 'status') return t(`complaints:actions.${action.kind}`);
  return isReopen(from, action.to) ? t('complaints:actions.reopen') : t(`complaints:actions.${statusVerb[action.to]}`);
}

export const actionKey = (a: Action): string => (a.kind === 'status' ? `status:${a.to}` : a.kind);

interface FormProps {
  detail: ComplaintDetail;
  title: string;
  /** the action's answer: the new state and the timeline entries the screen lacks */
  onDone: (change: ComplaintChange) => void;
  onCancel: () => void;
}

/** The form for one action; `key` it by the action so switching actions starts from fresh fields. */
export function ActionForm({ action, ...props }: FormProps & { action: Action }) {
  switch (action.kind) {
    case 'status':
      return <StatusForm {...props} to={action.to} />;
    case 'note':
      return <NoteForm {...props} />;
    case 'reply':
      return <ReplyForm {...props} />;
    case 'due':
      return <DueForm {...props} />;
    case 'transfer':
      return <TransferForm {...props} />;
    case 'escalate':
      return <EscalateForm {...props} />;
    case 'edit':
      return <EditForm {...props} />;
  }
}

/** Typed field state; any edit clears the refusal shown for the previous attempt. */
function useFields<S extends Record<string, string>>(initial: S, onEdit: () => void) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof S>(name: K) =>
    (e: { target: { value: string } }) => {
      // a select offers only values of its list, so the cast cannot widen the type
      setValues((old) => ({ ...old, [name]: e.target.value as S[K] }));
      onEdit();
    };
  return [values, set] as const;
}

type Problem = ReturnType<typeof useProblem>;

/** The frame every action form shares: its name, the refusal if any, save and cancel. */
function ActionFrame({
  title,
  problem,
  send,
  onDone,
  onCancel,
  children,
}: Omit<FormProps, 'detail'> & { problem: Problem; send: () => Promise<ComplaintChange>; children: ReactNode }) {
  const { t } = useTranslation('complaints');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    // one press, one event: a second Enter while the first is on its way records nothing twice
    if (busy) return;
    setBusy(true);
    try {
      onDone(await send());
    } catch (err) {
      problem.fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="complaints-action-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {children}
      {problem.shown}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('actions.save', { action: title })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

const at = (local: string): string => fromLocalInput(local) ?? new Date().toISOString();

/** C3: the current next-reply time unless it has already passed, then tomorrow. */
const dueDefault = (detail: ComplaintDetail): string =>
  detail.complaint.nextReplyDue && !detail.overdue ? toLocalInput(detail.complaint.nextReplyDue) : tomorrow();

/** A status move: its fields are exactly what `moveFields` says the move needs or offers. */
function StatusForm({ detail, to, ...frame }: FormProps & { to: ComplaintStatus }) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const c = detail.complaint;
  const { needs, offers } = moveFields(c, to);
  const asks: MoveNeed[] = [...needs, ...offers];
  const [v, set] = useFields(
    {
      result: c.result,
      reason: '',
      due: dueDefault(detail),
      faultCause: c.faultCause,
      faultImpact: c.faultImpact,
      faultHandling: c.faultHandling,
      faultActions: c.faultActions,
    },
    problem.clear,
  );
  const send = () =>
    api('complaints.setStatus', {
      id: c.id,
      since: detail.cursor,
      to,
      ...(asks.includes('result') ? { result: v.result } : {}),
      ...(asks.includes('reason') ? { reason: v.reason } : {}),
      ...(asks.includes('nextReplyDue') ? { nextReplyDue: fromLocalInput(v.due) } : {}),
      ...(asks.includes('faultAfter') ? { fault: Object.fromEntries(faultAfterFields.map((f) => [f, v[f]])) as Record<FaultAfterField, string> } : {}),
    });
  // the first thing to type gets the cursor ("reply" is a fact to check, not a field)
  const first = asks.find((n) => n !== 'reply');
  const field = (need: MoveNeed): ReactNode => {
    switch (need) {
      case 'reply':
        return <p className="complaints-hint">{t('hint.close')}</p>;
      case 'result':
        return (
          <Field label={t('field.result')} wide>
            <textarea rows={3} value={v.result} onChange={set('result')} autoFocus={first === need} />
          </Field>
        );
      case 'reason':
        return (
          <Field label={t('field.reason')} wide>
            <input value={v.reason} onChange={set('reason')} autoFocus={first === need} />
          </Field>
        );
      case 'nextReplyDue':
        return (
          <Field label={t('field.nextReplyDue')}>
            <input type="datetime-local" value={v.due} onChange={set('due')} autoFocus={first === need} />
          </Field>
        );
      case 'faultAfter':
        return (
          <fieldset className="complaints-group field-wide">
            <legend>{t('form.faultAfterLegend')}</legend>
            {faultAfterFields.map((f, i) => (
              <Field key={f} label={t(`field.${f}`)} wide>
                <textarea rows={2} value={v[f]} onChange={set(f)} autoFocus={first === need && i === 0} />
              </Field>
            ))}
          </fieldset>
        );
    }
  };
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      {asks.map((need) => (
        <Fragment key={need}>{field(need)}</Fragment>
      ))}
    </ActionFrame>
  );
}

function NoteForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const [v, set] = useFields({ text: '' }, problem.clear);
  return (
    <ActionFrame {...frame} problem={problem} send={() => api('complaints.note', { id: detail.complaint.id, since: detail.cursor, text: v.text })}>
      <Field label={t('field.note')} wide>
        <textarea rows={3} value={v.text} onChange={set('text')} autoFocus />
      </Field>
    </ActionFrame>
  );
}

/** C4: how, when and what the customer was told; C3: when they hear from us next, if it goes on. */
function ReplyForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const c = detail.complaint;
  const [v, set] = useFields({ how: 'phone' as ReplyChannel, at: nowLocal(), text: '', nextDue: '' }, problem.clear);
  const send = () =>
    api('complaints.reply', { id: c.id, since: detail.cursor, how: v.how, at: at(v.at), text: v.text, nextReplyDue: fromLocalInput(v.nextDue) });
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      <p className="complaints-hint">{t('hint.reply')}</p>
      <Field label={t('field.how')}>
        <select value={v.how} onChange={set('how')}>
          <Options values={replyChannel.options} label={(h) => t(`how.${h}`)} />
        </select>
      </Field>
      <Field label={t('field.when')}>
        <input type="datetime-local" value={v.at} onChange={set('at')} />
      </Field>
      <Field label={t('field.told')} wide>
        <textarea rows={3} value={v.text} onChange={set('text')} autoFocus />
      </Field>
      {c.status !== 'closed' && (
        <Field label={t('field.nextReplyDueOptional')}>
          <input type="datetime-local" value={v.nextDue} onChange={set('nextDue')} />
        </Field>
      )}
    </ActionFrame>
  );
}

function DueForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const [v, set] = useFields({ due: dueDefault(detail), reason: '' }, problem.clear);
  const send = () => api('complaints.setDue', { id: detail.complaint.id, since: detail.cursor, nextReplyDue: fromLocalInput(v.due) ?? '', reason: v.reason });
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      <Field label={t('field.nextReplyDue')}>
        <input type="datetime-local" value={v.due} onChange={set('due')} autoFocus />
      </Field>
      <Field label={t('field.reason')}>
        <input value={v.reason} onChange={set('reason')} />
      </Field>
    </ActionFrame>
  );
}

/** O1, P10: to whom and why; the colleague reads the why. */
function TransferForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const reportError = useReportError();
  const ownerId = detail.complaint.ownerId;
  const [agents, setAgents] = useState<Agent[]>([]);
  useEffect(() => {
    api('agents.list', {}).then((list) => setAgents(list.filter((a) => a.id !== ownerId)), reportError);
  }, [ownerId, reportError]);
  const [v, set] = useFields({ toAgentId: '', why: '' }, problem.clear);
  const send = () => api('complaints.transfer', { id: detail.complaint.id, since: detail.cursor, toAgentId: v.toAgentId, why: v.why });
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      <Field label={t('field.transferTo')}>
        <select value={v.toAgentId} onChange={set('toAgentId')}>
          <option value="">{t('field.choose')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('field.why')} wide>
        <input value={v.why} onChange={set('why')} />
      </Field>
    </ActionFrame>
  );
}

/** C6, P8: to whom it was reported and when. */
function EscalateForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const [v, set] = useFields({ to: '', at: nowLocal(), note: '' }, problem.clear);
  const send = () => api('complaints.escalate', { id: detail.complaint.id, since: detail.cursor, to: v.to, at: at(v.at), note: v.note });
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      <Field label={t('field.escalationTo')}>
        <input value={v.to} onChange={set('to')} autoFocus />
      </Field>
      <Field label={t('field.escalationAt')}>
        <input type="datetime-local" value={v.at} onChange={set('at')} />
      </Field>
      <Field label={t('field.escalationNote')} wide>
        <input value={v.note} onChange={set('note')} />
      </Field>
    </ActionFrame>
  );
}

/** Corrections are edit events (C5); making a complaint major asks for its escalation (C6). */
function EditForm({ detail, ...frame }: FormProps) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const c = detail.complaint;
  const fault = c.category === 'fault';
  const [v, set] = useFields(
    {
      matter: c.matter,
      wants: c.wants,
      severity: c.severity as ComplaintSeverity,
      faultCause: c.faultCause,
      faultImpact: c.faultImpact,
      faultHandling: c.faultHandling,
      faultActions: c.faultActions,
      escalationTo: '',
      escalationAt: nowLocal(),
    },
    problem.clear,
  );
  const becomesMajor = v.severity === 'major' && c.severity !== 'major';
  const send = () => {
    const names = ['matter', 'wants', 'severity', ...(fault ? faultAfterFields : [])] as const;
    const fields = Object.fromEntries(names.filter((k) => v[k] !== c[k]).map((k) => [k, v[k]]));
    return api('complaints.edit', {
      id: c.id,
      since: detail.cursor,
      fields,
      ...(becomesMajor && v.escalationTo ? { escalation: { to: v.escalationTo, at: at(v.escalationAt) } } : {}),
    });
  };
  return (
    <ActionFrame {...frame} problem={problem} send={send}>
      <Field label={t('field.matter')} wide>
        <textarea rows={3} value={v.matter} onChange={set('matter')} />
      </Field>
      <Field label={t('field.wants')} wide>
        <textarea rows={2} value={v.wants} onChange={set('wants')} />
      </Field>
      <Field label={t('field.severity')}>
        <select value={v.severity} onChange={set('severity')}>
          <Options values={complaintSeverity.options} label={(s) => t(`severity.${s}`)} />
        </select>
      </Field>
      {becomesMajor && (
        <fieldset className="complaints-group complaints-major field-wide">
          <legend>{t('form.majorLegend')}</legend>
          <Field label={t('field.escalationTo')}>
            <input value={v.escalationTo} onChange={set('escalationTo')} />
          </Field>
          <Field label={t('field.escalationAt')}>
            <input type="datetime-local" value={v.escalationAt} onChange={set('escalationAt')} />
          </Field>
        </fieldset>
      )}
      {fault &&
        faultAfterFields.map((k) => (
          <Field key={k} label={t(`field.${k}`)} wide>
            <textarea rows={2} value={v[k]} onChange={set(k)} />
          </Field>
        ))}
    </ActionFrame>
  );
}
