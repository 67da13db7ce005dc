// One export, start to finish: plan (counts fixed at the start, the export recorded), write the
// files batch by batch (yielding to the event loop so the service stays responsive), rename them
// into place only when all are complete, and record the outcome.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Db } from '../db/open';
import type { ExportFormat, ExportLanguage } from '../../../shared/contract/exports';
import type { ResolvedPeriod } from '../../../shared/domain/period';
import { AppError, type ErrorShape } from '../../../shared/errors';
import { newId } from '../infra/ids';
import { exportTables, type ExportColumn, type ExportTable } from './tables';
import { BOM, csvField, csvHeader, csvRowsInto, localDateTime } from './csv';
import { neutralise } from './neutralise';
import { Utf8Chunks } from './utf8-chunks';
import { teamCoverage } from '../sync/coverage';
import { XlsxWriter, type CellLabel } from './xlsx';
import { ensureWritableFolder, openFileStream, SafeFile, type OpenStream } from './write-safely';
import { codeLabel, translator, type Translate } from './labels';
import { agentFigures, reportFigures, reportHtml } from '../reports/report';
import type { CodeGroup } from '../../../shared/domain/code-labels';
import { pdfUnavailable, type PdfPrinter } from './pdf';

export const DEFAULT_BATCH = 1_000;

export interface ExportRequest {
  period: ResolvedPeriod;
  format: ExportFormat;
  folder: string;
  language: ExportLanguage;
  actor: { agentId: string | null; name: string };
}

export interface ExportControl {
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  openStream?: OpenStream;
  batchSize?: number;
  tables?: ExportTable[];
  /** Electron's printer for the report as PDF; absent where there is no Chromium (browser mode, Node) */
  printPdf?: PdfPrinter;
}

export interface PlannedTable {
  table: ExportTable;
  cutoff: number;
  count: number;
}

export interface ExportPlan {
  id: string;
  request: ExportRequest;
  folder: string;
  tables: PlannedTable[];
  counts: Record<string, number>;
  total: number;
  startedAt: Date;
}

export interface ExportOutcome {
  counts: Record<string, number>;
  total: number;
  files: string[];
  folder: string;
}

/**
 * Where the files go: an absolute folder as given; a relative one beside the database (the default
 * export folder lives there too), never wherever the process happened to start.
 */
export function exportFolder(db: Db, folder: string): string {
  if (isAbsolute(folder)) return resolve(folder);
  const base = db.name && db.name !== ':memory:' && db.name !== '' ? dirname(resolve(db.name)) : process.cwd();
  return resolve(base, folder);
}

