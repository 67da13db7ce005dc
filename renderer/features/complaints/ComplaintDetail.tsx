import { memo, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import { faultAfterFields, faultReportFields, transitions } from '../../../shared/domain/complaint-workflow';
import { mergeTimeline } from '../../../shared/domain/complaint-timeline';
import type { ComplaintChange, ComplaintDetail, ComplaintEvent } from '../../../shared/schemas/complaint';
import { ActionForm, actionKey, actionTitle, recordActions, type Action } from './ActionForms';

/**
 * One complaint as the register shows it: its current state, the actions, and its timeline (C5).
 * The timeline is read once; an action answers with only the entries this screen lacks (its own, and
 * any team sync brought in meanwhile), which are put in their place in the fold order.
 */
export function ComplaintDetailView({ id, onChanged }: { id: string; onChanged: (id: string) => void }) {
  const { t, i18n } = useTranslation('complaints');
  const shown = usePersonal();
  const reportError = useReportError();
  const [detail, setDetail] = useState<ComplaintDetail | undefined>();
  const [action, setAction] = useState<Action | undefined>();

  const load = useCallback(() => api('complaints.get', { id }).then(setDetail, reportError), [id, reportError]);
  useEffect(() => void load(), [load]);
  if (!detail) return null;
  const c = detail.complaint;
  const done = (change: ComplaintChange) => {
    const merged = mergeTimeline(detail, change);
    setDetail(merged.detail);
    // entries rewritten by an erasure, or missing: the whole timeline again rather than a stale one
    if (!merged.complete) void load();
    setAction(undefined);
    onChanged(change.complaint.id);
  };

  const actions: Action[] = [...transitions[c.status].map((to) => ({ kind: 'status', to }) as const), ...recordActions.map((kind) => ({ kind }))];
  const open = action && actionKey(action);
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
          [...faultReportFields, ...faultAfterFields].map((k) => (
            <div key={k} className="complaints-fact">
              <dt>{t(`field.${k}`)}</dt>
              <dd className="complaints-text">{shown(c[k]) || '—'}</dd>
            </div>
          ))}
      </dl>
      <div className="complaints-actions" role="group" aria-label={t('actions.label')}>
        {actions.map((a) => (
          <button key={actionKey(a)} type="button" aria-pressed={open === actionKey(a)} onClick={() => setAction(a)}>
            {actionTitle(t, c.status, a)}
          </button>
        ))}
      </div>
      {action && (
        <ActionForm key={open} action={action} title={actionTitle(t, c.status, action)} detail={detail} onDone={done} onCancel={() => setAction(undefined)} />
      )}
      <section aria-labelledby="timeline-heading" className="complaints-timeline">
        <h3 id="timeline-heading">
          {t('timeline.heading')} <span className="count">{detail.events.length}</span>
        </h3>
        <ol>
          {detail.events.map((e) => (
            <TimelineEntry key={e.id} event={e} />
          ))}
        </ol>
      </section>
    </article>
  );
}

/** One entry; memo: an action adds entries without drawing the hundreds already shown again. */
const TimelineEntry = memo(function TimelineEntry({ event: e }: { event: ComplaintEvent }) {
  const { t, i18n } = useTranslation('complaints');
  const shown = usePersonal();
  return (
    <li>
      <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> <span className="complaints-who">{e.agentName}</span>{' '}
      <span className="complaints-event">{shown(describe(t, e, i18n.language))}</span>
      {e.notApplied && (
        <span className="complaints-not-applied" title={e.notApplied}>
          {' '}
          {t('timeline.notApplied')}
        </span>
      )}
    </li>
  );
});

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
      return (
        t('timeline.due', { from: formatDateTime(d.from ?? null, language) || '—', to: formatDateTime(d.to ?? null, language) }) +
        (d.reason ? ` — ${d.reason}` : '')
      );
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
