// One sync round against the team's PostgreSQL: push everything pending, then pull until caught
// up. The local file stays the source of truth: a failed round changes nothing already saved,
// and the next round carries on from the outbox and the cursor.
import type pg from 'pg';
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';
import { connect, describePgError, type ConnectionFile, type ConnectOptions } from './pg-connect';
import {
  acknowledge,
  applyAhead,
  applyBatch,
  enableTeamMode,
  planWorkerSlice,
  readState,
  type WorkerSlice,
  rememberWorkstations,
  takeOutgoing,
  type IncomingChange,
} from './local';
import { startApplyWorker, type ApplyReply, type ApplyWorker } from './apply-worker';
import { finishErasures, forgetOutgoingErasure, outgoingErasure } from './erasure';
import { ERASURE_LOCK, LEAD_ROLE } from './server-schema';
import { newId } from '../infra/ids';
import { deferredCount, indexDeferred } from '../search/store';
import { holdIndexing, indexDeferredInWorker } from '../search/index-worker';

export const PUSH_BATCH = 500;
export const PULL_BATCH = 1000;
/** pages once a full page showed this desk is behind (joining a team): fewer round trips */
export const CATCH_UP_PAGE = 5000;
/**
 * How long one local transaction may hold the service while catching up: the service answers
 * between two of them. Slices of changes (and chunks of documents to index) are sized from the
 * last one's speed to take about this long.
 */
export const SLICE_MS = 40;
/**
 * The same for a slice the applying thread writes (apply-worker.ts): the service answers reads
 * meanwhile, only an agent's save waits for it, so it may be longer (each transaction has a fixed
 * cost, and larger ones rewrite each index page fewer times).
 */
export const WORKER_SLICE_MS = 250;
/** changes prepared for the applying thread in one go on the service's thread (a few milliseconds) */
const PLAN_PART = 100;

/** page cache while catching up, in KiB as SQLite takes a negative cache_size (64 MiB) */
const CATCH_UP_CACHE_KIB = -65_536;

/**
 * The next slice's size: as many as took about SLICE_MS last time, but never below \`min\`: each
 * transaction has a fixed cost (and each index chunk leaves a new full-text segment to merge), so
 * on a starved machine tiny slices would make catching up crawl.
 */
const nextSize = (done: number, tookMs: number, min: number, max: number, targetMs = SLICE_MS) =>
  Math.max(min, Math.min(max, Math.round((done * targetMs) / Math.max(1, tookMs))));

/** lets the service's queued requests (and the socket) run between two local transactions */
const yieldToService = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RoundResult {
  pushed: number;
  pulled: number;
  /** server position reached, for exports that say what they cover */
  cursor: { epoch: string; xid: string; pos: number };
}

export interface RoundOptions extends ConnectOptions {
  now?: () => Date;
  /** called after each batch (the app's indicator shows progress) */
  onProgress?: (p: { pushed: number; pulled: number }) => void;
  /** after catching up, while the pulled rows' search documents are indexed: how many so far */
  onIndexed?: (indexed: number) => void;
  /** better-sqlite3's native module for this runtime (Electron's), for the search indexer's thread */
  nativeBinding?: string;
}

/** whether a connection's login may run the server's erasure: asked once per connection */
const leadLogins = new WeakMap<pg.Client, boolean>();

