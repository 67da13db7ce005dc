// The command line IT schedules (R1: the month-end export), and the demo/check helpers.
//   node dist/node/cli.js …   (npm run cli -- …)      "Call Console" --cli …  (the installed app)
// Both entry points call runCli(); it never calls process.exit, it returns the exit code:
// 0 done, 1 failure (missing/corrupt database, unwritable folder), 2 usage (bad flags, bad month).
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseFlags, UsageError } from './args';
import { openDatabase, type Db } from '../db/open';
import { runExport } from '../exports/run';
import type { PdfPrinter } from '../exports/pdf';
import { fillDemoData } from '../db/demo-data';
import { resolvePeriod, type PeriodSpec, type ResolvedPeriod } from '../../../shared/domain/period';
import { AppError } from '../../../shared/errors';
import { exportFormat, exportLanguage, type ExportFormat, type ExportLanguage } from '../../../shared/contract/exports';
import { phoneCommand } from '../phone/cli-phone';
import { syncCommand, teamCommand, teamUsage } from '../sync/cli-commands';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliOptions {
  /** Electron passes its own build of better-sqlite3 */
  nativeBinding?: string;
  now?: () => Date;
  /** the installed app prints the report to PDF; plain Node cannot */
  printPdf?: PdfPrinter;
}

export const usage = `usage:
  export    --db <file> (--day YYYY-MM-DD | --week YYYY-Www | --month YYYY-MM | --quarter YYYY-Qn
                         | --from YYYY-MM-DD --to YYYY-MM-DD | --all)
            --format xlsx|csv|report|pdf --out <dir> [--lang en|zh-CN]
            (pdf: only through the installed app, "Call Console" --cli export …)
  demo-data --db <file> --calls <n> [--month YYYY-MM] [--seed <n>]
  check     --db <file>
  phone     ring --db <file> --from <number> [--to <extension>] [--call <id>]
            answer|hangup --db <file> [--call <id>] [--cause <text>]
            (delivers a softphone event to the console running with that database)
${teamUsage}`;

function dbFlag(value: string | undefined): string {
  if (!value) throw new UsageError('--db <file> is required');
  return resolve(value);
}

