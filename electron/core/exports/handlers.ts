// R1/R4: the team lead exports a period; the files leave the app, so the team-lead PIN is needed
// and every export is recorded in exports_log.
import { dirname, join } from 'node:path';
import type { DomainHandlers, ServiceContext } from '../context';
import { exportFormat, type exportsContract, type ExportLogEntry } from '../../../shared/contract/exports';
import { requireAgent } from '../agents/store';
import { requireLead } from '../lead/access';
import { ExportJobs } from './jobs';
import { resolvePeriod, type PeriodSpec, type ResolvedPeriod } from '../../../shared/domain/period';
import { AppError } from '../../../shared/errors';
import type { ExportControl } from './run';

export function periodOf(spec: PeriodSpec): ResolvedPeriod {
  try {
    return resolvePeriod(spec);
  } catch (err) {
    throw new AppError('validation', (err as Error).message, { fields: [{ path: 'period', code: 'invalid_period', message: (err as Error).message }] });
  }
}

export function defaultExportFolder(dbPath: string): string {
  return dbPath === ':memory:' ? join(process.cwd(), 'exports') : join(dirname(dbPath), 'exports');
}

/** jobs per service (one per database connection) */
const jobsOf = new WeakMap<ServiceContext, ExportJobs>();
export function exportJobs(ctx: ServiceContext, control: Partial<ExportControl> = {}): ExportJobs {
  let jobs = jobsOf.get(ctx);
  if (!jobs) {
    const printPdf = ctx.printPdf ? { printPdf: ctx.printPdf } : {};
    jobsOf.set(ctx, (jobs = new ExportJobs(ctx.db, { now: () => ctx.clock.now(), ...printPdf, ...control })));
  }
  return jobs;
}

interface LogRow {
  id: string;
  created_at: string;
  actor: string;
  period_label: string;
  format: ExportLogEntry['format'];
  folder: string;
  status: ExportLogEntry['status'];
  row_counts: string;
}

export function exportsHandlers(ctx: ServiceContext): DomainHandlers<typeof exportsContract> {
  const jobs = exportJobs(ctx);
  return {
    'exports.start': (input) => {
      const signedIn = requireAgent(ctx);
      const agent = requireLead(ctx) ?? signedIn;
      return jobs.start({
        period: periodOf(input.period),
        format: input.format,
        folder: input.folder,
        language: input.language,
        actor: { agentId: agent.id, name: agent.name },
      });
    },
    'exports.progress': (input) => jobs.progress(input.jobId),
    'exports.cancel': (input) => jobs.cancel(input.jobId),
    'exports.defaults': () => ({
      folder: defaultExportFolder(ctx.info.dbPath),
      formats: exportFormat.options.filter((f) => f !== 'pdf' || ctx.printPdf !== undefined),
    }),
    'exports.log': () => {
      requireLead(ctx);
      const rows = ctx.db.prepare('SELECT * FROM exports_log ORDER BY created_at DESC LIMIT 50').all() as LogRow[];
      return rows.map((r) => ({
        id: r.id,
        at: r.created_at,
        actor: r.actor,
        periodLabel: r.period_label,
        format: r.format,
        folder: r.folder,
        status: r.status,
        counts: JSON.parse(r.row_counts) as Record<string, number>,
      }));
    },
  };
}
