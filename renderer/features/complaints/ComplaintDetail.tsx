import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import { transitions, isReopen } from '../../../shared/domain/complaint-workflow';
import type { Agent } from '../../../shared/schemas/agent';
import type { ComplaintDetail, ComplaintEvent, ComplaintStatus, ReplyChannel } from '../../../shared/schemas/complaint';
import { Field, useProblem } from './ComplaintForm';
import { fromLocalInput, nowLocal, tomorrow, toLocalInput } from './time';

type Mode = 'note' | 'reply' | 'due' | 'transfer' | 'escalate' | 'edit' | `status:${ComplaintStatus}`;

const statusVerb: Record<ComplaintStatus, string> = {
  new: 'new',
  in_progress: 'start',
  awaiting_customer: 'await',
  resolved: 'resolve',
  closed: 'close',
};

/** One complaint as the register shows it: its current state, the actions, and its timeline (C5). */
export function ComplaintDetailView({ id, onChanged }: { id: string; onChanged: (id: string) => void }) {
  const { t, i18n } = useTranslation('complaints');
  const shown = usePersonal();
  const reportError = useReportError();
  const [detail, setDetail] = useState<ComplaintDetail | undefined>();
  const [mode, setMode] = useState<Mode | undefined>();

  const load = useCallback(() => api('complaints.get', { id }).then(setDetail, reportError), [id, reportError]);
  useEffect(() => void load(), [load]);
  if (!detail) return null;
  const c = detail.complaint;
  const done = (d: ComplaintDetail) => {
    setDetail(d);
    setMode(undefined);
    onChanged(d.complaint.id);
  };

  const moves = transitions[c.status];
  return (
    <article className="complaints-detail" aria-labelledby="complaint-heading">
      <header className="complaints-detail-head">
        <h2 id="complaint-heading">
          {c.number} · {shown(c.customerName) || t('noName')}
        </h2>
        <span className={`complaints-status complaints-status-${c.status}`}>{t(`status.${c.status}`)}</span>
        {c.severity === 'major' && <span className="complaints-major-badge">{t('severity.major')}</span>}
        {detail.overdue && <span className="complaints-overdue-badge">{t('overdue')}</span>}
      </header>
      <dl className="complaints-facts">
        <dt>{t('field.phone')}</dt>
        <dd>{shown(c.phone)}</dd>
        <dt>{t('field.category')}</dt>
        <dd>{t(`category.${c.category}`)}</dd>
        <dt>{t('field.owner')}</dt>
        <dd>{c.ownerName}</dd>
        <dt>{t('field.nextReplyDue')}</dt>
        <dd className={detail.overdue ? 'complaints-late' : undefined}>{c.nextReplyDue ? formatDateTime(c.nextReplyDue, i18n.language) : '—'}</dd>
        <dt>{t('field.matter')}</dt>
        <dd className="complaints-text">{shown(c.matter)}</dd>
        <dt>{t('field.wants')}</dt>
        <dd className="complaints-text">{shown(c.wants) || '—'}</dd>
        {c.result && (
          <>
            <dt>{t('field.result')}</dt>
            <dd className="complaints-text">{shown(c.result)}</dd>
          </>
        )}
        {c.category === 'fault' &&
          (['faultTime', 'faultPlace', 'faultSymptom', 'faultPlan', 'faultCause', 'faultImpact', 'faultHandling', 'faultActions'] as const).map((k) => (
            <div key={k} className="complaints-fact">
              <dt>{t(`field.${k}`)}</dt>
              <dd className="complaints-text">{shown(c[k]) || '—'}</dd>
            </div>
          ))}
      </dl>
      <div className="complaints-actions" role="group" aria-label={t('actions.label')}>
        {moves.map((to) => (
          <button key={to} type="button" aria-pressed={mode === `status:${to}`} onClick={() => setMode(`status:${to}`)}>
            {isReopen(c.status, to) ? t('actions.reopen') : t(`actions.${statusVerb[to]}`)}
          </button>
        ))}
        {(['note', 'reply', 'due', 'transfer', 'escalate', 'edit'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(`actions.${m}`)}
          </button>
        ))}
      </div>
      {mode && <ActionForm key={mode} mode={mode} detail={detail} onDone={done} onCancel={() => setMode(undefined)} />}
      <section aria-labelledby="timeline-heading" className="complaints-timeline">
        <h3 id="timeline-heading">
          {t('timeline.heading')} <span className="count">{detail.events.length}</span>
        </h3>
        <ol>
          {detail.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> <span className="complaints-who">{e.agentName}</span>{' '}
              <span className="complaints-event">{shown(describe(t, e, i18n.language))}</span>
              {e.notApplied && (
                <span className="complaints-not-applied" title={e.notApplied}>
                  {' '}
                  {t('timeline.notApplied')}
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function describe(t: T, e: ComplaintEvent, language: string): string {
  const d = e.data as Record<string, string>;
  switch (e.kind) {
    case 'created':
      return t('timeline.created', { number: d.number });
    case 'status':
      return t('timeline.status', { from: t(`status.${d.from}`), to: t(`status.${d.to}`) }) + (d.reason ? ` — ${d.reason}` : '');
    case 'note':
      return t('timeline.note', { text: d.text });
    case 'reply':
      return t('timeline.reply', { how: t(`how.${d.how}`), at: formatDateTime(d.at ?? null, language), text: d.text });
    case 'due':
      return t('timeline.due', { from: formatDateTime(d.from ?? null, language) || '—', to: formatDateTime(d.to ?? null, language) }) + (d.reason ? ` — ${d.reason}` : '');
    case 'transfer':
      return t('timeline.transfer', { from: d.fromName, to: d.toName, why: d.why });
    case 'escalation':
      return t('timeline.escalation', { to: d.to, at: formatDateTime(d.at ?? null, language) }) + (d.text ? ` — ${d.text}` : '');
    case 'edit':
      return t('timeline.edit', { field: t(`field.${d.field}`), from: d.from || '—', to: d.to || '—' });
    case 'result':
      return t('timeline.result', { text: d.to });
  }
}

function ActionForm({ mode, detail, onDone, onCancel }: { mode: Mode; detail: ComplaintDetail; onDone: (d: ComplaintDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const c = detail.complaint;
  const [v, setV] = useState<Record<string, string>>({
    text: '',
    how: 'phone',
    at: nowLocal(),
    due: c.nextReplyDue && !detail.overdue ? toLocalInput(c.nextReplyDue) : tomorrow(),
    nextDue: '',
    reason: '',
    result: c.result,
    to: '',
    toAgentId: '',
    why: '',
    matter: c.matter,
    wants: c.wants,
    severity: c.severity,
    faultCause: c.faultCause,
    faultImpact: c.faultImpact,
    faultHandling: c.faultHandling,
    faultActions: c.faultActions,
  });
  const [agents, setAgents] = useState<Agent[]>([]);
  useEffect(() => {
    if (mode === 'transfer') api('agents.list', {}).then((list) => setAgents(list.filter((a) => a.id !== c.ownerId)), problem.fail);
  }, [mode]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (name: string) => (e: { target: { value: string } }) => {
    setV((old) => ({ ...old, [name]: e.target.value }));
    problem.clear();
  };

  const status = mode.startsWith('status:') ? (mode.slice(7) as ComplaintStatus) : undefined;
  const reopen = status ? isReopen(c.status, status) : false;

  const submit = async () => {
    try {
      const id = c.id;
      let d: ComplaintDetail;
      if (status) {
        d = await api('complaints.setStatus', {
          id,
          to: status,
          ...(status === 'resolved' ? { result: v.result } : {}),
          ...(reopen ? { reason: v.reason, nextReplyDue: fromLocalInput(v.due ?? "") } : {}),
        });
      } else if (mode === 'note') d = await api('complaints.note', { id, text: v.text! });
      else if (mode === 'reply')
        d = await api('complaints.reply', { id, how: v.how as ReplyChannel, at: fromLocalInput(v.at!) ?? new Date().toISOString(), text: v.text!, nextReplyDue: fromLocalInput(v.nextDue!) });
      else if (mode === 'due') d = await api('complaints.setDue', { id, nextReplyDue: fromLocalInput(v.due!) ?? '', reason: v.reason });
      else if (mode === 'transfer') d = await api('complaints.transfer', { id, toAgentId: v.toAgentId!, why: v.why! });
      else if (mode === 'escalate') d = await api('complaints.escalate', { id, to: v.to!, at: fromLocalInput(v.at!) ?? new Date().toISOString(), note: v.text });
      else {
        const fields: Record<string, string> = {};
        for (const k of ['matter', 'wants', 'severity', ...(c.category === 'fault' ? ['faultCause', 'faultImpact', 'faultHandling', 'faultActions'] : [])]) {
          if (v[k] !== (c as unknown as Record<string, string>)[k]) fields[k] = v[k]!;
        }
        d = await api('complaints.edit', {
          id,
          fields,
          ...(v.to ? { escalation: { to: v.to, at: fromLocalInput(v.at!) ?? new Date().toISOString() } } : {}),
        });
      }
      onDone(d);
    } catch (err) {
      problem.fail(err);
    }
  };

  const title = status ? (reopen ? t('actions.reopen') : t(`actions.${statusVerb[status]}`)) : t(`actions.${mode}`);
  return (
    <form
      className="complaints-action-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {status === 'resolved' && (
        <Field label={t('field.result')} wide>
          <textarea rows={3} value={v.result} onChange={set('result')} autoFocus />
        </Field>
      )}
      {status === 'closed' && <p className="complaints-hint">{t('hint.close')}</p>}
      {reopen && (
        <>
          <Field label={t('field.reason')} wide>
            <input value={v.reason} onChange={set('reason')} autoFocus />
          </Field>
          <Field label={t('field.nextReplyDue')}>
            <input type="datetime-local" value={v.due} onChange={set('due')} />
          </Field>
        </>
      )}
      {mode === 'note' && (
        <Field label={t('field.note')} wide>
          <textarea rows={3} value={v.text} onChange={set('text')} autoFocus />
        </Field>
      )}
      {mode === 'reply' && (
        <>
          <p className="complaints-hint">{t('hint.reply')}</p>
          <Field label={t('field.how')}>
            <select value={v.how} onChange={set('how')}>
              {(['phone', 'sms', 'email', 'visit', 'letter'] as const).map((h) => (
                <option key={h} value={h}>
                  {t(`how.${h}`)}
                </option>
              ))}
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
        </>
      )}
      {mode === 'due' && (
        <>
          <Field label={t('field.nextReplyDue')}>
            <input type="datetime-local" value={v.due} onChange={set('due')} autoFocus />
          </Field>
          <Field label={t('field.reason')}>
            <input value={v.reason} onChange={set('reason')} />
          </Field>
        </>
      )}
      {mode === 'transfer' && (
        <>
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
        </>
      )}
      {(mode === 'escalate' || (mode === 'edit' && v.severity === 'major' && c.severity !== 'major')) && (
        <>
          <Field label={t('field.escalationTo')}>
            <input value={v.to} onChange={set('to')} autoFocus={mode === 'escalate'} />
          </Field>
          <Field label={t('field.escalationAt')}>
            <input type="datetime-local" value={v.at} onChange={set('at')} />
          </Field>
          {mode === 'escalate' && (
            <Field label={t('field.escalationNote')} wide>
              <input value={v.text} onChange={set('text')} />
            </Field>
          )}
        </>
      )}
      {mode === 'edit' && (
        <>
          <Field label={t('field.matter')} wide>
            <textarea rows={3} value={v.matter} onChange={set('matter')} />
          </Field>
          <Field label={t('field.wants')} wide>
            <textarea rows={2} value={v.wants} onChange={set('wants')} />
          </Field>
          <Field label={t('field.severity')}>
            <select value={v.severity} onChange={set('severity')}>
              <option value="normal">{t('severity.normal')}</option>
              <option value="major">{t('severity.major')}</option>
            </select>
          </Field>
          {c.category === 'fault' &&
            (['faultCause', 'faultImpact', 'faultHandling', 'faultActions'] as const).map((k) => (
              <Field key={k} label={t(`field.${k}`)} wide>
                <textarea rows={2} value={v[k]} onChange={set(k)} />
              </Field>
            ))}
        </>
      )}
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
