// The purge: erased means gone on the team server too. The server's erasure (team.erase_phone)
// replaces the rows that held the person, but PostgreSQL keeps the replaced row versions in the
// table files (MVCC) and VACUUM only marks their space free. VACUUM (FULL) writes the table and its
// TOAST table anew from the live rows and drops the old files; it cannot run inside a function or a
// transaction, so IT runs it (`team purge`, nightly) with the owner's login (or, on PostgreSQL 17+,
// one granted MAINTAIN). It takes an ACCESS EXCLUSIVE lock: desks' pushes and pulls wait or fail and
// retry meanwhile, their saves never touch the server.
import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import { connect, describePgError, type ConnectOptions } from './pg-connect';

/** The tables a purge rewrites: the only ones that ever hold personal data. */
export const PURGED_TABLES = ['team.changes'] as const;

export interface PurgeRecord {
  /** the first erasure whose replaced rows are still in the files (null: nothing owed) */
  pendingSince: string | null;
  lastPurgeAt: string | null;
}

export interface PurgeOptions extends ConnectOptions {
  /** rewrite even when no erasure is owed (e.g. after an interrupted push left dead rows) */
  force?: boolean;
  /** ms to wait for sessions, replicas and prepared transactions that still see the old versions */
  waitMs?: number;
  /** ms the rewrite waits for its lock before giving up and trying again (the desks queue behind it meanwhile) */
  lockTimeoutMs?: number;
  /** tries at the lock before the purge gives up (exit 1; the next night tries again) */
  lockAttempts?: number;
  onProgress?: (line: string) => void;
}

export interface PurgeResult {
  /** false: nothing owed (and not forced): nothing was locked */
  purged: boolean;
  pendingSince: string | null;
  tables: { name: string; bytesBefore: number; bytesAfter: number }[];
  /** how long the rewrite held the tables (ACCESS EXCLUSIVE, with the wait for it): the longest a desk's sync waited, in ms */
  lockMs: number;
  lockAttempts: number;
}

interface Holder {
  what: string;
  who: string;
  since: Date | null;
}

const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);

/** What a workstation shows in About: null when the server has no purge record (schema before it). */
export async function readPurgeRecord(client: pg.Client): Promise<PurgeRecord | null> {
  try {
    const r = await client.query<{ pending_since: Date | null; last_purge_at: Date | null }>('SELECT pending_since, last_purge_at FROM team.purge');
    const row = r.rows[0];
    return row ? { pendingSince: iso(row.pending_since), lastPurgeAt: iso(row.last_purge_at) } : null;
  } catch (err) {
    // 42P01: a server set up by an older version ("team init" again adds the record)
    if ((err as { code?: string }).code === '42P01') return null;
    throw err;
  }
}

/**
 * Sessions, replication slots (a standby's hot_standby_feedback shows as its sender's xmin) and
 * prepared transactions whose snapshot may still see row versions replaced by transaction `xid`:
 * while one exists, a rewrite must copy those versions into the new file.
 */
async function holders(client: pg.Client, xid: string): Promise<Holder[]> {
  const r = await client.query<Holder>(
    `WITH e AS (SELECT age(xid($1::xid8)) AS age)
     SELECT 'session' AS what, coalesce(nullif(a.application_name, ''), a.usename::text, a.backend_type) || ' (pid ' || a.pid || ')' AS who,
            coalesce(a.xact_start, a.backend_start) AS since
       FROM pg_stat_activity a, e
      WHERE a.pid <> pg_backend_pid() AND (a.datname = current_database() OR a.backend_type = 'walsender')
        -- a VACUUM's own snapshot never holds another VACUUM back (and autovacuum yields to the lock)
        AND a.backend_type <> 'autovacuum worker'
        AND ((a.backend_xmin IS NOT NULL AND age(a.backend_xmin) >= e.age) OR (a.backend_xid IS NOT NULL AND age(a.backend_xid) >= e.age))
     UNION ALL
     SELECT 'replication slot', s.slot_name::text, NULL FROM pg_replication_slots s, e WHERE s.xmin IS NOT NULL AND age(s.xmin) >= e.age
     UNION ALL
     SELECT 'prepared transaction', p.gid, p.prepared FROM pg_prepared_xacts p, e WHERE p.database = current_database() AND age(p.transaction) >= e.age`,
    [xid],
  );
  return r.rows;
}

