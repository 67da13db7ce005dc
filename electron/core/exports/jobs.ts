// Export jobs: exports.start plans the export (so a bad folder fails at once) and returns a job
// id; the files are written in the background while the renderer polls exports.progress.
import type { Db } from '../db/open';
import type { ExportProgress } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';
import { planExport, writeExport, type ExportControl, type ExportRequest } from './run';

interface Job {
  progress: ExportProgress;
  cancel: boolean;
  finished: Promise<void>;
}

const KEEP_FINISHED = 20;

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Db,
    private readonly control: ExportControl,
  ) {}

  start(request: ExportRequest): ExportProgress {
    const plan = planExport(this.db, request, this.control);
    const progress: ExportProgress = {
      jobId: plan.id,
      state: 'running',
      format: request.format,
      done: 0,
      total: plan.total,
      counts: plan.counts,
      files: [],
      folder: plan.folder,
      error: null,
    };
    const job: Job = { progress, cancel: false, finished: Promise.resolve() };
    job.finished = writeExport(this.db, plan, {
      ...this.control,
      onProgress: (done) => {
        progress.done = done;
      },
      cancelled: () => job.cancel,
    }).then(
      (outcome) => {
        progress.state = 'done';
        progress.done = outcome.total;
        progress.files = outcome.files;
      },
      (err: unknown) => {
        const shape = err instanceof AppError ? err.toShape() : { code: 'internal' as const, message: 'The export failed unexpectedly' };
        progress.state = shape.code === 'cancelled' ? 'cancelled' : 'failed';
        progress.error = shape;
      },
    );
    this.jobs.set(plan.id, job);
    this.prune();
    return { ...progress };
  }

  progress(jobId: string): ExportProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No export job ${jobId}`);
    return { ...job.progress };
  }

  cancel(jobId: string): ExportProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No export job ${jobId}`);
    if (job.progress.state === 'running') job.cancel = true;
    return { ...job.progress };
  }

  /** for tests and shutdown: resolves when the job has finished, whatever the outcome */
  async settled(jobId: string): Promise<ExportProgress> {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No export job ${jobId}`);
    await job.finished;
    return { ...job.progress };
  }

  private prune(): void {
    const finished = [...this.jobs].filter(([, j]) => j.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
