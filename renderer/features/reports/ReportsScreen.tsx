// The team lead's screen: this month at a glance (R2's figures with charts, each opening the rows
// behind it) and, behind the team-lead PIN, the export (R1, R4).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useNavigation } from '../../lib/navigation';
import { LeadGate } from '../../components/LeadGate';
import type { AgentFigures, ReportFigures } from '../../../shared/contract/reports';
import { BarList, DayColumns } from './BarList';
import { RowsTable, type RowsFilter } from './RowsTable';
import { ExportPanel } from './ExportPanel';
import { ComplaintRows } from './ComplaintRows';
import type { ComplaintStatus } from '../../../shared/schemas/complaint';

import { initialChoice, periodKinds, recentQuarters, specOf, type PeriodChoice, type PeriodKind } from './period';
import { labelOf } from '../../../shared/domain/code-labels';

const COMPLAINT_STATUSES: ComplaintStatus[] = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
type Kind = 'count' | 'pct' | 'seconds' | 'hours' | 'score';

/** A rule id as a small reference beside a figure (the words say what it is; the id says where it comes from). */
function Rule({ id }: { id: string }) {
  const { t } = useTranslation('reports');
  return (
    <abbr className="reports-rule" title={t('figures.rule', { rule: id })}>
      {id}
    </abbr>
  );
}

function Figure({
  label,
  value,
  onOpen,
  note,
  hint,
  rule,
  previous,
  target,
}: {
  label: string;
  value: string;
  onOpen?: () => void;
  note?: string;
  hint?: string;
  rule?: string;
  previous?: string;
  target?: string;
}) {
  const { t } = useTranslation('reports');
  const body = (
    <>
      <span className="reports-figure-label">
        {label} {rule && <Rule id={rule} />}
      </span>
      <span className="reports-figure-value">{value}</span>
      {previous !== undefined && <span className="reports-muted">{t('figures.previous', { value: previous })}</span>}
      {target && (
        <span className="reports-target">
          {t('report.target')}: {target}
        </span>
      )}
      {note && <span className="reports-muted">{note}</span>}
    </>
  );
  return onOpen ? (
    <button type="button" className="reports-figure" onClick={onOpen} title={hint ?? t('figures.showRows')}>
      {body}
    </button>
  ) : (
    <div className="reports-figure">{body}</div>
  );
}

