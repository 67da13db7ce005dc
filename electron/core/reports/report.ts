// R2: the service supervision report for a day (R4), week (R3), month (R1/R2) or quarter (R1).
// Each section is a small function over the database, so a domain built later plugs in by filling
// its function. The figures come with the previous period's, and the page puts the policy's targets
// beside them.
import type { Db } from '../db/open';
import { localDayOf, previousPeriod, type Range, type ResolvedPeriod } from '../../../shared/domain/period';
import { overdueSql } from '../../../shared/domain/overdue';
import type { AgentFigures, ReportFigures } from '../../../shared/contract/reports';
import { localDateTime } from '../exports/csv';
import { codeLabel, type Translate } from '../exports/labels';
import { phoneFigures } from '../phone/report';
import { getSettings, lateAnswerSeconds } from '../settings/store';

type CallFigures = ReportFigures['calls'];

/** P1: the late-answer threshold is five rings; two rings are two fifths of it. */
export function twoRingsSeconds(db: Db): number {
  return Math.round((lateAnswerSeconds(db) * 2) / 5);
}

export function callFigures(db: Db, range: Range, twoRings = 6): CallFigures {
  const where = 'created_at >= @from AND created_at < @to';
  const total = db.prepare(`SELECT count(*) FROM calls WHERE ${where}`).pluck().get(range) as number;
  const byStatus: Record<string, number> = {};
  for (const r of db.prepare(`SELECT status, count(*) AS n FROM calls WHERE ${where} GROUP BY status`).all(range) as { status: string; n: number }[]) {
    byStatus[r.status] = r.n;
  }
  const byCategory = (
    db.prepare(`SELECT category, count(*) AS count FROM calls WHERE ${where} GROUP BY category ORDER BY count DESC, category`).all(range) as {
      category: string;
      count: number;
    }[]
  ).map((r) => ({ category: r.category, count: r.count }));
  // Days are local calendar days: SQLite knows only UTC, so bucket in JS (one column, streamed).
  const days = new Map<string, number>();
  for (const created of db.prepare(`SELECT created_at FROM calls WHERE ${where} ORDER BY created_at`).pluck().iterate(range) as Iterable<string>) {
    const day = localDayOf(new Date(created));
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  const times = db
    .prepare(
      `SELECT avg(CASE WHEN answered_at IS NOT NULL THEN (julianday(answered_at) - julianday(rang_at)) * 86400 END) AS answer,
              avg(CASE WHEN answered_at IS NOT NULL AND coalesce(ended_at, wrapped_at) IS NOT NULL
                       THEN (julianday(coalesce(ended_at, wrapped_at)) - julianday(answered_at)) * 86400 END) AS handling,
              count(answered_at) AS answered,
              count(CASE WHEN answered_at IS NOT NULL AND (julianday(answered_at) - julianday(rang_at)) * 86400 <= @twoRings + 0.0005 THEN 1 END) AS quick,
              avg(CASE WHEN wrapped_at IS NOT NULL AND ended_at IS NOT NULL THEN (julianday(wrapped_at) - julianday(ended_at)) * 86400 END) AS acw
       FROM calls WHERE ${where}`,
    )
    .get({ ...range, twoRings }) as { answer: number | null; handling: number | null; answered: number; quick: number; acw: number | null };
  return {
    total,
    byStatus,
    byCategory,
    byDay: [...days].map(([day, count]) => ({ day, count })),
    avgAnswerSeconds: times.answer === null ? null : Math.round(times.answer * 10) / 10,
    avgHandlingSeconds: times.handling === null ? null : Math.round(times.handling * 10) / 10,
    withinTwoRingsPct: pct(times.quick, times.answered),
    avgAfterCallWorkSeconds: times.acw === null ? null : Math.round(times.acw * 10) / 10,
  };
}

function pct(n: number, of: number): number | null {
  return of === 0 ? null : Math.round((n / of) * 1000) / 10;
}

/**
 * P6/P3/P7 script compliance over the completed calls created in the period, read from the call's
 * checklist ticks (keys of the default script, migration 0021): 'confirmed' = the caller confirmed
 * the read-back (P6), 'thanked' = "thank you for calling" said (P3), 'hungUpFirst' = the caller hung
 * up first (P7). A tick removed again is not in the JSON, so it does not count.
 */
export function scriptCompliance(db: Db, range: Range): ReportFigures['scriptCompliance'] {
  const r = db
    .prepare(
      `SELECT count(*) AS calls,
              count(json_extract(checklist, '$.confirmed')) AS readBack,
              count(json_extract(checklist, '$.thanked')) AS closing,
              count(json_extract(checklist, '$.hungUpFirst')) AS hungUp
       FROM calls WHERE created_at >= @from AND created_at < @to AND status = 'completed'`,
    )
    .get(range) as { calls: number; readBack: number; closing: number; hungUp: number };
  return {
    available: true,
    calls: r.calls,
    readBackPct: pct(r.readBack, r.calls),
    closingPct: pct(r.closing, r.calls),
    hungUpFirstPct: pct(r.hungUp, r.calls),
  };
}

/**
 * C3/C6 complaints: opened and major = created in the period; resolved / closed = resolved_at /
 * closed_at in the period; overdue = those opened in the period that are overdue as of `now` (C3,
 * shared/domain/overdue.ts: the banner's, the tracker's and the drill-down's definition), so the
 * figure and the list it opens agree; average time to close over the complaints closed in the period.
 */
export function complaintFigures(db: Db, range: Range, now: Date): ReportFigures['complaints'] {
  const created = 'created_at >= @from AND created_at < @to';
  const r = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM complaints WHERE ${created}) AS opened,
         (SELECT count(*) FROM complaints WHERE ${created} AND severity = 'major') AS major,
         (SELECT count(*) FROM complaints WHERE resolved_at >= @from AND resolved_at < @to) AS resolved,
         (SELECT count(*) FROM complaints WHERE closed_at >= @from AND closed_at < @to) AS closed,
         (SELECT avg((julianday(closed_at) - julianday(created_at)) * 24) FROM complaints WHERE closed_at >= @from AND closed_at < @to) AS closeHours,
         (SELECT count(*) FROM complaints WHERE ${created} AND ${overdueSql()}) AS overdue`,
    )
    .get({ ...range, now: now.toISOString() }) as {
    opened: number;
    major: number;
    resolved: number;
    closed: number;
    closeHours: number | null;
    overdue: number;
  };
  const byStatus: Record<string, number> = {};
  for (const s of db.prepare(`SELECT status, count(*) AS n FROM complaints WHERE ${created} GROUP BY status`).all(range) as { status: string; n: number }[]) {
    byStatus[s.status] = s.n;
  }
  return {
    available: true,
    opened: r.opened,
    resolved: r.resolved,
    closed: r.closed,
    overdue: r.overdue,
    onTimePct: r.opened === 0 ? null : pct(r.opened - r.overdue, r.opened),
    major: r.major,
    avgCloseHours: r.closeHours === null ? null : Math.round(r.closeHours * 10) / 10,
    byStatus,
  };
}

/**
 * O3/O5 callbacks: done = done in the period; due = still pending and due in the period; overdue =
 * of those, the ones due by `now`; on time = done in the period by their due time; average satisfaction over the scores given to callbacks done in the
 * period (a callback without a score is not a zero), with how many scores that is.
 */
export function callbackFigures(db: Db, range: Range, now: Date): ReportFigures['callbacks'] {
  const r = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS done,
         (SELECT count(*) FROM callbacks WHERE status = 'pending' AND due_at >= @from AND due_at < @to) AS due,
         (SELECT count(*) FROM callbacks WHERE status = 'pending' AND due_at >= @from AND due_at < @to AND due_at <= @now) AS overdue,
         (SELECT count(*) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to AND done_at <= due_at) AS onTime,
         (SELECT avg(satisfaction) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS avgSatisfaction,
         (SELECT count(satisfaction) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS scored`,
    )
    .get({ ...range, now: now.toISOString() }) as {
    done: number;
    due: number;
    overdue: number;
    onTime: number;
    avgSatisfaction: number | null;
    scored: number;
  };
  return {
    available: true,
    done: r.done,
    due: r.due,
    overdue: r.overdue,
    avgSatisfaction: r.avgSatisfaction === null ? null : Math.round(r.avgSatisfaction * 100) / 100,
    scored: r.scored,
    onTimePct: pct(r.onTime, r.done),
  };
}