export async function push(client: pg.Client, db: Db, now: () => Date, onBatch?: (n: number) => void): Promise<number> {
  let total = 0;
  let lead: boolean | null = leadLogins.get(client) ?? null;
  // erasures applied ahead in this push: one that cannot be stored here is not retried forever
  const ahead = new Set<string>();
  const isLead = async () => {
    lead ??= (await client.query<{ m: boolean }>(`SELECT pg_has_role(current_user, '${LEAD_ROLE}', 'MEMBER') AS m`)).rows[0]!.m;
    leadLogins.set(client, lead);
    return lead;
  };
  if (await isLead()) await relayErasures(client);
  for (;;) {
    const batch = takeOutgoing(db, PUSH_BATCH);
    if (batch.length === 0) return total;
    // Erasures first, each through the server's own erasure when this login may run it (a lead's).
    for (const c of batch.filter((b) => b.kind === 'erasures')) {
      const { phoneNorm } = outgoingErasure(db, c.ref);
      if (phoneNorm && (await isLead())) await client.query('SELECT team.erase_phone($1, $2::uuid, $3::jsonb)', [phoneNorm, c.id, JSON.stringify(c.body)]);
      else
        await client.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'erasures', $2) ON CONFLICT (id) DO NOTHING`, [c.id, JSON.stringify(c.body)]);
    }
    const rest = batch.filter((b) => b.kind !== 'erasures');
    await client.query('BEGIN');
    try {
      // An erasure made elsewhere that this desk has not applied yet is applied before anything
      // is sent: records of the erased person go out erased (the outbox reads rows at push time).
      // The shared lock makes a concurrent server erasure wait for this push, and this push wait for it.
      await client.query(`SELECT pg_advisory_xact_lock_shared(${ERASURE_LOCK})`);
      const known = db.prepare('SELECT id FROM erasures').pluck().all() as string[];
      const unseen = await client.query<{ pos: string; xid: string; id: string; workstation: string; kind: string; body: Record<string, unknown> }>(
        `SELECT pos, xid::text AS xid, id, workstation, kind, body FROM team.changes
          WHERE kind = 'erasures' AND NOT (coalesce(body->>'ref', '') = ANY($1::text[])) ORDER BY pos`,
        [known],
      );
      const fresh = unseen.rows.filter((r) => !ahead.has(r.id));
      if (fresh.length > 0) {
        await client.query('COMMIT');
        for (const r of fresh) ahead.add(r.id);
        applyAhead(
          db,
          readState(db).workstation,
          fresh.map((r) => ({ ...r, pos: Number(r.pos) })),
        );
        finishErasures(db);
        continue; // the batch again, read after the erasure
      }
      if (rest.length > 0) {
        // idempotent: a batch re-sent after a crash or a lost reply inserts nothing twice
        await client.query(
          `INSERT INTO team.changes (id, kind, body)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) ON CONFLICT (id) DO NOTHING`,
          [rest.map((c) => c.id), rest.map((c) => c.kind), rest.map((c) => JSON.stringify(c.body))],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    acknowledge(db, batch, now().toISOString());
    for (const c of batch) if (c.kind === 'erasures') forgetOutgoingErasure(db, c.ref);
    total += batch.length;
    onBatch?.(total);
  }
}

/**
 * An erasure made at a desk whose login is not a lead's reached every desk but the server did not
 * run it. A desk with a lead's login runs it when it pushes: the number comes from the server's own
 * copies of the records the erasure names (it never travels), the erasure change is the same record
 * again (applied once everywhere, by its id).
 */
async function relayErasures(client: pg.Client): Promise<void> {
  const waiting = await client.query<{ body: Record<string, unknown> }>(
    `SELECT e.body FROM team.changes e WHERE e.kind = 'erasures' AND NOT (e.body ? 'server')
        AND NOT EXISTS (SELECT 1 FROM team.changes s WHERE s.kind = 'erasures' AND s.body ? 'server' AND s.body->>'ref' = e.body->>'ref')
      ORDER BY e.pos`,
  );
  for (const { body } of waiting.rows) {
    const refs = (Array.isArray(body.refs) ? (body.refs as { kind: string; ref: string; own?: boolean }[]) : []).filter((r) => r.own).map((r) => r.ref);
    const numbers = await client.query<{ n: string }>(
      `SELECT DISTINCT c.body->'row'->>'phone_norm' AS n FROM team.changes c
        WHERE c.kind IN ('calls', 'customers', 'callbacks') AND c.body->>'ref' = ANY($1::text[]) AND length(coalesce(c.body->'row'->>'phone_norm', '')) >= 3`,
      [refs],
    );
    // none found (the copies were redacted some other way): nothing for the server to do; it is
    // looked at again at the next push, a query on the few erasure changes
    for (const { n } of numbers.rows) await client.query('SELECT team.erase_phone($1, $2::uuid, $3::jsonb)', [n, newId(), JSON.stringify(body)]);
  }
}

export async function serverEpoch(client: pg.Client): Promise<string> {
  const r = await client.query<{ value: string }>(`SELECT value FROM team.meta WHERE key = 'epoch'`);
  if (!r.rows[0]) throw new AppError('conflict', 'The team database has no epoch: was "team init" run?');
  return r.rows[0].value;
}

/**
 * A new epoch means the server was restored (`team init --new-epoch`) or replaced. Restored: pull
 * everything again (applying is idempotent). Replaced by an empty one (nothing of ours on it):
 * push everything this file holds again as well, so losing the server loses nothing.
 */
export async function checkEpoch(client: pg.Client, db: Db): Promise<void> {
  const epoch = await serverEpoch(client);
  const state = readState(db);
  if (state.epoch === '' || state.epoch === epoch) return;
  const ours = await client.query('SELECT 1 FROM team.changes WHERE workstation = current_user LIMIT 1');
  db.transaction(() => {
    db.prepare(`UPDATE sync_state SET cursor_xid = '0', cursor_pos = 0, epoch = ?`).run(epoch);
    if (ours.rowCount === 0) db.prepare('UPDATE sync_state SET backfilled = 0').run();
  })();
  if (ours.rowCount === 0) enableTeamMode(db, state.workstation, state.server);
}

type PulledRow = { pos: string; xid: string; id: string; workstation: string; kind: string; body: Record<string, unknown> };

async function fetchPage(client: pg.Client, xid: string, pos: number, limit: number): Promise<IncomingChange[]> {
  const r = await client.query<PulledRow>(
    // ORDER BY names the table's columns: a bare \`xid\` there is the output column, the text, and
    // sorting by it put xid 10000 before 9999 (a page cut there skipped rows) and made PostgreSQL
    // read and sort every row after the cursor for each page (seconds at a million) instead of
    // walking the (xid, pos) index for one page
    `SELECT c.pos, c.xid::text AS xid, c.id, c.workstation, c.kind, c.body FROM team.changes c
     WHERE (c.xid, c.pos) > ($1::text::xid8, $2::bigint) AND c.xid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY c.xid, c.pos LIMIT ${Math.trunc(limit)}`,
    [xid, pos],
  );
  return r.rows.map((row) => ({ ...row, pos: Number(row.pos) }));
}

/**
 * Pull with the fenced cursor: rows come in (xid, pos) order and only from transactions older
 * than every transaction still running, so a slow writer's row is never skipped (TEAM-SYNC.md).
 *
 * Catching up (a full page came back: a desk joining a team, or back after days away): larger
 * pages, the next one fetched while this one is applied; each slice is applied with its cursor
 * move in one local transaction, and the rows' search documents are written without indexing them
 * one by one. Slices of new calls are written by a thread of their own (apply-worker.ts, sized to
 * take about WORKER_SLICE_MS) while this thread prepares the next and the service answers; other
 * slices are applied here (sized to take about SLICE_MS), the service answering between them. Once caught
 * up they are indexed in bulk, a chunk at a time (search says how many are still waiting).
 */
export async function pull(
  client: pg.Client,
  db: Db,
  now: () => Date,
  onBatch?: (n: number) => void,
  onIndexed?: (indexed: number) => void,
  { nativeBinding }: { nativeBinding?: string } = {},
): Promise<number> {
  const epoch = await serverEpoch(client);
  const state = readState(db);
  let xid = state.cursorXid;
  let pos = state.cursorPos;
  if (state.epoch !== '' && state.epoch !== epoch) {
    // the server was restored (xids do not survive a dump): pull everything again, applying is idempotent
    xid = '0';
    pos = 0;
  }
  let total = 0;
  let limit = PULL_BATCH;
  let sliceSize = 100;
  let page = fetchPage(client, xid, pos, limit);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  /**
   * A transaction that holds only what the server can give again (pulled rows with their cursor,
   * or index pages) commits without waiting for the disk (WAL, synchronous NORMAL): a power cut
   * may lose the latest of them, rows and cursor together, never one without the other, and the
   * next pull brings them again. Set around that one
   * transaction only: an agent's save, and the next commit, fsync as always.
   */
  const pulledOnly = <T>(fn: () => T): T => {
    db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
    }
  };
  try {
    return await pullPages();
  } finally {
    if (db.open) db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }

  async function pullPages(): Promise<number> {
    // catching up, new calls are written by a thread of its own (apply-worker.ts); anything else,
    // and everything when no worker can run, is applied here as before
    let worker: ApplyWorker | null = null;
    let workerWanted = !db.memory;
    /** the slice the worker is writing: awaited before anything else is applied, so the order holds */
    let inFlight: { slice: IncomingChange[]; reply: Promise<ApplyReply | null> } | null = null;
    let workerSize = 500;
    let catchingUp = false;
    let release: (() => void) | null = null;
    /** applied here: catching up, in slices sized to hold the service about SLICE_MS each */
    const applyHere = async (changes: IncomingChange[], behind: boolean) => {
      for (let i = 0; i < changes.length;) {
        const slice = behind ? changes.slice(i, i + sliceSize) : changes;
        i += slice.length;
        const started = performance.now();
        if (behind) pulledOnly(() => applyBatch(db, state.workstation, epoch, slice, now().toISOString(), { deferIndex: true }));
        else applyBatch(db, state.workstation, epoch, slice, now().toISOString());
        finishErasures(db);
        total += slice.length;
        onBatch?.(total);
        if (behind) {
          sliceSize = nextSize(slice.length, performance.now() - started, 100, CATCH_UP_PAGE);
          await yieldToService();
        }
      }
    };
    /** the worker's slice committed, or (a call already here, an error, no worker any more) applied here instead */
    const settle = async () => {
      if (!inFlight) return;
      const { slice, reply } = inFlight;
      inFlight = null;
      const r = await reply;
      if (r?.applied) {
        total += slice.length;
        onBatch?.(total);
        workerSize = nextSize(slice.length, r.ms, 200, CATCH_UP_PAGE, WORKER_SLICE_MS);
      } else await applyHere(slice, true);
    };
    /** the slice's longest prefix of whole parts the worker can write, and how many changes it holds */
    const planInParts = async (slice: IncomingChange[]): Promise<{ plan: WorkerSlice; count: number }> => {
      const ids = new Set<unknown>();
      const plan: WorkerSlice = { statements: [], checks: [] };
      let count = 0;
      while (count < slice.length) {
        const part = planWorkerSlice(db, slice.slice(count, count + PLAN_PART), ids);
        if (!part) break;
        plan.statements.push(...part.statements);
        plan.checks.push(...part.checks);
        count = Math.min(slice.length, count + PLAN_PART);
        await yieldToService();
      }
      return { plan, count };
    };
    try {
      for (;;) {
        const changes = await page;
        if (changes.length === 0) {
          await settle();
          if (total === 0) applyBatch(db, state.workstation, epoch, [], now().toISOString());
          break;
        }
        // a full page: behind (joining a team, back after days away); the rest of a catch-up, its
        // last page included, is applied the same way
        const full = changes.length === limit;
        catchingUp ||= full;
        // the search indexer's own passes wait until the calls are in (the pass below indexes them)
        if (catchingUp && !db.memory) release ??= holdIndexing(db.name);
        const behind = catchingUp;
        if (full) {
          // catching up writes all over the tables' indexes and the pair index: a larger page cache
          // while it lasts (the usual small one comes back after)
          db.pragma(`cache_size = ${CATCH_UP_CACHE_KIB}`);
          limit = CATCH_UP_PAGE;
          const last = changes.at(-1)!;
          page = fetchPage(client, last.xid, last.pos, limit);
          // a rejected prefetch is seen when awaited; until then it must not count as unhandled
          page.catch(() => undefined);
          if (workerWanted && !worker) {
            try {
              worker = startApplyWorker(db.name, nativeBinding ? { nativeBinding } : {});
            } catch {
              workerWanted = false;
            }
          }
        }
        for (let i = 0; i < changes.length;) {
          if (behind && worker) {
            // the next slice is prepared here while the worker writes the previous one, in parts
            // with the service answering between them (reading a part's numbers takes a while)
            const { plan, count } = await planInParts(changes.slice(i, i + workerSize));
            await settle();
            if (count === 0) {
              // not only new calls (agents, cards, complaints, a call already here…): applied here
              const here = changes.slice(i, i + sliceSize);
              i += here.length;
              await applyHere(here, true);
              continue;
            }
            const slice = changes.slice(i, i + count);
            i += count;
            const last = slice.at(-1)!;
            const w: ApplyWorker = worker;
            const reply = w.apply({ ...plan, cursor: { xid: last.xid, pos: last.pos, epoch }, at: now().toISOString(), deferIndex: true }).catch(() => {
              // the thread is gone: this slice and the rest are applied here
              if (worker === w) worker = null;
              workerWanted = false;
              return null;
            });
            inFlight = { slice, reply };
            continue;
          }
          await settle();
          const rest = changes.slice(i);
          i = changes.length;
          await applyHere(rest, behind);
        }
        if (!full) {
          await settle();
          break;
        }
      }
    } finally {
      if (inFlight) await (inFlight as { reply: Promise<unknown> }).reply.catch(() => undefined);
      await (worker as ApplyWorker | null)?.close().catch(() => undefined);
      (release as (() => void) | null)?.();
    }
    let indexed = 0;
    if (!db.memory && deferredCount(db) > 0) {
      // on a thread of its own: history and search read meanwhile without waiting for a chunk
      await indexDeferredInWorker(db.name, { ...(nativeBinding ? { nativeBinding } : {}), onIndexed: (n) => onIndexed?.((indexed = n)) }).catch(
        () => undefined, // no worker here: what is left is indexed below, on this thread
      );
    }
    for (let chunk = 100; ;) {
      const started = performance.now();
      const n = pulledOnly(() => indexDeferred(db, chunk));
      if (n === 0) break;
      onIndexed?.((indexed += n));
      chunk = nextSize(n, performance.now() - started, 500, 5000);
      await yieldToService();
    }
    return total;
  }
}

export function recordError(db: Db, message: string): void {
  db.prepare('UPDATE sync_state SET last_error = ?').run(message);
}

/** One full round for the CLI and tests: connect, push, pull, disconnect. */
export async function syncOnce(db: Db, team: ConnectionFile, options: RoundOptions = {}): Promise<RoundResult> {
  const now = options.now ?? (() => new Date());
  enableTeamMode(db, team.workstation, serverLabel(team.url));
  let client: pg.Client | null = null;
  try {
    client = await connect(team.url, { ...options, ca: team.ca ?? null });
    await checkEpoch(client, db);
    let pushed = 0;
    let pulled = 0;
    pushed = await push(client, db, now, (n) => options.onProgress?.({ pushed: n, pulled }));
    pulled = await pull(client, db, now, (n) => options.onProgress?.({ pushed, pulled: n }), options.onIndexed, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // what was written locally while pulling goes out in the same round
    pushed += await push(client, db, now);
    const seen = await client.query<{ workstation: string; last: Date }>('SELECT workstation, max(at) AS last FROM team.changes GROUP BY workstation');
    rememberWorkstations(
      db,
      seen.rows.map((r) => ({ workstation: r.workstation, lastSeen: new Date(r.last).toISOString() })),
    );
    const s = readState(db);
    return { pushed, pulled, cursor: { epoch: s.epoch, xid: s.cursorXid, pos: s.cursorPos } };
  } catch (err) {
    const message = err instanceof AppError ? err.message : `Sync failed: ${describePgError(err)}`;
    recordError(db, message);
    throw err instanceof AppError ? err : new AppError('io', message);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/** host:port/database, never the password */
export function serverLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '';
  }
}