/** R4/R2: the team lead's first question; a row opens that agent's calls. */
function AgentTable({ agents, show, onOpen }: { agents: AgentFigures[]; show: (kind: Kind, value: number | null) => string; onOpen: (name: string) => void }) {
  const { t } = useTranslation('reports');
  return (
    <div className="reports-table-wrap" tabIndex={0} role="region" aria-labelledby="reports-agents">
      <table className="reports-table reports-agents">
        <thead>
          <tr>
            <th scope="col">{t('agents.name')}</th>
            <th scope="col">{t('agents.calls')}</th>
            <th scope="col">{t('agents.handling')}</th>
            <th scope="col">{t('agents.acw')}</th>
            <th scope="col">
              {t('agents.script')} <Rule id="P6" />
            </th>
            <th scope="col">
              {t('agents.owned')} <Rule id="O1" />
            </th>
            <th scope="col">
              {t('agents.overdue')} <Rule id="C3" />
            </th>
            <th scope="col">
              {t('agents.callbacks')} <Rule id="O3" />
            </th>
            <th scope="col">
              {t('agents.satisfaction')} <Rule id="O5" />
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.name}>
              <th scope="row">
                <button
                  type="button"
                  className="reports-link"
                  aria-label={t('agents.open', { name: a.name || t('agents.unknown') })}
                  onClick={() => onOpen(a.name)}
                >
                  {a.name || t('agents.unknown')}
                </button>
              </th>
              <td className="num">{a.calls}</td>
              <td className="num">{show('seconds', a.avgHandlingSeconds)}</td>
              <td className="num">{show('seconds', a.avgAfterCallWorkSeconds)}</td>
              <td className="num">{show('pct', a.scriptCompliancePct)}</td>
              <td className="num">{a.complaintsOwned}</td>
              <td className={a.complaintsOverdue > 0 ? 'num reports-late' : 'num'}>{a.complaintsOverdue}</td>
              <td className="num">{a.callbacksDone}</td>
              <td className="num">{a.avgSatisfaction === null ? '—' : `${a.avgSatisfaction.toFixed(2)} (${a.scored})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const { t: tAny } = useTranslation(['reports', 'call', 'script', 'complaints']);
  const reportError = useReportError();
  const navigation = useNavigation();
  const [choice, setChoice] = useState<PeriodChoice>(() => initialChoice());
  const [figures, setFigures] = useState<ReportFigures | undefined>();
  const [rows, setRows] = useState<RowsFilter | undefined>();
  const [complaintStatus, setComplaintStatus] = useState<ComplaintStatus | 'overdue' | undefined>();
  const spec = useMemo(() => specOf(choice), [choice]);
  const quarters = useMemo(() => recentQuarters(), []);

  // Another screen may ask for "the rows behind" something: { kind: 'rows', query: { month, category, day } }
  useEffect(() => {
    const intent = navigation.intent;
    if (intent?.kind !== 'rows') return;
    const q = intent.query;
    if (q.month) setChoice((c) => ({ ...c, kind: 'month', month: q.month! }));
    setRows({ ...(q.category !== undefined ? { category: q.category } : {}), ...(q.day ? { day: q.day } : {}) });
    navigation.consumeIntent();
  }, [navigation]);

  useEffect(() => {
    if (!spec) return;
    let current = true;
    api('reports.summary', { period: spec }).then((f) => current && setFigures(f), reportError);
    return () => {
      current = false;
    };
  }, [spec, reportError]);

  const set = (patch: Partial<PeriodChoice>) => {
    setRows(undefined);
    setComplaintStatus(undefined);
    setChoice((c) => ({ ...c, ...patch }));
  };
  const show = (kind: Kind, value: number | null): string => {
    if (value === null) return t('figures.notAvailable');
    if (kind === 'pct') return `${value.toFixed(1)} %`;
    if (kind === 'seconds') return value >= 120 ? t('figures.minutes', { value: (value / 60).toFixed(1) }) : t('figures.seconds', { value: value.toFixed(1) });
    if (kind === 'hours') return t('figures.hours', { value: value.toFixed(1) });
    if (kind === 'score') return value.toFixed(2);
    return String(value);
  };
  const prev = figures?.previous ?? null;
  /** the previous period's value, shown under each figure ('—' when it had none) */
  const before = (kind: Kind, value: number | null | undefined): string | undefined =>
    prev === null || value === undefined ? undefined : value === null ? '—' : show(kind, value);
  const category = (code: string) => (code ? labelOf(tAny, 'callCategory', code) : t('uncategorised'));
  const { t: tp } = useTranslation('phone');
  const phonePct = (value: number | null) => (value === null ? tp('report.noPhoneCalls') : `${value.toFixed(1)} %`);
  const calls = figures?.calls;
  const na = t('figures.notAvailableYet');
  const all = t('report.targetAll');
  const sc = figures?.scriptCompliance;
  const psc = prev?.scriptCompliance;

  return (
    <div className="reports">
      <section className="reports-period" aria-labelledby="reports-period-heading">
        <h2 id="reports-period-heading">{t('period.legend')}</h2>
        <div className="reports-period-fields">
          <label className="field">
            <span>{t('period.kind')}</span>
            <select value={choice.kind} onChange={(e) => set({ kind: e.target.value as PeriodKind })}>
              {periodKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`period.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {choice.kind === 'day' && (
            <label className="field">
              <span>{t('period.dayInput')}</span>
              <input type="date" value={choice.day} onChange={(e) => set({ day: e.target.value })} />
            </label>
          )}
          {choice.kind === 'month' && (
            <label className="field">
              <span>{t('period.monthInput')}</span>
              <input type="month" value={choice.month} onChange={(e) => set({ month: e.target.value })} />
            </label>
          )}
          {choice.kind === 'week' && (
            <label className="field">
              <span>{t('period.weekInput')}</span>
              <input type="date" value={choice.weekDay} onChange={(e) => set({ weekDay: e.target.value })} />
            </label>
          )}
          {choice.kind === 'quarter' && (
            <label className="field">
              <span>{t('period.quarterInput')}</span>
              <select value={choice.quarter} onChange={(e) => set({ quarter: e.target.value })}>
                {quarters.map((q) => (
                  <option key={q} value={q}>
                    {t('period.quarterOption', { year: q.slice(0, 4), q: q.slice(6) })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {choice.kind === 'range' && (
            <>
              <label className="field">
                <span>{t('period.from')}</span>
                <input type="date" value={choice.from} onChange={(e) => set({ from: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('period.to')}</span>
                <input type="date" value={choice.to} onChange={(e) => set({ to: e.target.value })} />
              </label>
            </>
          )}
          {figures && figures.period.firstDay && (
            <p className="reports-muted">
              {t('period.label', { from: figures.period.firstDay, to: figures.period.lastDay })}
              {prev && ` · ${t('report.comparedWith', { period: t('period.label', { from: prev.period.firstDay, to: prev.period.lastDay }) })}`}
            </p>
          )}
        </div>
      </section>

      <div className="reports-main">
        {rows && spec ? (
          <RowsTable period={spec} filter={rows} onBack={() => setRows(undefined)} />
        ) : complaintStatus && figures ? (
          <ComplaintRows period={figures.period} status={complaintStatus} onBack={() => setComplaintStatus(undefined)} />
        ) : (
          <section className="reports-dashboard" aria-labelledby="reports-title">
            <h2 id="reports-title">
              {figures?.company && <span className="reports-company">{figures.company} · </span>}
              {t(`report.title.${figures?.period.kind ?? 'month'}`)}
            </h2>
            {calls && figures && sc && (
              <>
                <div className="reports-figures">
                  <Figure label={t('figures.calls')} value={String(calls.total)} onOpen={() => setRows({})} previous={before('count', prev?.calls.total)} />
                  <Figure
                    label={t('figures.withinTwoRings', { seconds: figures.twoRingsSeconds })}
                    rule="P1"
                    value={show('pct', calls.withinTwoRingsPct)}
                    previous={before('pct', prev?.calls.withinTwoRingsPct)}
                    target={all}
                  />
                  <Figure
                    label={t('figures.avgAnswer')}
                    value={show('seconds', calls.avgAnswerSeconds)}
                    previous={before('seconds', prev?.calls.avgAnswerSeconds)}
                  />
                  <Figure
                    label={t('figures.avgHandling')}
                    value={show('seconds', calls.avgHandlingSeconds)}
                    previous={before('seconds', prev?.calls.avgHandlingSeconds)}
                  />
                  <Figure
                    label={t('figures.afterCallWork')}
                    value={show('seconds', calls.avgAfterCallWorkSeconds)}
                    previous={before('seconds', prev?.calls.avgAfterCallWorkSeconds)}
                  />
                  <Figure label={t('figures.open')} value={String(calls.byStatus.open ?? 0)} />
                </div>
                {calls.total === 0 ? (
                  <p className="empty">{t('noCalls')}</p>
                ) : (
                  <div className="reports-charts">
                    <div>
                      <h3>{t('byCategory')}</h3>
                      <BarList
                        title={t('byCategory')}
                        items={calls.byCategory.map((c) => ({ key: c.category, label: category(c.category), count: c.count }))}
                        onPick={(item) => setRows({ category: item.key })}
                      />
                    </div>
                    <div>
                      <h3>{t('byDay')}</h3>
                      <DayColumns
                        title={t('byDay')}
                        items={calls.byDay.map((d) => ({ key: d.day, label: d.day, count: d.count }))}
                        onPick={(item) => setRows({ day: item.key })}
                      />
                    </div>
                  </div>
                )}
                <section aria-labelledby="reports-agents" className="reports-agents-section">
                  <h3 id="reports-agents">{t('agents.heading')}</h3>
                  {figures.agents.length === 0 ? (
                    <p className="reports-muted">{t('noCalls')}</p>
                  ) : (
                    <AgentTable agents={figures.agents} show={show} onOpen={(name) => setRows({ agentName: name })} />
                  )}
                </section>
                <div className="reports-sections">
                  <section aria-labelledby="reports-phone">
                    <h3 id="reports-phone">{tp('report.heading')}</h3>
                    <div className="reports-figures">
                      <Figure
                        label={tp('report.within2')}
                        value={phonePct(figures.phone.within2RingsPct)}
                        note={tp('report.cadence', { value: figures.phone.ringCadenceSeconds })}
                      />
                      <Figure
                        label={tp('report.after5')}
                        value={
                          figures.phone.after5RingsPct === null ? phonePct(null) : `${figures.phone.after5Rings} · ${phonePct(figures.phone.after5RingsPct)}`
                        }
                      />
                      <Figure label={tp('report.apologised')} value={`${figures.phone.after5RingsApologised} / ${figures.phone.after5Rings}`} />
                      <Figure
                        label={tp('report.avgAnswer')}
                        value={show('seconds', figures.phone.avgAnswerSeconds)}
                        note={tp('report.phoneCalls') + ': ' + String(figures.phone.phoneCalls)}
                      />
                      <Figure label={tp('report.missed')} value={String(figures.phone.missed)} />
                      <Figure label={tp('report.avgTalk')} value={show('seconds', figures.phone.avgTalkSeconds)} />
                      <Figure label={tp('report.avgAcw')} value={show('seconds', figures.phone.avgAfterCallWorkSeconds)} />
                      <Figure label={tp('report.avgHandle')} value={show('seconds', figures.phone.avgHandleSeconds)} />
                    </div>
                  </section>
                  <section aria-labelledby="reports-script">
                    <h3 id="reports-script">{t('script.heading')}</h3>
                    {sc.available ? (
                      <div className="reports-figures">
                        <Figure label={t('script.calls')} value={String(sc.calls)} />
                        <Figure
                          label={t('script.readBack')}
                          rule="P6"
                          value={show('pct', sc.readBackPct)}
                          previous={before('pct', psc?.available ? psc.readBackPct : undefined)}
                          target={all}
                        />
                        <Figure
                          label={t('script.closing')}
                          rule="P3"
                          value={show('pct', sc.closingPct)}
                          previous={before('pct', psc?.available ? psc.closingPct : undefined)}
                          target={all}
                        />
                        <Figure
                          label={t('script.hungUpFirst')}
                          rule="P7"
                          value={show('pct', sc.hungUpFirstPct)}
                          previous={before('pct', psc?.available ? psc.hungUpFirstPct : undefined)}
                          target={all}
                        />
                      </div>
                    ) : (
                      <p className="reports-muted">{na}</p>
                    )}
                  </section>
                  <section aria-labelledby="reports-complaints">
                    <h3 id="reports-complaints">{t('complaints.heading')}</h3>
                    {figures.complaints.available ? (
                      <>
                        <div className="reports-figures">
                          <Figure
                            label={t('complaints.opened')}
                            value={String(figures.complaints.opened)}
                            previous={before('count', prev?.complaints.opened)}
                          />
                          <Figure
                            label={t('complaints.major')}
                            rule="C6"
                            value={String(figures.complaints.major)}
                            previous={before('count', prev?.complaints.major)}
                          />
                          <Figure
                            label={t('complaints.onTime')}
                            rule="C3"
                            value={show('pct', figures.complaints.onTimePct)}
                            previous={before('pct', prev?.complaints.onTimePct)}
                            target={all}
                          />
                          <Figure
                            label={t('complaints.overdue')}
                            rule="C3"
                            value={String(figures.complaints.overdue)}
                            onOpen={() => setComplaintStatus('overdue')}
                            hint={t('complaints.showOverdue')}
                            previous={before('count', prev?.complaints.overdue)}
                            target={t('report.targetNone')}
                          />
                          <Figure
                            label={t('complaints.resolved')}
                            value={String(figures.complaints.resolved)}
                            previous={before('count', prev?.complaints.resolved)}
                          />
                          <Figure
                            label={t('complaints.closed')}
                            rule="C4"
                            value={String(figures.complaints.closed)}
                            previous={before('count', prev?.complaints.closed)}
                          />
                          <Figure
                            label={t('complaints.avgClose')}
                            value={show('hours', figures.complaints.avgCloseHours)}
                            previous={before('hours', prev?.complaints.avgCloseHours)}
                          />
                        </div>
                        {figures.complaints.opened > 0 && (
                          <>
                            <h4>{t('complaints.byStatus')}</h4>
                            <BarList
                              title={t('complaints.byStatus')}
                              items={COMPLAINT_STATUSES.filter((s) => figures.complaints.byStatus[s]).map((s) => ({
                                key: s,
                                label: labelOf(tAny, 'complaintStatus', s),
                                count: figures.complaints.byStatus[s]!,
                              }))}
                              describe={(item) => t('complaints.chartBar', { label: item.label, count: item.count })}
                              onPick={(item) => setComplaintStatus(item.key as ComplaintStatus)}
                            />
                          </>
                        )}
                      </>
                    ) : (
                      <p className="reports-muted">{na}</p>
                    )}
                  </section>
                  <section aria-labelledby="reports-callbacks">
                    <h3 id="reports-callbacks">{t('callbacks.heading')}</h3>
                    {figures.callbacks.available ? (
                      <div className="reports-figures">
                        <Figure label={t('callbacks.done')} rule="O3" value={String(figures.callbacks.done)} previous={before('count', prev?.callbacks.done)} />
                        <Figure
                          label={t('callbacks.onTime')}
                          rule="O3"
                          value={show('pct', figures.callbacks.onTimePct)}
                          previous={before('pct', prev?.callbacks.onTimePct)}
                          target={all}
                        />
                        <Figure label={t('callbacks.due')} value={String(figures.callbacks.due)} />
                        <Figure
                          label={t('callbacks.overdue')}
                          value={String(figures.callbacks.overdue)}
                          onOpen={() => navigation.navigate('callbacks')}
                          hint={t('callbacks.openList')}
                          target={t('report.targetNone')}
                        />
                        <Figure
                          label={t('callbacks.satisfaction')}
                          rule="O5"
                          value={
                            figures.callbacks.avgSatisfaction === null
                              ? t('callbacks.noScores')
                              : t('callbacks.satisfactionValue', { value: figures.callbacks.avgSatisfaction.toFixed(2), count: figures.callbacks.scored })
                          }
                          previous={before('score', prev?.callbacks.avgSatisfaction)}
                        />
                      </div>
                    ) : (
                      <p className="reports-muted">{na}</p>
                    )}
                  </section>
                </div>
              </>
            )}
          </section>
        )}
        <aside className="reports-side">
          <LeadGate>
            <ExportPanel period={spec} />
          </LeadGate>
        </aside>
      </div>
    </div>
  );
}