/**
 * Per agent (by name, as stored on each row): calls they took in the period with handling time,
 * after-call work and script compliance (P6 read-back, P3 closing, P7 caller hung up first, all
 * three); complaints created in the period that they own and of those the overdue (C3); callbacks
 * they did in the period with the average score (O5).
 */
export function agentFigures(db: Db, range: Range, now: Date): AgentFigures[] {
  const agents = new Map<string, AgentFigures>();
  const of = (name: string): AgentFigures => {
    let a = agents.get(name);
    if (!a) {
      a = {
        name,
        calls: 0,
        avgHandlingSeconds: null,
        avgAfterCallWorkSeconds: null,
        scriptCompliancePct: null,
        complaintsOwned: 0,
        complaintsOverdue: 0,
        callbacksDone: 0,
        avgSatisfaction: null,
        scored: 0,
      };
      agents.set(name, a);
    }
    return a;
  };
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const params = { ...range, now: now.toISOString() };
  // Each call's figures are worked out in the inner query, so the GROUP BY sorts five small values
  // per call instead of the columns they come from (the checklist JSON among them): a third faster
  // on a month of 100 000 calls. LIMIT -1 keeps SQLite from merging the two queries back into one.
  for (const r of db
    .prepare(
      `SELECT name, count(*) AS calls, avg(handling) AS handling, avg(acw) AS acw,
              count(CASE WHEN completed THEN 1 END) AS completed, count(CASE WHEN compliant THEN 1 END) AS compliant
       FROM (SELECT agent_name AS name,
                    CASE WHEN answered_at IS NOT NULL AND coalesce(ended_at, wrapped_at) IS NOT NULL
                         THEN (julianday(coalesce(ended_at, wrapped_at)) - julianday(answered_at)) * 86400 END AS handling,
                    CASE WHEN wrapped_at IS NOT NULL AND ended_at IS NOT NULL THEN (julianday(wrapped_at) - julianday(ended_at)) * 86400 END AS acw,
                    status = 'completed' AS completed,
                    status = 'completed' AND json_extract(checklist, '$.confirmed') IS NOT NULL
                      AND json_extract(checklist, '$.thanked') IS NOT NULL AND json_extract(checklist, '$.hungUpFirst') IS NOT NULL AS compliant
             FROM calls WHERE created_at >= @from AND created_at < @to LIMIT -1)
       GROUP BY name`,
    )
    .all(params) as { name: string; calls: number; handling: number | null; acw: number | null; completed: number; compliant: number }[]) {
    Object.assign(of(r.name), {
      calls: r.calls,
      avgHandlingSeconds: round1(r.handling),
      avgAfterCallWorkSeconds: round1(r.acw),
      scriptCompliancePct: pct(r.compliant, r.completed),
    });
  }
  for (const r of db
    .prepare(
      `SELECT owner_name AS name, count(*) AS owned, count(CASE WHEN ${overdueSql()} THEN 1 END) AS overdue
       FROM complaints WHERE created_at >= @from AND created_at < @to GROUP BY owner_name`,
    )
    .all(params) as { name: string; owned: number; overdue: number }[]) {
    Object.assign(of(r.name), { complaintsOwned: r.owned, complaintsOverdue: r.overdue });
  }
  for (const r of db
    .prepare(
      `SELECT done_by_name AS name, count(*) AS done, avg(satisfaction) AS score, count(satisfaction) AS scored
       FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to GROUP BY done_by_name`,
    )
    .all(params) as { name: string; done: number; score: number | null; scored: number }[]) {
    Object.assign(of(r.name), { callbacksDone: r.done, avgSatisfaction: r.score === null ? null : Math.round(r.score * 100) / 100, scored: r.scored });
  }
  return [...agents.values()].sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
}

