// R2: the monthly service supervision report (also a week for R3's Friday meeting). Each section
// is a small function over the database, so a domain built later plugs in by filling its function.
import type { Db } from '../db/open';
import type { Range } from '../../../shared/domain/period';
import { localDayOf } from '../../../shared/domain/period';
import type { ResolvedPeriod } from '../../../shared/domain/report-period';
import type { ReportFigures } from '../../../shared/contract/reports';
import { localDateTime } from '../exports/csv';
import type { Translate } from '../exports/labels';

type CallFigures = ReportFigures['calls'];

export function callFigures(db: Db, range: Range): CallFigures {
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
                       THEN (julianday(coalesce(ended_at, wrapped_at)) - julianday(answered_at)) * 86400 END) AS handling
       FROM calls WHERE ${where}`,
    )
    .get(range) as { answer: number | null; handling: number | null };
  return {
    total,
    byStatus,
    byCategory,
    byDay: [...days].map(([day, count]) => ({ day, count })),
    avgAnswerSeconds: times.answer === null ? null : Math.round(times.answer * 10) / 10,
    avgHandlingSeconds: times.handling === null ? null : Math.round(times.handling * 10) / 10,
  };
}

const pct = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 10);

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
  return { available: true, calls: r.calls, readBackPct: pct(r.readBack, r.calls), closingPct: pct(r.closing, r.calls), hungUpFirstPct: pct(r.hungUp, r.calls) };
}

/**
 * C3/C6 complaints: opened and major = created in the period; resolved / closed = resolved_at /
 * closed_at in the period; overdue = not closed now and the next reply time has passed (C3, the
 * tracker's definition, as of `now`); average time to close over the complaints closed in the period.
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
         (SELECT count(*) FROM complaints WHERE status <> 'closed' AND next_reply_due <= @now) AS overdue`,
    )
    .get({ ...range, now: now.toISOString() }) as { opened: number; major: number; resolved: number; closed: number; closeHours: number | null; overdue: number };
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
    major: r.major,
    avgCloseHours: r.closeHours === null ? null : Math.round(r.closeHours * 10) / 10,
    byStatus,
  };
}

/**
 * O3/O5 callbacks: done = done in the period; due = still pending and due in the period; overdue =
 * pending and due by `now`; average satisfaction over the scores given to callbacks done in the
 * period (a callback without a score is not a zero), with how many scores that is.
 */