/** Whether this login may rewrite the table: its owner (or a member), the database's owner (before 17), a superuser, or MAINTAIN (17+). */
async function mayRewrite(client: pg.Client, table: string): Promise<boolean> {
  const version = Number((await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v);
  const r = await client.query<{ may: boolean }>(
    `SELECT pg_has_role(c.relowner, 'USAGE')
            OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            OR ($2::int < 170000 AND pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE'))
            ${version >= 170000 ? `OR has_table_privilege(c.oid, 'MAINTAIN')` : ''} AS may
       FROM pg_class c WHERE c.oid = $1::regclass`,
    [table, version],
  );
  return r.rows[0]?.may === true;
}

async function sizes(client: pg.Client): Promise<Map<string, number>> {
  const r = await client.query<{ name: string; bytes: string }>(
    `SELECT t AS name, pg_total_relation_size(t::regclass)::text AS bytes FROM unnest($1::text[]) t`,
    [[...PURGED_TABLES]],
  );
  return new Map(r.rows.map((row) => [row.name, Number(row.bytes)]));
}

/**
 * Idempotent: with nothing owed it locks nothing and says so. Refuses (AppError) when this login
 * may not rewrite the tables, when something still sees the old versions after `waitMs`, or when
 * the lock could not be had; the record stays owed and the next run tries again.
 */
export async function purgeServer(adminUrl: string, options: PurgeOptions = {}): Promise<PurgeResult> {
  const say = options.onProgress ?? (() => undefined);
  // the rewrite of a large table takes longer than a sync's statement timeout
  const client = await connect(adminUrl, { ...options, queryTimeoutMs: 0, applicationName: 'call-console purge' });
  const warnings: string[] = [];
  client.on('notice', (n: { severity?: string; message?: string }) => {
    if (n.severity === 'WARNING') warnings.push(n.message ?? '');
  });
  try {
    if ((await client.query(`SELECT to_regclass('team.purge') AS t`)).rows[0].t === null)
      throw new AppError('conflict', 'The team database has no purge record: run "team init" again with this version first');
    for (const table of PURGED_TABLES)
      if (!(await mayRewrite(client, table)))
        throw new AppError(
          'forbidden',
          `This login may not rewrite ${table}: run the purge with the login that ran "team init" (its owner), or on PostgreSQL 17+ one in the cc_team_maintenance role`,
        );
    const state = (
      await client.query<{ pending_since: Date | null; pending_xid: string | null }>('SELECT pending_since, pending_xid::text AS pending_xid FROM team.purge')
    ).rows[0];
    const pendingSince = iso(state?.pending_since ?? null);
    const pendingXid = state?.pending_xid ?? null;
    if (!pendingXid && !options.force) return { purged: false, pendingSince: null, tables: [], lockMs: 0, lockAttempts: 0 };

    // a rewrite keeps every version some open snapshot may still read: wait for those to end
    if (pendingXid) {
      const deadline = Date.now() + (options.waitMs ?? 60_000);
      for (let held = await holders(client, pendingXid); held.length > 0; held = await holders(client, pendingXid)) {
        if (Date.now() >= deadline) {
          const list = held.map((h) => `${h.what} ${h.who}${h.since ? ` since ${iso(h.since)}` : ''}`).join('; ');
          throw new AppError(
            'conflict',
            `Not purged: still open from before the erasure, and able to read the erased rows: ${list}. Nothing was rewritten; try again once it ends`,
          );
        }
        say(`waiting for ${held.length} session(s) that still see the erased rows…`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }

    const before = await sizes(client);
    // a rewrite waiting for its lock would queue every desk behind it: wait briefly, then retry
    await client.query(`SET lock_timeout = ${Math.max(1, Math.trunc(options.lockTimeoutMs ?? 5_000))}`);
    await client.query('SET statement_timeout = 0');
    const attempts = options.lockAttempts ?? 6;
    let lockMs = 0;
    let tried = 0;
    for (const table of PURGED_TABLES) {
      for (;;) {
        tried++;
        const started = performance.now();
        try {
          // VACUUM cannot run inside a transaction block: the pg client sends it on its own
          // (no ANALYZE: it would run after the rewrite under a weaker lock, and blur lockMs)
          await client.query(`VACUUM (FULL) ${table}`);
          lockMs += performance.now() - started;
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== '55P03' || tried >= attempts)
            throw new AppError('conflict', `Not purged: ${table} could not be rewritten (${describePgError(err)}); the next run tries again`);
          say(`${table} is busy; trying again…`);
          await new Promise((r) => setTimeout(r, 2_000));
        }
      }
    }
    // VACUUM only warns when it skips a table it may not touch
    if (warnings.length > 0) throw new AppError('forbidden', `Not purged: ${warnings.join('; ')}`);
    const after = await sizes(client);
    // an erasure that committed since the record was read is owed to the next run
    await client.query(
      `UPDATE team.purge SET last_purge_at = clock_timestamp(), last_purged_xid = coalesce($1::xid8, last_purged_xid),
              pending_since = CASE WHEN pending_xid IS NOT DISTINCT FROM $1::xid8 THEN NULL ELSE pending_since END,
              pending_xid = CASE WHEN pending_xid IS NOT DISTINCT FROM $1::xid8 THEN NULL ELSE pending_xid END`,
      [pendingXid],
    );
    return {
      purged: true,
      pendingSince,
      tables: PURGED_TABLES.map((name) => ({ name, bytesBefore: before.get(name) ?? 0, bytesAfter: after.get(name) ?? 0 })),
      lockMs,
      lockAttempts: tried,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