function periodFigures(db: Db, period: ResolvedPeriod, now: Date, company: string, twoRings: number): Omit<ReportFigures, 'previous' | 'agents'> {
  return {
    period: { from: period.from, to: period.to, label: period.label, kind: period.kind, firstDay: period.firstDay, lastDay: period.lastDay },
    company,
    twoRingsSeconds: twoRings,
    calls: callFigures(db, period, twoRings),
    scriptCompliance: scriptCompliance(db, period),
    complaints: complaintFigures(db, period, now),
    callbacks: callbackFigures(db, period, now),
    phone: phoneFigures(db, period),
  };
}

/** `now`: the moment "overdue" is judged at (the service clock). */
export function reportFigures(db: Db, period: ResolvedPeriod, now: Date): ReportFigures {
  const company = getSettings(db, null).companyName;
  const twoRings = twoRingsSeconds(db);
  const before = previousPeriod(period);
  return {
    ...periodFigures(db, period, now, company, twoRings),
    agents: agentFigures(db, period, now),
    previous: before ? periodFigures(db, before, now, company, twoRings) : null,
  };
}

// ---------------------------------------------------------------- the printable page

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Bar {
  label: string;
  count: number;
}

/** A round upper end for an axis and its step: 0, step, 2·step … ≥ max (1, 2 or 5 × 10ⁿ). */
export function axisScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  return { top: Math.ceil(max / step) * step, step };
}