export function callbackFigures(db: Db, range: Range, now: Date): ReportFigures['callbacks'] {
  const r = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS done,
         (SELECT count(*) FROM callbacks WHERE status = 'pending' AND due_at >= @from AND due_at < @to) AS due,
         (SELECT count(*) FROM callbacks WHERE status = 'pending' AND due_at <= @now) AS overdue,
         (SELECT avg(satisfaction) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS avgSatisfaction,
         (SELECT count(satisfaction) FROM callbacks WHERE status = 'done' AND done_at >= @from AND done_at < @to) AS scored`,
    )
    .get({ ...range, now: now.toISOString() }) as { done: number; due: number; overdue: number; avgSatisfaction: number | null; scored: number };
  return {
    available: true,
    done: r.done,
    due: r.due,
    overdue: r.overdue,
    avgSatisfaction: r.avgSatisfaction === null ? null : Math.round(r.avgSatisfaction * 100) / 100,
    scored: r.scored,
  };
}

/** `now`: the moment "overdue" is judged at (the service clock). */
export function reportFigures(db: Db, period: ResolvedPeriod, now: Date): ReportFigures {
  return {
    period: { from: period.from, to: period.to, label: period.label },
    calls: callFigures(db, period),
    scriptCompliance: scriptCompliance(db, period),
    complaints: complaintFigures(db, period, now),
    callbacks: callbackFigures(db, period, now),
  };
}

// ---------------------------------------------------------------- the printable page

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Bar {
  label: string;
  count: number;
}

/** A horizontal bar chart as inline SVG (no scripts, no external resources). */
export function barChartSvg(title: string, bars: Bar[], describe: (b: Bar) => string): string {
  const rowH = 22;
  const labelW = 170;
  const chartW = 420;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const height = bars.length * rowH + 8;
  const rows = bars
    .map((b, i) => {
      const y = i * rowH + 4;
      const w = Math.max(1, Math.round((b.count / max) * chartW));
      return `<g><title>${esc(describe(b))}</title><text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="#0b5cad"/><text x="${labelW + w + 6}" y="${y + 15}">${b.count}</text></g>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${labelW + chartW + 60}" height="${height}" viewBox="0 0 ${labelW + chartW + 60} ${height}" font-size="12" font-family="sans-serif">${rows}</svg>`;
}

/** A column chart of calls per local day. */
export function dayChartSvg(title: string, bars: Bar[], describe: (b: Bar) => string): string {
  const colW = 18;
  const chartH = 140;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = Math.max(1, bars.length) * colW + 40;
  const cols = bars
    .map((b, i) => {
      const h = Math.max(1, Math.round((b.count / max) * chartH));
      const x = 30 + i * colW;
      return `<g><title>${esc(describe(b))}</title><rect x="${x}" y="${chartH - h + 10}" width="${colW - 4}" height="${h}" fill="#0b5cad"/><text x="${x + (colW - 4) / 2}" y="${chartH + 24}" text-anchor="middle" font-size="9">${esc(b.label.slice(8))}</text></g>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${chartH + 32}" viewBox="0 0 ${width} ${chartH + 32}" font-family="sans-serif"><text x="2" y="18" font-size="10">${max}</text><line x1="28" y1="${chartH + 10}" x2="${width}" y2="${chartH + 10}" stroke="#888"/>${cols}</svg>`;
}

export interface ReportContext {
  t: Translate;
  language: string;
  generatedAt: Date;
  who: string;
}

function seconds(t: Translate, value: number | null): string {
  if (value === null) return t('reports:figures.notAvailable');
  return value >= 120 ? t('reports:figures.minutes', { value: (value / 60).toFixed(1) }) : t('reports:figures.seconds', { value: value.toFixed(1) });
}

export const COMPLAINT_STATUSES = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'] as const;

function percent(t: Translate, value: number | null): string {
  return value === null ? t('reports:script.noCalls') : `${value.toFixed(1)} %`;
}

function hours(t: Translate, value: number | null): string {
  return value === null ? t('reports:figures.notAvailable') : t('reports:figures.hours', { value: value.toFixed(1) });
}

function satisfaction(t: Translate, value: number | null, count: number): string {
  return value === null ? t('reports:callbacks.noScores') : t('reports:callbacks.satisfactionValue', { value: value.toFixed(2), count });
}

function figureTable(rows: [string, string | number][]): string {
  return `<table class="figures"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(String(v))}</td></tr>`).join('')}</tbody></table>`;
}

export function reportHtml(figures: ReportFigures, ctx: ReportContext): string {
  const { t } = ctx;
  const na = t('reports:figures.notAvailableYet');
  const c = figures.calls;
  const catBars = c.byCategory.map((b) => ({ label: b.category || t('reports:uncategorised'), count: b.count }));
  const dayBars = c.byDay.map((b) => ({ label: b.day, count: b.count }));
  const describe = (b: Bar) => t('reports:chartBar', { label: b.label, count: b.count });
  const sc = figures.scriptCompliance;
  const cp = figures.complaints;
  const cb = figures.callbacks;
  // the period's local days, both inclusive (the stored end is the next day's midnight, exclusive)
  const day = (ms: number) => (figures.period.label === 'all' ? '—' : localDateTime(new Date(ms).toISOString()).slice(0, 10));
  const sections = [
    `<section><h2>${esc(t('reports:report.summary'))}</h2>${figureTable([
      [t('reports:figures.calls'), c.total],
      [t('reports:figures.avgAnswer'), seconds(t, c.avgAnswerSeconds)],
      [t('reports:figures.avgHandling'), seconds(t, c.avgHandlingSeconds)],
      ...Object.entries(c.byStatus).map(([s, n]): [string, number] => [t(`reports:status.${s}`), n]),
    ])}</section>`,
    `<section><h2>${esc(t('reports:byCategory'))}</h2>${c.total ? barChartSvg(t('reports:byCategory'), catBars, describe) : `<p>${esc(t('reports:noCalls'))}</p>`}</section>`,
    `<section><h2>${esc(t('reports:byDay'))}</h2>${c.total ? dayChartSvg(t('reports:byDay'), dayBars, describe) : `<p>${esc(t('reports:noCalls'))}</p>`}</section>`,
    `<section><h2>${esc(t('reports:script.heading'))}</h2>${
      sc.available
        ? figureTable([
            [t('reports:script.calls'), sc.calls],
            [t('reports:script.readBack'), percent(t, sc.readBackPct)],
            [t('reports:script.closing'), percent(t, sc.closingPct)],
            [t('reports:script.hungUpFirst'), percent(t, sc.hungUpFirstPct)],
          ])
        : `<p class="na">${esc(na)}</p>`
    }</section>`,
    `<section><h2>${esc(t('reports:complaints.heading'))}</h2>${
      cp.available
        ? figureTable([
            [t('reports:complaints.opened'), cp.opened],
            [t('reports:complaints.major'), cp.major],
            [t('reports:complaints.resolved'), cp.resolved],
            [t('reports:complaints.closed'), cp.closed],
            [t('reports:complaints.overdue'), cp.overdue],
            [t('reports:complaints.avgClose'), hours(t, cp.avgCloseHours)],
          ]) +
          (cp.opened
            ? `<h3>${esc(t('reports:complaints.byStatus'))}</h3>${barChartSvg(
                t('reports:complaints.byStatus'),
                COMPLAINT_STATUSES.filter((s) => cp.byStatus[s]).map((s) => ({ label: t(`reports:complaintStatus.${s}`), count: cp.byStatus[s]! })),
                (b) => t('reports:complaints.chartBar', { label: b.label, count: b.count }),
              )}`
            : '')
        : `<p class="na">${esc(na)}</p>`
    }</section>`,
    `<section><h2>${esc(t('reports:callbacks.heading'))}</h2>${
      cb.available
        ? figureTable([
            [t('reports:callbacks.done'), cb.done],
            [t('reports:callbacks.due'), cb.due],
            [t('reports:callbacks.overdue'), cb.overdue],
            [t('reports:callbacks.satisfaction'), satisfaction(t, cb.avgSatisfaction, cb.scored)],
          ])
        : `<p class="na">${esc(na)}</p>`
    }</section>`,
  ];
  return `<!doctype html>
<html lang="${esc(ctx.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(t('reports:title'))} ${esc(figures.period.label)}</title>
<style>
body{font-family:'Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',system-ui,sans-serif;color:#1b2430;margin:2rem;max-width:60rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.05rem;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem;margin-top:1.5rem}
.meta{color:#4f5a68;margin:0}.na{color:#4f5a68;font-style:italic}
table.figures{border-collapse:collapse}table.figures th{text-align:left;font-weight:600;padding:.2rem 1.5rem .2rem 0}table.figures td{text-align:right}
section{break-inside:avoid}@media print{body{margin:0}.hint{display:none}}
</style></head><body>
<h1>${esc(t('reports:title'))}</h1>
<p class="meta">${esc(t('reports:report.periodLine', { from: day(Date.parse(figures.period.from)), to: day(Date.parse(figures.period.to) - 1) }))}</p>
<p class="meta">${esc(t('reports:report.generated', { at: localDateTime(ctx.generatedAt.toISOString()), who: ctx.who }))}</p>
<p class="meta hint">${esc(t('reports:report.printHint'))}</p>
${sections.join('\n')}
</body></html>
`;
}