/** An existing database only: exporting or checking must never create an empty file. */
function openExisting(file: string, options: CliOptions, readonly = false): Db {
  if (!existsSync(file)) throw new AppError('db_unavailable', `No database at ${file}`);
  return openDatabase(file, { readonly, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

function periodFlags(values: { day?: string; week?: string; month?: string; quarter?: string; from?: string; to?: string; all?: boolean }): ResolvedPeriod {
  const given = [
    values.day !== undefined,
    values.week !== undefined,
    values.month !== undefined,
    values.quarter !== undefined,
    values.from !== undefined || values.to !== undefined,
    values.all === true,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw new UsageError(
      'give exactly one period: --day YYYY-MM-DD, --week YYYY-Www (or a day in it), --month YYYY-MM, --quarter YYYY-Qn, --from YYYY-MM-DD --to YYYY-MM-DD, or --all',
    );
  }
  let spec: PeriodSpec;
  if (values.all) spec = { all: true };
  else if (values.day !== undefined) spec = { day: values.day };
  else if (values.week !== undefined) spec = { week: values.week };
  else if (values.quarter !== undefined) spec = { quarter: values.quarter };
  else if (values.month !== undefined) spec = { month: values.month };
  else {
    if (!values.from || !values.to) throw new UsageError('--from and --to go together');
    spec = { from: values.from, to: values.to };
  }
  try {
    return resolvePeriod(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function exportCommand(argv: string[], io: CliIo, options: CliOptions): Promise<number> {
  const { values } = parseFlags(argv, {
    db: { type: 'string' },
    day: { type: 'string' },
    week: { type: 'string' },
    month: { type: 'string' },
    quarter: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    all: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
  });
  const file = dbFlag(values.db);
  const period = periodFlags(values);
  const format = exportFormat.safeParse(values.format);
  if (!format.success) throw new UsageError(`--format must be xlsx, csv, report or pdf, got "${values.format ?? ''}"`);
  if (format.data === 'pdf' && !options.printPdf) {
    throw new UsageError(
      '--format pdf needs the installed app, which prints the report: "Call Console" --cli export … --format pdf; here use --format report (a printable page)',
    );
  }
  if (!values.out) throw new UsageError('--out <dir> is required');
  const lang = exportLanguage.safeParse(values.lang ?? 'en');
  if (!lang.success) throw new UsageError(`--lang must be en or zh-CN, got "${values.lang}"`);
  const db = openExisting(file, options);
  try {
    const outcome = await runExport(
      db,
      {
        period,
        format: format.data as ExportFormat,
        // a shell's relative path means the shell's working folder
        folder: resolve(values.out),
        language: lang.data as ExportLanguage,
        // agentId null: the report is signed "scheduled export"; the log keeps the system user
        actor: { agentId: null, name: `cli:${safeUser()}` },
      },
      { now: options.now ?? (() => new Date()), ...(options.printPdf ? { printPdf: options.printPdf } : {}) },
    );
    io.out(`exported ${period.label} as ${format.data} into ${outcome.folder}`);
    for (const [table, count] of Object.entries(outcome.counts)) io.out(`  ${table}: ${count} rows`);
    io.out(`  total: ${outcome.total} rows`);
    for (const f of outcome.files) io.out(`  file: ${f}`);
    return 0;
  } finally {
    db.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function demoCommand(argv: string[], io: CliIo, options: CliOptions): number {
  const { values } = parseFlags(argv, {
    db: { type: 'string' },
    calls: { type: 'string' },
    month: { type: 'string' },
    seed: { type: 'string' },
  });
  const file = dbFlag(values.db);
  const calls = Number(values.calls);
  if (values.calls === undefined || !/^\d+$/.test(values.calls) || !Number.isSafeInteger(calls)) {
    throw new UsageError(`--calls must be a whole number, got "${values.calls ?? ''}"`);
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  let range: { from?: Date; to?: Date } = {};
  if (values.month !== undefined) {
    const p = periodFlags({ month: values.month });
    const now = (options.now ?? (() => new Date()))();
    // no calls from the future: this month's demo data ends now
    range = { from: new Date(p.from), to: new Date(Math.min(Date.parse(p.to), Math.max(Date.parse(p.from) + 1, now.getTime()))) };
  }
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const result = fillDemoData(db, { calls, ...range, ...(seed !== undefined ? { seed } : {}), now: (options.now ?? (() => new Date()))() });
    io.out(
      `added ${result.calls} calls, ${result.complaints} complaints, ${result.callbacks} callbacks, ${result.customers} customers, ${result.agents} agents to ${file}`,
    );
    return 0;
  } finally {
    db.close();
  }
}

function checkCommand(argv: string[], io: CliIo, options: CliOptions): number {
  const { values } = parseFlags(argv, { db: { type: 'string' } });
  const file = dbFlag(values.db);
  const db = openExisting(file, options, true);
  try {
    const result = db.pragma('integrity_check') as { integrity_check: string }[];
    const ok = result.length === 1 && result[0]!.integrity_check === 'ok';
    io.out(`integrity_check: ${ok ? 'ok' : result.map((r) => r.integrity_check).join('; ')}`);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    for (const t of tables)
      io.out(
        `  ${t}: ${String(
          db
            .prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`)
            .pluck()
            .get(),
        )} rows`,
      );
    io.out(`schema version: ${String(db.pragma('user_version', { simple: true }))}`);
    return ok ? 0 : 1;
  } finally {
    db.close();
  }
}

export async function runCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'export':
        return await exportCommand(rest, io, options);
      case 'demo-data':
        return demoCommand(rest, io, options);
      case 'check':
        return checkCommand(rest, io, options);
      case 'phone':
        return await phoneCommand(rest, io);
      case 'team':
        return await teamCommand(rest, io);
      case 'sync':
        return await syncCommand(rest, io, options);
      case 'help':
      case '--help':
        io.out(usage);
        return 0;
      case undefined:
        io.err(usage);
        return 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n${usage}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.err(`error (${err.code}): ${err.message}`);
      return 1;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

// The Node entry point (dist/node/cli.js). The Electron main calls runCli itself for `--cli`; once
// this module is bundled into main.js, `require.main === module` is true there too, hence the
// Electron check.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module && !process.versions.electron) {
  void runCli(process.argv.slice(2), consoleIo).then((code) => {
    process.exitCode = code;
  });
}
