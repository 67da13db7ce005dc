// Retention: personal data older than N months is anonymised
// automatically, at start-up and then daily, through the same registry as an erasure on request
// (electron/core/erasure.ts), and recorded the same way (kind 'retention', no phone number).
// N comes from IT's managed configuration (`retentionMonths`); absent or 0 means off.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { applyLocations } from './scrub';
import { deferrable, planScrubs, runPendingNow, type ScrubRunner } from './scrub-jobs';
import { getErasure, recordErasure } from './records';
import type { ErasureRecord } from '../../../shared/contract/privacy';

export const RETENTION_INTERVAL_MS = 24 * 60 * 60_000;

/** The instant before which personal data is due: N calendar months before now, in local time. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getDate();
  cutoff.setDate(1);
  cutoff.setMonth(cutoff.getMonth() - months);
  // 31 March minus one month is the last day of February, not 3 March
  const lastDay = new Date(cutoff.getFullYear(), cutoff.getMonth() + 1, 0).getDate();
  cutoff.setDate(Math.min(day, lastDay));
  return cutoff;
}

export interface RetentionOptions {
  months: number;
  dbFile: string;
  nativeBinding?: string;
  /** the service's background runner; without one the file work is done before applyRetention returns */
  scrubs?: ScrubRunner;
}

/** One retention pass; returns the erasure record, or null when nothing was due. */
export function applyRetention(db: Db, clock: Clock, options: RetentionOptions): ErasureRecord | null {
  if (!(options.months > 0)) return null;
  const now = clock.now();
  const at = now.toISOString();
  const scope = { kind: 'expired' as const, cutoff: retentionCutoff(now, options.months).toISOString() };
  db.pragma('secure_delete = ON');
  const id = db.transaction(() => {
    // the search index rewrite is left to a job, as for an erasure on request
    const counts = applyLocations(db, scope, at, { defer: deferrable(options.dbFile, { mentions: false }) });
    if (Object.values(counts).every((n) => n === 0)) return null;
    const erasureId = recordErasure(db, { at, kind: 'retention', agent: null, reason: `older than ${options.months} months (before ${scope.cutoff})`, counts });
    // the same path as an erasure on request: the file work is recorded first, finished after a crash
    planScrubs(db, erasureId, options.dbFile, scope, deferrable(options.dbFile, { mentions: false }));
    return erasureId;
  })();
  if (id === null) return null;
  if (options.scrubs) options.scrubs.kick();
  else runPendingNow(db, options.dbFile, at, options.nativeBinding);
  return getErasure(db, id, options.scrubs?.cleaningNow() ?? null);
}

/**
 * Runs retention once `after` settles (the start-up backup, so that backup is scrubbed too), then
 * every day. Returns the first run's result and a stop function for shutdown.
 */
export function scheduleRetention(
  db: Db,
  clock: Clock,
  options: RetentionOptions,
  after: Promise<unknown>,
  onError: (err: unknown) => void,
): { first: Promise<ErasureRecord | null>; stop(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || !db.open) return null;
    try {
      return applyRetention(db, clock, options);
    } catch (err) {
      onError(err);
      return null;
    }
  };
  const first = after.then(run, run);
  if (options.months > 0) {
    timer = setInterval(run, RETENTION_INTERVAL_MS);
    timer.unref?.();
  }
  return {
    first,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