const CHART_W = 660;

/** A horizontal bar chart as inline SVG (no scripts, no external resources), with a scale under it. */
export function barChartSvg(title: string, bars: Bar[], describe: (b: Bar) => string, unit: string): string {
  const rowH = 22;
  const labelW = 170;
  const plotW = CHART_W - labelW - 50;
  const { top, step } = axisScale(Math.max(0, ...bars.map((b) => b.count)));
  const plotH = bars.length * rowH;
  const height = plotH + 40;
  const x = (v: number) => labelW + (v / top) * plotW;
  let grid = '';
  for (let v = 0; v <= top; v += step) {
    grid += `<line x1="${x(v)}" y1="0" x2="${x(v)}" y2="${plotH}" stroke="#d5dbe3"/><text x="${x(v)}" y="${plotH + 14}" text-anchor="middle" font-size="10" fill="#4f5a68">${v}</text>`;
  }
  const rows = bars
    .map((b, i) => {
      const y = i * rowH;
      const w = Math.max(1, (b.count / top) * plotW);
      return `<g><title>${esc(describe(b))}</title><text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text><rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="#0b5cad"/><text x="${(labelW + w + 4).toFixed(1)}" y="${y + 15}">${b.count}</text></g>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${CHART_W}" height="${height}" viewBox="0 0 ${CHART_W} ${height}" font-size="12" font-family="sans-serif">${grid}<line x1="${labelW}" y1="${plotH}" x2="${labelW + plotW}" y2="${plotH}" stroke="#4f5a68"/>${rows}<text x="${labelW + plotW / 2}" y="${plotH + 32}" text-anchor="middle" font-size="10" fill="#4f5a68">${esc(unit)}</text></svg>`;
}

/** Calls per local day as columns, with a vertical scale, grid lines and the days named under them. */
export function dayChartSvg(title: string, bars: Bar[], describe: (b: Bar) => string, yTitle: string, xTitle: string): string {
  const left = 44;
  const plotW = CHART_W - left - 10;
  const plotH = 150;
  const { top, step } = axisScale(Math.max(0, ...bars.map((b) => b.count)));
  const n = Math.max(1, bars.length);
  const colW = plotW / n;
  const y = (v: number) => 10 + plotH - (v / top) * plotH;
  // at most ~16 day labels, so they never overlap
  const every = Math.max(1, Math.ceil(n / 16));
  let grid = '';
  for (let v = 0; v <= top; v += step) {
    grid += `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${left + plotW}" y2="${y(v).toFixed(1)}" stroke="#d5dbe3"/><text x="${left - 4}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end" font-size="10" fill="#4f5a68">${v}</text>`;
  }
  const cols = bars
    .map((b, i) => {
      const h = (b.count / top) * plotH;
      const x = left + i * colW;
      const label =
        i % every === 0
          ? `<text x="${(x + colW / 2).toFixed(1)}" y="${plotH + 24}" text-anchor="middle" font-size="9">${esc(b.label.slice(n > 31 ? 5 : 8))}</text>`
          : '';
      return `<g><title>${esc(describe(b))}</title>${b.count > 0 ? `<rect x="${(x + colW * 0.15).toFixed(1)}" y="${y(b.count).toFixed(1)}" width="${Math.max(1, colW * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#0b5cad"/>` : ''}${label}</g>`;
    })
    .join('');
  const height = plotH + 46;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${CHART_W}" height="${height}" viewBox="0 0 ${CHART_W} ${height}" font-family="sans-serif" font-size="12">${grid}<line x1="${left}" y1="${10 + plotH}" x2="${left + plotW}" y2="${10 + plotH}" stroke="#4f5a68"/>${cols}<text x="10" y="${10 + plotH / 2}" font-size="10" fill="#4f5a68" transform="rotate(-90 10 ${10 + plotH / 2})" text-anchor="middle">${esc(yTitle)}</text><text x="${left + plotW / 2}" y="${plotH + 40}" text-anchor="middle" font-size="10" fill="#4f5a68">${esc(xTitle)}</text></svg>`;
}

/** Every local day of the period with its count (days without calls are 0, so the scale is honest). */
export function everyDay(figures: Pick<ReportFigures, 'period' | 'calls'>): Bar[] {
  const { firstDay, lastDay } = figures.period;
  const counts = new Map(figures.calls.byDay.map((d) => [d.day, d.count]));
  if (!firstDay || !lastDay) return figures.calls.byDay.map((d) => ({ label: d.day, count: d.count }));
  const out: Bar[] = [];
  const [y, m, d] = firstDay.split('-').map(Number) as [number, number, number];
  for (let i = 0; ; i++) {
    const day = localDayOf(new Date(y, m - 1, d + i));
    if (day > lastDay || i > 400) break;
    out.push({ label: day, count: counts.get(day) ?? 0 });
  }
  return out;
}

export interface ReportContext {
  t: Translate;
  language: string;
  generatedAt: Date;
  /** who produced it: an agent's name, or '' for the scheduled (command-line) export */
  who: string;
}

export const COMPLAINT_STATUSES = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'] as const;

type Kind = 'count' | 'pct' | 'seconds' | 'hours' | 'score';

function show(t: Translate, kind: Kind, value: number | null): string {
  if (value === null) return t('reports:figures.notAvailable');
  switch (kind) {
    case 'count':
      return String(value);
    case 'pct':
      return `${value.toFixed(1)} %`;
    case 'seconds':
      return value >= 120 ? t('reports:figures.minutes', { value: (value / 60).toFixed(1) }) : t('reports:figures.seconds', { value: value.toFixed(1) });
    case 'hours':
      return t('reports:figures.hours', { value: value.toFixed(1) });
    case 'score':
      return value.toFixed(2);
  }
}

/** "+12 (+5.0 %)", "−1.9 pts", "+3.0 s"; "—" when there is nothing to compare with. */
export function change(t: Translate, kind: Kind, now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '—';
  const d = now - before;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  switch (kind) {
    case 'count':
      return before === 0 ? `${sign}${abs}` : `${sign}${abs} (${sign}${((abs / before) * 100).toFixed(1)} %)`;
    case 'pct':
      return t('reports:report.points', { value: `${sign}${abs.toFixed(1)}` });
    case 'seconds':
      return abs >= 120
        ? t('reports:figures.minutes', { value: `${sign}${(abs / 60).toFixed(1)}` })
        : t('reports:figures.seconds', { value: `${sign}${abs.toFixed(1)}` });
    case 'hours':
      return t('reports:figures.hours', { value: `${sign}${abs.toFixed(1)}` });
    case 'score':
      return `${sign}${abs.toFixed(2)}`;
  }
}

interface Line {
  label: string;
  kind: Kind;
  now: number | null;
  before: number | null | undefined;
  target?: string;
  rule?: string;
}

function figureTable(t: Translate, lines: Line[], hasPrevious: boolean): string {
  const head = `<thead><tr><th scope="col">${esc(t('reports:report.figure'))}</th><th scope="col">${esc(t('reports:report.thisPeriod'))}</th>${
    hasPrevious ? `<th scope="col">${esc(t('reports:report.previous'))}</th><th scope="col">${esc(t('reports:report.change'))}</th>` : ''
  }<th scope="col">${esc(t('reports:report.target'))}</th></tr></thead>`;
  const body = lines
    .map(
      (l) =>
        `<tr><th scope="row">${esc(l.label)}</th><td class="num">${esc(show(t, l.kind, l.now))}</td>${
          hasPrevious
            ? `<td class="num prev">${esc(l.before === undefined || l.before === null ? '—' : show(t, l.kind, l.before))}</td><td class="num">${esc(change(t, l.kind, l.now, l.before))}</td>`
            : ''
        }<td class="target">${l.target ? esc(l.target) : ''}${l.rule ? ` <span class="ref">${esc(l.rule)}</span>` : ''}</td></tr>`,
    )
    .join('');
  return `<table class="figures">${head}<tbody>${body}</tbody></table>`;
}

function agentTable(t: Translate, agents: AgentFigures[]): string {
  const cols = ['name', 'calls', 'handling', 'acw', 'script', 'owned', 'overdue', 'callbacks', 'satisfaction'];
  const head = `<thead><tr>${cols.map((c) => `<th scope="col">${esc(t(`reports:agents.${c}`))}</th>`).join('')}</tr></thead>`;
  const body = agents
    .map(
      (a) =>
        `<tr><th scope="row">${esc(a.name || t('reports:agents.unknown'))}</th><td class="num">${a.calls}</td><td class="num">${esc(show(t, 'seconds', a.avgHandlingSeconds))}</td><td class="num">${esc(
          show(t, 'seconds', a.avgAfterCallWorkSeconds),
        )}</td><td class="num">${esc(show(t, 'pct', a.scriptCompliancePct))}</td><td class="num">${a.complaintsOwned}</td><td class="num">${a.complaintsOverdue}</td><td class="num">${a.callbacksDone}</td><td class="num">${esc(
          a.avgSatisfaction === null ? '—' : `${a.avgSatisfaction.toFixed(2)} (${a.scored})`,
        )}</td></tr>`,
    )
    .join('');
  return `<table class="agents">${head}<tbody>${body}</tbody></table>`;
}

/** "2026-10-01 – 2026-10-31" (local days, both inclusive), or "all records". */
function days(t: Translate, p: { firstDay: string; lastDay: string }): string {
  if (!p.firstDay) return t('reports:report.allTime');
  return p.firstDay === p.lastDay ? p.firstDay : t('reports:period.label', { from: p.firstDay, to: p.lastDay });
}

export function reportHtml(figures: ReportFigures, ctx: ReportContext): string {
  const { t } = ctx;
  const c = figures.calls;
  const prev = figures.previous;
  const hasPrevious = prev !== null;
  const sc = figures.scriptCompliance;
  const psc = prev?.scriptCompliance;
  const cp = figures.complaints;
  const cb = figures.callbacks;
  const all = t('reports:report.targetAll');
  const catBars = c.byCategory.map((b) => ({ label: b.category ? codeLabel(t, 'callCategory', b.category) : t('reports:uncategorised'), count: b.count }));
  const describe = (b: Bar) => t('reports:chartBar', { label: b.label, count: b.count });
  const lines: Line[] = [
    { label: t('reports:figures.calls'), kind: 'count', now: c.total, before: prev?.calls.total },
    {
      label: t('reports:figures.withinTwoRings', { seconds: figures.twoRingsSeconds }),
      kind: 'pct',
      now: c.withinTwoRingsPct,
      before: prev?.calls.withinTwoRingsPct,
      target: all,
      rule: 'P1',
    },
    { label: t('reports:figures.avgAnswer'), kind: 'seconds', now: c.avgAnswerSeconds, before: prev?.calls.avgAnswerSeconds },
    { label: t('reports:figures.avgHandling'), kind: 'seconds', now: c.avgHandlingSeconds, before: prev?.calls.avgHandlingSeconds },
    { label: t('reports:figures.afterCallWork'), kind: 'seconds', now: c.avgAfterCallWorkSeconds, before: prev?.calls.avgAfterCallWorkSeconds },
  ];
  if (sc.available) {
    const before = (k: 'readBackPct' | 'closingPct' | 'hungUpFirstPct') => (psc?.available ? psc[k] : undefined);
    lines.push(
      { label: t('reports:script.readBack'), kind: 'pct', now: sc.readBackPct, before: before('readBackPct'), target: all, rule: 'P6' },
      { label: t('reports:script.closing'), kind: 'pct', now: sc.closingPct, before: before('closingPct'), target: all, rule: 'P3' },
      { label: t('reports:script.hungUpFirst'), kind: 'pct', now: sc.hungUpFirstPct, before: before('hungUpFirstPct'), target: all, rule: 'P7' },
    );
  }
  const complaintLines: Line[] = cp.available
    ? [
        { label: t('reports:complaints.opened'), kind: 'count', now: cp.opened, before: prev?.complaints.opened },
        {
          label: t('reports:complaints.major'),
          kind: 'count',
          now: cp.major,
          before: prev?.complaints.major,
          target: t('reports:report.targetMajor'),
          rule: 'C6',
        },
        { label: t('reports:complaints.onTime'), kind: 'pct', now: cp.onTimePct, before: prev?.complaints.onTimePct, target: all, rule: 'C3' },
        {
          label: t('reports:complaints.overdue'),
          kind: 'count',
          now: cp.overdue,
          before: prev?.complaints.overdue,
          target: t('reports:report.targetNone'),
          rule: 'C3',
        },
        { label: t('reports:complaints.resolved'), kind: 'count', now: cp.resolved, before: prev?.complaints.resolved },
        {
          label: t('reports:complaints.closed'),
          kind: 'count',
          now: cp.closed,
          before: prev?.complaints.closed,
          target: t('reports:report.targetReply'),
          rule: 'C4',
        },
        { label: t('reports:complaints.avgClose'), kind: 'hours', now: cp.avgCloseHours, before: prev?.complaints.avgCloseHours },
      ]
    : [];
  const callbackLines: Line[] = cb.available
    ? [
        { label: t('reports:callbacks.done'), kind: 'count', now: cb.done, before: prev?.callbacks.done },
        { label: t('reports:callbacks.onTime'), kind: 'pct', now: cb.onTimePct, before: prev?.callbacks.onTimePct, target: all, rule: 'O3' },
        {
          label: t('reports:callbacks.overdue'),
          kind: 'count',
          now: cb.overdue,
          before: prev?.callbacks.overdue,
          target: t('reports:report.targetNone'),
          rule: 'O3',
        },
        {
          label: t('reports:callbacks.satisfaction'),
          kind: 'score',
          now: cb.avgSatisfaction,
          before: prev?.callbacks.avgSatisfaction,
          target: t('reports:report.targetScores', { count: cb.scored }),
          rule: 'O5',
        },
      ]
    : [];
  const statusBars = COMPLAINT_STATUSES.filter((s) => cp.byStatus[s]).map((s) => ({ label: codeLabel(t, 'complaintStatus', s), count: cp.byStatus[s]! }));
  // P1 measured from the phone, and the call times (talk, after-call work, handle)
  const ph = figures.phone;
  const pph = prev?.phone;
  const phoneLines: Line[] = [
    { label: t('phone:report.phoneCalls'), kind: 'count', now: ph.phoneCalls, before: pph?.phoneCalls },
    { label: t('phone:report.within2'), kind: 'pct', now: ph.within2RingsPct, before: pph?.within2RingsPct, target: all, rule: 'P1' },
    { label: t('phone:report.after5'), kind: 'pct', now: ph.after5RingsPct, before: pph?.after5RingsPct, rule: 'P1' },
    {
      label: `${t('phone:report.apologised')} (${ph.after5RingsApologised} / ${ph.after5Rings})`,
      kind: 'count',
      now: ph.after5RingsApologised,
      before: pph?.after5RingsApologised,
      target: all,
      rule: 'P1',
    },
    { label: t('phone:report.avgAnswer'), kind: 'seconds', now: ph.avgAnswerSeconds, before: pph?.avgAnswerSeconds },
    { label: t('phone:report.missed'), kind: 'count', now: ph.missed, before: pph?.missed },
    { label: t('phone:report.avgTalk'), kind: 'seconds', now: ph.avgTalkSeconds, before: pph?.avgTalkSeconds },
    { label: t('phone:report.avgAcw'), kind: 'seconds', now: ph.avgAfterCallWorkSeconds, before: pph?.avgAfterCallWorkSeconds },
    { label: t('phone:report.avgHandle'), kind: 'seconds', now: ph.avgHandleSeconds, before: pph?.avgHandleSeconds },
  ];
  const sections = [
    `<section><h2>${esc(t('reports:report.calls'))}</h2>${figureTable(t, lines, hasPrevious)}</section>`,
    `<section><h2>${esc(t('phone:report.heading'))} <span class="ref">P1</span></h2><p>${esc(ph.phoneCalls === 0 ? t('phone:report.noPhoneCalls') : t('phone:report.cadence', { value: ph.ringCadenceSeconds }))}</p>${figureTable(t, phoneLines, hasPrevious)}</section>`,
    c.total
      ? `<section class="charts"><h2>${esc(t('reports:byDay'))}</h2>${dayChartSvg(t('reports:byDay'), everyDay(figures), describe, t('reports:report.axisCalls'), t('reports:report.axisDay'))}<h2>${esc(t('reports:byCategory'))}</h2>${barChartSvg(
          t('reports:byCategory'),
          catBars,
          describe,
          t('reports:report.axisCalls'),
        )}</section>`
      : `<section><p>${esc(t('reports:noCalls'))}</p></section>`,
    cp.available
      ? `<section><h2>${esc(t('reports:complaints.heading'))}</h2>${figureTable(t, complaintLines, hasPrevious)}${
          cp.opened
            ? `<h3>${esc(t('reports:complaints.byStatus'))}</h3>${barChartSvg(t('reports:complaints.byStatus'), statusBars, (b) => t('reports:complaints.chartBar', { label: b.label, count: b.count }), t('reports:report.axisComplaints'))}`
            : ''
        }</section>`
      : '',
    cb.available ? `<section><h2>${esc(t('reports:callbacks.heading'))}</h2>${figureTable(t, callbackLines, hasPrevious)}</section>` : '',
    figures.agents.length ? `<section class="agents-section"><h2>${esc(t('reports:agents.heading'))}</h2>${agentTable(t, figures.agents)}</section>` : '',
  ];
  const who = ctx.who || t('reports:report.scheduled');
  const title = t(`reports:report.title.${figures.period.kind}`);
  return `<!doctype html>
<html lang="${esc(ctx.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(figures.company ? `${figures.company} · ` : '')}${esc(title)} ${esc(figures.period.label)}</title>
<style>
@page{size:A4;margin:14mm 12mm}
body{font-family:'Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',system-ui,sans-serif;color:#1b2430;margin:2rem auto;max-width:186mm;font-size:13px}
header{border-bottom:2px solid #0b5cad;padding-bottom:.4rem;margin-bottom:.6rem}
.company{font-size:1.05rem;font-weight:600;margin:0}
h1{font-size:1.35rem;margin:.1rem 0 .2rem}h2{font-size:1.02rem;border-bottom:1px solid #d5dbe3;padding-bottom:.15rem;margin:1rem 0 .4rem}h3{font-size:.92rem;margin:.7rem 0 .3rem}
.meta{color:#4f5a68;margin:0}.na{color:#4f5a68;font-style:italic}
table{border-collapse:collapse;width:100%}th,td{padding:.16rem .4rem;border-bottom:1px solid #eef1f5;vertical-align:top}
thead th{text-align:left;font-size:.8rem;color:#4f5a68;font-weight:600;border-bottom:1px solid #c5ccd6}
tbody th{text-align:left;font-weight:500}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}td.prev{color:#4f5a68}
td.target{color:#4f5a68;font-size:.85rem}.ref{font-size:.7rem;color:#7a8593;border:1px solid #c5ccd6;border-radius:3px;padding:0 .2rem;white-space:nowrap}
table.agents td,table.agents th{font-size:.82rem}
svg{max-width:100%;height:auto}
section{break-inside:avoid}.agents-section{break-inside:auto}thead{display:table-header-group}tr{break-inside:avoid}
footer{margin-top:1.2rem;color:#4f5a68;font-size:.85rem;border-top:1px solid #d5dbe3;padding-top:.3rem}
@media print{body{margin:0;max-width:none}.hint{display:none}}
</style></head><body>
<header>
${figures.company ? `<p class="company">${esc(figures.company)}</p>` : ''}<h1>${esc(title)}</h1>
<p class="meta">${esc(t('reports:report.periodLine', { period: days(t, figures.period) }))}${
    prev ? ` · ${esc(t('reports:report.comparedWith', { period: days(t, prev.period) }))}` : ''
  }</p>
<p class="meta hint">${esc(t('reports:report.printHint'))}</p>
</header>
${sections.filter(Boolean).join('\n')}
<footer>${esc(t('reports:report.generated', { at: localDateTime(ctx.generatedAt.toISOString()).slice(0, 16), who }))} · ${esc(t('reports:report.rulesNote'))}</footer>
</body></html>
`;
}
