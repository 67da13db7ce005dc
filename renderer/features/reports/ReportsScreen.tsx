// The team lead's screen: this month at a glance (R2's figures with charts, each opening the rows
// behind it) and, behind the team-lead PIN, the export (R1, R4).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useNavigation } from '../../lib/navigation';
import { LeadGate } from '../../components/LeadGate';
import type { ReportFigures } from '../../../shared/contract/reports';
import { BarList, DayColumns } from './BarList';
import { RowsTable, type RowsFilter } from './RowsTable';
import { ExportPanel } from './ExportPanel';
import { ComplaintRows } from './ComplaintRows';
import type { ComplaintStatus } from '../../../shared/schemas/complaint';

const COMPLAINT_STATUSES: ComplaintStatus[] = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
import { initialChoice, specOf, type PeriodChoice, type PeriodKind } from './period';

function Figure({ label, value, onOpen, note, hint }: { label: string; value: string; onOpen?: () => void; note?: string; hint?: string }) {
  const { t } = useTranslation('reports');
  const body = (
    <>
      <span className="reports-figure-label">{label}</span>
      <span className="reports-figure-value">{value}</span>
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

export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const reportError = useReportError();
  const navigation = useNavigation();
  const [choice, setChoice] = useState<PeriodChoice>(() => initialChoice());
  const [figures, setFigures] = useState<ReportFigures | undefined>();
  const [rows, setRows] = useState<RowsFilter | undefined>();
  const [complaintStatus, setComplaintStatus] = useState<ComplaintStatus | undefined>();
  const spec = useMemo(() => specOf(choice), [choice]);

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
  const seconds = (value: number | null) =>
    value === null ? t('figures.notAvailable') : value >= 120 ? t('figures.minutes', { value: (value / 60).toFixed(1) }) : t('figures.seconds', { value: value.toFixed(1) });
  const { t: tp } = useTranslation('phone');
  const phonePct = (value: number | null) => (value === null ? tp('report.noPhoneCalls') : `${value.toFixed(1)} %`);
  const percent = (value: number | null) => (value === null ? t('script.noCalls') : `${value.toFixed(1)} %`);
  const calls = figures?.calls;
  const na = t('figures.notAvailableYet');

  return (
    <div className="reports">
      <section className="reports-period" aria-labelledby="reports-period-heading">
        <h2 id="reports-period-heading">{t('period.legend')}</h2>
        <div className="reports-period-fields">
          <label className="field">
            <span>{t('period.kind')}</span>
            <select value={choice.kind} onChange={(e) => set({ kind: e.target.value as PeriodKind })}>
              <option value="month">{t('period.month')}</option>
              <option value="week">{t('period.week')}</option>
              <option value="range">{t('period.range')}</option>
            </select>
          </label>
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
          {spec && 'from' in spec && <p className="reports-muted">{t('period.label', { from: spec.from, to: spec.to })}</p>}
        </div>
      </section>

      <div className="reports-main">
        {rows && spec ? (
          <RowsTable period={spec} filter={rows} onBack={() => setRows(undefined)} />
        ) : complaintStatus && figures ? (
          <ComplaintRows period={figures.period} status={complaintStatus} onBack={() => setComplaintStatus(undefined)} />
        ) : (
          <section className="reports-dashboard" aria-labelledby="reports-title">
            <h2 id="reports-title">{t('title')}</h2>
            {calls && (
              <>
                <div className="reports-figures">
                  <Figure label={t('figures.calls')} value={String(calls.total)} onOpen={() => setRows({})} />
                  <Figure label={t('figures.avgAnswer')} value={seconds(calls.avgAnswerSeconds)} />
                  <Figure label={t('figures.avgHandling')} value={seconds(calls.avgHandlingSeconds)} />
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
                        items={calls.byCategory.map((c) => ({ key: c.category, label: c.category || t('uncategorised'), count: c.count }))}
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
                <div className="reports-sections">
                  <section aria-labelledby="reports-phone">
                    <h3 id="reports-phone">{tp('report.heading')}</h3>
                    <div className="reports-figures">
                      <Figure label={tp('report.within2')} value={phonePct(figures.phone.within2RingsPct)} note={tp('report.cadence', { value: figures.phone.ringCadenceSeconds })} />
                      <Figure label={tp('report.after5')} value={figures.phone.after5RingsPct === null ? phonePct(null) : `${figures.phone.after5Rings} · ${phonePct(figures.phone.after5RingsPct)}`} />
                      <Figure label={tp('report.apologised')} value={`${figures.phone.after5RingsApologised} / ${figures.phone.after5Rings}`} />
                      <Figure label={tp('report.avgAnswer')} value={seconds(figures.phone.avgAnswerSeconds)} note={tp('report.phoneCalls') + ': ' + String(figures.phone.phoneCalls)} />
                      <Figure label={tp('report.missed')} value={String(figures.phone.missed)} />
                      <Figure label={tp('report.avgTalk')} value={seconds(figures.phone.avgTalkSeconds)} />
                      <Figure label={tp('report.avgAcw')} value={seconds(figures.phone.avgAfterCallWorkSeconds)} />
                      <Figure label={tp('report.avgHandle')} value={seconds(figures.phone.avgHandleSeconds)} />
                    </div>
                  </section>
                  <section aria-labelledby="reports-script">
                    <h3 id="reports-script">{t('script.heading')}</h3>
                    {figures.scriptCompliance.available ? (
                      <div className="reports-figures">
                        <Figure label={t('script.calls')} value={String(figures.scriptCompliance.calls)} />
                        <Figure label={t('script.readBack')} value={percent(figures.scriptCompliance.readBackPct)} />
                        <Figure label={t('script.closing')} value={percent(figures.scriptCompliance.closingPct)} />
                        <Figure label={t('script.hungUpFirst')} value={percent(figures.scriptCompliance.hungUpFirstPct)} />
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
                          <Figure label={t('complaints.opened')} value={String(figures.complaints.opened)} />
                          <Figure label={t('complaints.major')} value={String(figures.complaints.major)} />
                          <Figure label={t('complaints.resolved')} value={String(figures.complaints.resolved)} />
                          <Figure label={t('complaints.closed')} value={String(figures.complaints.closed)} />
                          <Figure label={t('complaints.overdue')} value={String(figures.complaints.overdue)} onOpen={() => navigation.navigate('complaints')} hint={t('complaints.openTracker')} />
                          <Figure
                            label={t('complaints.avgClose')}
                            value={figures.complaints.avgCloseHours === null ? t('figures.notAvailable') : t('figures.hours', { value: figures.complaints.avgCloseHours.toFixed(1) })}
                          />
                        </div>
                        {figures.complaints.opened > 0 && (
                          <>
                            <h4>{t('complaints.byStatus')}</h4>
                            <BarList
                              title={t('complaints.byStatus')}
                              items={COMPLAINT_STATUSES.filter((s) => figures.complaints.byStatus[s]).map((s) => ({
                                key: s,
                                label: t(`complaintStatus.${s}`),
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
                        <Figure label={t('callbacks.done')} value={String(figures.callbacks.done)} />
                        <Figure label={t('callbacks.due')} value={String(figures.callbacks.due)} />
                        <Figure label={t('callbacks.overdue')} value={String(figures.callbacks.overdue)} onOpen={() => navigation.navigate('callbacks')} hint={t('callbacks.openList')} />
                        <Figure
                          label={t('callbacks.satisfaction')}
                          value={
                            figures.callbacks.avgSatisfaction === null
                              ? t('callbacks.noScores')
                              : t('callbacks.satisfactionValue', { value: figures.callbacks.avgSatisfaction.toFixed(2), count: figures.callbacks.scored })
                          }
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