/** Fixes what the export contains, checks the folder, and records the export as running. */
export function planExport(db: Db, request: ExportRequest, control: Pick<ExportControl, 'now' | 'tables' | 'printPdf'>): ExportPlan {
  if (request.format === 'pdf' && !control.printPdf) throw new AppError('unsupported', pdfUnavailable);
  const id = newId();
  const folder = exportFolder(db, request.folder);
  const startedAt = control.now();
  try {
    ensureWritableFolder(folder, id);
  } catch (err) {
    // R4: personal data did not leave, but the attempt is part of the record all the same
    const shape: ErrorShape = err instanceof AppError ? err.toShape() : { code: 'internal', message: String(err) };
    db.prepare(
      `INSERT INTO exports_log (id, created_at, agent_id, actor, period_from, period_to, period_label, format, folder, status, row_counts, finished_at, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'failed', '{}', ?, ?)`,
    ).run(
      id,
      startedAt.toISOString(),
      request.actor.agentId,
      request.actor.name,
      request.period.from,
      request.period.to,
      request.period.label,
      request.format,
      folder,
      startedAt.toISOString(),
      `${shape.code}: ${shape.message}`,
    );
    throw err;
  }
  const report = request.format === 'report' || request.format === 'pdf';
  const chosen = report ? (control.tables ?? exportTables).filter((t) => t.id === 'calls') : (control.tables ?? exportTables);
  // One read transaction: the cutoffs and the counts describe the same moment.
  const tables = db
    .transaction(() =>
      chosen.map((table) => {
        const cutoff = table.cutoff(db);
        return { table, cutoff, count: table.count(db, request.period, cutoff) };
      }),
    )
    .deferred();
  const counts = Object.fromEntries(tables.map((t) => [t.table.id, t.count]));
  const total = tables.reduce((sum, t) => sum + t.count, 0);
  db.prepare(
    `INSERT INTO exports_log (id, created_at, agent_id, actor, period_from, period_to, period_label, format, folder, status, row_counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
  ).run(
    id,
    startedAt.toISOString(),
    request.actor.agentId,
    request.actor.name,
    request.period.from,
    request.period.to,
    request.period.label,
    request.format,
    folder,
    JSON.stringify(counts),
  );
  return { id, request, folder, tables, counts, total, startedAt };
}

function finishLog(db: Db, plan: ExportPlan, now: Date, status: 'done' | 'failed' | 'cancelled', files: string[], error: ErrorShape | null): void {
  db.prepare('UPDATE exports_log SET status = ?, finished_at = ?, files = ?, error = ? WHERE id = ?').run(
    status,
    now.toISOString(),
    JSON.stringify(files),
    error ? `${error.code}: ${error.message}` : null,
    plan.id,
  );
}

/** Team mode: the server position covered, and a warning when desks (or this one) are behind. */
function teamRows(db: Db, now: Date, t: Translate): { label: string; value: string }[] {
  const c = teamCoverage(db, now);
  if (!c) return [];
  const rows = [
    { label: t('exports:summary.teamPosition'), value: c.position },
    { label: t('exports:summary.teamReceived'), value: c.receivedAt ? localDateTime(c.receivedAt) : '—' },
  ];
  if (c.behind) rows.push({ label: t('exports:summary.warning'), value: t('exports:summary.teamBehind') });
  if (c.quiet.length) {
    rows.push({
      label: t('exports:summary.warning'),
      value: t('exports:summary.teamQuiet', {
        count: c.quiet.length,
        since: localDateTime(c.quiet[0]!.lastSeen),
        names: c.quiet.map((q) => q.workstation).join(', '),
      }),
    });
  }
  return rows;
}

/** The export's header facts (period, time zone, who, and in team mode what it covers): the XLSX summary sheet and the CSV coverage file. */
function summaryRows(db: Db, plan: ExportPlan, t: Translate, tz: string): { label: string; value: string }[] {
  const { request } = plan;
  return [
    { label: t('exports:summary.title'), value: request.period.label },
    { label: t('exports:summary.from'), value: request.period.label === 'all' ? '—' : localDateTime(request.period.from) },
    { label: t('exports:summary.to'), value: request.period.label === 'all' ? '—' : localDateTime(request.period.to) },
    { label: t('exports:summary.timeZone'), value: tz },
    { label: t('exports:summary.exportedAt'), value: localDateTime(plan.startedAt.toISOString()) },
    { label: t('exports:summary.exportedBy'), value: request.actor.name },
    ...teamRows(db, plan.startedAt, t),
  ];
}

const pause = () => new Promise<void>((done) => setImmediate(done));

/** Writes the planned export. Throws AppError io / cancelled; never leaves a partial file. */
export async function writeExport(db: Db, plan: ExportPlan, control: ExportControl): Promise<ExportOutcome> {
  const { request } = plan;
  const open = control.openStream ?? openFileStream;
  const size = control.batchSize ?? DEFAULT_BATCH;
  const t = translator(request.language);
  const files: SafeFile[] = [];
  let done = 0;
  const step = async (file: SafeFile) => {
    control.onProgress?.(done, plan.total);
    if (control.cancelled?.()) throw new AppError('cancelled', 'The export was cancelled');
    await file.drained();
    file.check();
    await pause();
  };
  const name = (stem: string, ext: string) => join(plan.folder, `${stem}-${request.period.label}.${ext}`);
  const tag = plan.id.slice(-12);
  const now = plan.startedAt;
  try {
    if (request.format === 'csv') {
      for (const { table, cutoff } of plan.tables) {
        const file = new SafeFile(name(table.id, 'csv'), tag, open);
        files.push(file);
        await file.write(BOM + csvHeader(table.columns.map((c) => t(`exports:columns.${table.id}.${c.key}`))));
        const chunks = new Utf8Chunks();
        for (const batch of table.batches(db, request.period, cutoff, size)) {
          csvRowsInto(chunks, table.columns, batch);
          for (const bytes of chunks.take()) await file.write(bytes);
          done += batch.length;
          await step(file);
        }
        await file.finish();
      }
      // Team mode: what the files cover, in a file of its own beside them. A comment line inside a
      // data file would be a row to Excel and an error to most CSV readers; a separate two-column
      // CSV opens in any spreadsheet and parses like the others (R4: a short month is never silent).
      if (teamCoverage(db, now)) {
        const file = new SafeFile(name('coverage', 'csv'), tag, open);
        files.push(file);
        const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const rows = [
          ...summaryRows(db, plan, t, tz),
          ...plan.tables.map((p) => ({ label: t(`exports:tables.${p.table.id}`), value: String(p.count) })),
          { label: t('exports:summary.total'), value: String(plan.total) },
        ];
        await file.write(
          BOM +
            csvHeader([t('exports:summary.item'), t('exports:summary.value')]) +
            rows.map((r) => `${csvField(neutralise(r.label))},${csvField(neutralise(r.value))}\r\n`).join(''),
        );
        await file.finish();
      }
    } else if (request.format === 'xlsx') {
      const file = new SafeFile(name('call-console', 'xlsx'), tag, open);
      files.push(file);
      const writer = new XlsxWriter(file.stream, 'Call Console');
      const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      writer.summary(
        t('exports:tables.summary'),
        summaryRows(db, plan, t, tz),
        [...plan.tables.map((p) => ({ label: t(`exports:tables.${p.table.id}`), count: p.count })), { label: t('exports:summary.total'), count: plan.total }],
        [t('exports:summary.table'), t('exports:summary.rows')],
      );
      // R4/R2: the team lead's first question, per agent, beside the rows it sums up
      const agents = agentFigures(db, request.period, now);
      writer.table(
        t('exports:tables.agents'),
        ['name', 'calls', 'handling', 'acw', 'script', 'owned', 'overdue', 'callbacks', 'satisfaction', 'scores'].map((k) =>
          t(k === 'scores' ? 'exports:agentScores' : `reports:agents.${k}`),
        ),
        [16, 8, 14, 14, 14, 12, 10, 12, 12, 8],
        agents.map((a) => [
          a.name,
          a.calls,
          a.avgHandlingSeconds,
          a.avgAfterCallWorkSeconds,
          a.scriptCompliancePct,
          a.complaintsOwned,
          a.complaintsOverdue,
          a.callbacksDone,
          a.avgSatisfaction,
          a.scored,
        ]),
      );
      for (const { table, cutoff } of plan.tables) {
        writer.startSheet(
          t(`exports:tables.${table.id}`),
          table.columns,
          table.columns.map((c) => t(`exports:columns.${table.id}.${c.key}`)),
          table.columns.map((c) => columnLabel(t, c)),
        );
        for (const batch of table.batches(db, request.period, cutoff, size)) {
          writer.addRows(batch);
          done += batch.length;
          await writer.caughtUp();
          await step(file);
        }
        writer.endSheet();
      }
      await Promise.race([writer.finish(), file.failed()]);
      await file.finish(false);
    } else {
      const html = reportHtml(reportFigures(db, request.period, plan.startedAt), {
        t,
        language: request.language,
        generatedAt: plan.startedAt,
        // a person's name, or "scheduled export" for the command line
        who: request.actor.agentId === null ? '' : request.actor.name,
      });
      const pdf = request.format === 'pdf';
      const content = pdf ? Buffer.from(await printed(html, control.printPdf)) : html;
      if (control.cancelled?.()) throw new AppError('cancelled', 'The export was cancelled');
      const file = new SafeFile(name('service-report', pdf ? 'pdf' : 'html'), tag, open);
      files.push(file);
      await file.write(content);
      await file.finish();
      done = plan.total;
    }
    // Every table must have produced exactly the rows counted at the start (R4).
    if (done !== plan.total) throw new AppError('internal', `Wrote ${done} rows but ${plan.total} were counted`);
    for (const f of files) f.commit();
    control.onProgress?.(done, plan.total);
    const names = files.map((f) => f.final.slice(plan.folder.length + 1));
    finishLog(db, plan, control.now(), 'done', names, null);
    return { counts: plan.counts, total: plan.total, files: names, folder: plan.folder };
  } catch (err) {
    for (const f of files) await f.abort();
    const shape: ErrorShape = err instanceof AppError ? err.toShape() : { code: 'internal', message: err instanceof Error ? err.message : String(err) };
    finishLog(db, plan, control.now(), shape.code === 'cancelled' ? 'cancelled' : 'failed', [], shape);
    throw err;
  }
}

const CHANGE_GROUPS: CodeGroup[] = ['complaintStatus', 'complaintCategory', 'severity', 'replyChannel'];

/** XLSX only: the word for each stored code of a column (cached: a month repeats a few codes 100 000 times). */
function columnLabel(t: Translate, column: ExportColumn): CellLabel {
  const group = column.codes;
  if (!group) return undefined;
  const cache = new Map<string, string>();
  const one =
    group === 'change'
      ? (value: string) =>
          value
            .split(/( → | \/ )/)
            .map((part, i) => {
              if (i % 2 === 1) return part;
              for (const g of CHANGE_GROUPS) {
                const word = codeLabel(t, g, part);
                if (word !== part) return word;
              }
              return part;
            })
            .join('')
      : (value: string) => codeLabel(t, group, value);
  return (value) => {
    let word = cache.get(value);
    if (word === undefined) {
      word = one(value);
      if (cache.size < 10_000) cache.set(value, word);
    }
    return word;
  };
}

async function printed(html: string, printPdf: PdfPrinter | undefined): Promise<Uint8Array> {
  if (!printPdf) throw new AppError('unsupported', pdfUnavailable);
  let bytes: Uint8Array;
  try {
    bytes = await printPdf(html);
  } catch (err) {
    throw new AppError('internal', `Printing the report to PDF failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  // a printer that hands back nothing (or not a PDF) must not become a report file
  if (bytes.length < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new AppError('internal', 'Printing the report to PDF gave no PDF');
  }
  return bytes;
}

/** Plan and write in one go (the CLI). */
export async function runExport(db: Db, request: ExportRequest, control: ExportControl): Promise<ExportOutcome> {
  return writeExport(db, planExport(db, request, control), control);
}
