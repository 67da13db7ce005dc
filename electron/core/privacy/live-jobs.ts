// The part of an erasure that reads or rewrites the whole live file, done in short slices after
// the erasure's own transaction (which changes only the person's rows, through indexes):
//   mentions  every free-text column of every table and the search documents, scanned for the
//             number range by range of rowids;
//   index     the search index merged until no segment holds a deleted entry's terms.
// Each slice is one short write transaction (about SLICE_MS), so a save waits at most that long for
// the lock; between slices the connection pauses at least as long as the slice took. The slices
// run on the scrub worker's own connection to the same WAL file (scrub-jobs.ts) and, where no
// worker can start, on the service's connection between its requests. A job cut short by a crash
// is simply run again at the next start: both are idempotent (a scrubbed mention is not found
// again; the merge starts over from the segments there are).
import type { Db } from '../db/open';
import { tableExists } from '../db/tables';
import { flushPendingCalls } from '../search/store';
import { personalDataLocations, type ErasureScope, type PersonalDataLocation } from './locations';
import { registerFunctions, scopeParams } from './scrub';

export type LiveJob = { kind: 'mentions'; erasureId: string; scope: ErasureScope; now: string } | { kind: 'index' };

/** How long one slice may hold the write lock: a save waiting behind it stays well under 200 ms. */
export const SLICE_MS = 25;
/** The shortest pause between slices, so that the service's writes get the lock in between. */
const MIN_PAUSE_MS = 15;

/** Slice length and the shortest pause after one (tests make the slices tiny and the pauses long). */
export interface SliceOptions {
  ms?: number;
  pauseMs?: number;
}

/** One job cut into steps; `step` runs one write transaction of about `budgetMs` and says whether more is left. */
interface Slicer {
  step(budgetMs: number): boolean;
}

const FIRST_ROWID = -(2n ** 63n);
const FIRST_BATCH = 200;

/** The mention scan: each background location's table, range by range of rowids. */
function mentionSlicer(db: Db, job: Extract<LiveJob, { kind: 'mentions' }>): Slicer {
  registerFunctions(db);
  const params = scopeParams(job.scope, job.now);
  const locations = personalDataLocations.filter((l) => l.background === 'mentions' && l.run && tableExists(db, l.table));
  let index = 0;
  let from = FIRST_ROWID;
  let batch = FIRST_BATCH;
  const addCount = db.prepare(
    `UPDATE erasures SET counts = json_set(counts, '$.' || @name, coalesce(json_extract(counts, '$.' || @name), 0) + @n) WHERE id = @id`,
  );
  const bound = (table: string) =>
    ({
      nth: db.prepare(`SELECT rowid FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?`).safeIntegers(true).pluck(),
      last: db.prepare(`SELECT max(rowid) FROM "${table}" WHERE rowid > ?`).safeIntegers(true).pluck(),
    }) as const;
  const bounds = new Map<string, ReturnType<typeof bound>>();
  const upTo = (location: PersonalDataLocation): bigint | null => {
    let b = bounds.get(location.table);
    if (!b) bounds.set(location.table, (b = bound(location.table)));
    const nth = b.nth.get(from, batch - 1) as bigint | undefined;
    return nth ?? (b.last.get(from) as bigint | null);
  };
  return {
    step(budgetMs) {
      if (index >= locations.length) return false;
      const started = performance.now();
      db.transaction(() => {
        const added = new Map<string, number>();
        while (index < locations.length && performance.now() - started < budgetMs) {
          const location = locations[index]!;
          const to = upTo(location);
          if (to === null) {
            index += 1;
            from = FIRST_ROWID;
            // another table, rows of another length: start small again
            batch = FIRST_BATCH;
            continue;
          }
          const t = performance.now();
          const n = location.run!(db, 'rowid > @from AND rowid <= @to', { ...params, from, to });
          if (n > 0) added.set(location.name, (added.get(location.name) ?? 0) + n);
          from = to;
          // about a fifth of the slice per batch, whatever the rows' length; grown at most twofold
          // at a time, as a batch that found nothing is no measure of one that finds mentions
          const took = Math.max(performance.now() - t, 0.1);
          batch = Math.round(Math.min(20_000, batch * 2, Math.max(50, (batch * budgetMs) / 5 / took)));
        }
        for (const [name, n] of added) addCount.run({ name, n, id: job.erasureId });
      }).immediate();
      return index < locations.length;
    },
  };
}

/**
 * The index rewrite: FTS5's incremental merge. The first call with a negative page count puts
 * every segment on one level and starts merging them all (the same result as 'optimize'); the
 * following calls, positive, continue that merge without restarting it when a save adds a segment
 * meanwhile. Done when a call changes fewer than two rows (FTS5's documented test: nothing was
 * left to merge). The merge writes the surviving entries only; the old segments' pages are
 * deleted, and secure_delete zeroes them.
 */
function indexSlicer(db: Db): Slicer {
  const merge = db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)");
  const changes = db.prepare('SELECT total_changes()').pluck();
  let started = false;
  let pages = 200;
  return {
    step(budgetMs) {
      if (!tableExists(db, 'search_fts')) return false;
      const t0 = performance.now();
      let more = true;
      db.transaction(() => {
        // the calls the erasure and the mention scan changed: their old entries deleted first
        if (!started && tableExists(db, 'search_pending')) flushPendingCalls(db);
        do {
          const t = performance.now();
          const before = changes.get() as number;
          merge.run(started ? pages : -pages);
          started = true;
          more = (changes.get() as number) - before >= 2;
          const took = Math.max(performance.now() - t, 0.1);
          if (Number.isFinite(budgetMs)) pages = Math.round(Math.min(4000, Math.max(16, (pages * budgetMs) / 2 / took)));
          else pages = 1000;
        } while (more && performance.now() - t0 < budgetMs);
      }).immediate();
      return more;
    },
  };
}

function slicerOf(db: Db, job: LiveJob): Slicer {
  return job.kind === 'mentions' ? mentionSlicer(db, job) : indexSlicer(db);
}

/** The whole job at once, in one transaction (a caller outside the service: no thread to protect). */
export function runLiveJobNow(db: Db, job: LiveJob): void {
  const slicer = slicerOf(db, job);
  while (slicer.step(Number.POSITIVE_INFINITY));
}

/**
 * The job in slices with pauses between them. Returns true when done, false when `stopped()` said
 * so first (the job stays pending). `afterSlice` runs after each committed slice (the worker
 * checkpoints its WAL frames there, so no save inherits a long checkpoint).
 */
export async function runLiveJobSliced(
  db: Db,
  job: LiveJob,
  { stopped, afterSlice, slice = {} }: { stopped: () => boolean; afterSlice?: () => void; slice?: SliceOptions },
): Promise<boolean> {
  const sliceMs = slice.ms ?? SLICE_MS;
  const pauseMs = slice.pauseMs ?? MIN_PAUSE_MS;
  const slicer = slicerOf(db, job);
  for (;;) {
    if (stopped()) return false;
    const started = performance.now();
    const more = slicer.step(sliceMs);
    afterSlice?.();
    if (!more) return true;
    const took = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, Math.max(pauseMs, took)));
  }
}
