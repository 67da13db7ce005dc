// Team mode in tests: a cluster with an initialised team database, workstations as in-memory
// cores, and a canonical dump that must be identical on every workstation after a full sync.
import pg from 'pg';
import { startCluster, clientConfig, type PgCluster, type ClusterOptions } from './pg-cluster';
import { teamInit, addWorkstation } from '../../electron/core/sync/server-schema';
import type { ConnectionFile } from '../../electron/core/sync/pg-connect';
import type { Db } from '../../electron/core/db/open';

export interface Team {
  cluster: PgCluster;
  db: string;
  adminUrl: string;
  workstation(name: string, options?: { lead?: boolean }): Promise<ConnectionFile>;
  admin(): Promise<pg.Client>;
}

let counter = 0;

export async function startTeam(cluster?: PgCluster, options: ClusterOptions = {}): Promise<Team> {
  const c = cluster ?? (await startCluster(options));
  const db = `team_${process.pid}_${++counter}`;
  await c.createDatabase(db);
  const adminUrl = c.adminUrl(db) + (c.caPem ? '?sslmode=verify-full' : '');
  await teamInit(adminUrl, { ca: c.caPem });
  return {
    cluster: c,
    db,
    adminUrl,
    async workstation(name, o = {}) {
      const added = await addWorkstation(adminUrl, name, { ca: c.caPem, ...o });
      return { format: 'call-console-team/1', url: added.url, workstation: name, ca: c.caPem };
    },
    async admin() {
      const client = new pg.Client(clientConfig(c, c.adminUrl(db)));
      // a test that stops the server leaves this connection broken: not an unhandled error
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
  };
}

const q = (db: Db, sql: string) => db.prepare(sql).raw().all();

/** What every workstation must agree on: records by their team-wide identity, no local-only columns. */
export function canonicalDump(db: Db): string {
  const agent = `(SELECT lower(name) FROM agents a WHERE a.id = t.agent_id)`;
  const customer = (col: string) => `(SELECT phone_norm FROM customers c WHERE c.id = t.${col})`;
  const callCols = (db.prepare(`SELECT name FROM pragma_table_info('calls')`).pluck().all() as string[])
    .filter((c) => !['agent_id', 'customer_id'].includes(c))
    // '' = taken at this desk: the same record says the desk's name on every other one
    .map((c) => (c === 'workstation' ? `CASE WHEN t.workstation = '' THEN (SELECT workstation FROM sync_state) ELSE t.workstation END` : `t.${c}`));
  const complaintCols = (db.prepare(`SELECT name FROM pragma_table_info('complaints')`).pluck().all() as string[])
    .filter((c) => !['owner_id', 'customer_id', 'seq', 'month'].includes(c))
    .map((c) => `t.${c}`);
  return JSON.stringify({
    agents: q(db, 'SELECT lower(name), role, active FROM agents ORDER BY lower(name)'),
    customers: q(db, 'SELECT phone_norm, phone, name, region, address FROM customers ORDER BY phone_norm'),
    calls: q(db, `SELECT ${callCols.join(', ')}, ${agent}, ${customer('customer_id')} FROM calls t ORDER BY id`),
    callEvents: q(db, `SELECT t.id, t.call_id, t.kind, t.data, t.created_at, ${agent} FROM call_events t ORDER BY id`),
    complaints: q(
      db,
      `SELECT ${complaintCols.join(', ')}, (SELECT lower(name) FROM agents a WHERE a.id = t.owner_id), ${customer('customer_id')} FROM complaints t ORDER BY id`,
    ),
    complaintEvents: q(db, 'SELECT id, complaint_id, kind, at, agent_name, data FROM complaint_events ORDER BY id'),
    notApplied: q(db, 'SELECT event_id, reason FROM sync_not_applied ORDER BY event_id'),
    callbacks: q(db, `SELECT t.id, t.status, t.result, t.due_at, t.reason, ${customer('customer_id')} FROM callbacks t ORDER BY id`),
    settings: q(db, `SELECT key, value FROM settings WHERE key IN ('company.name', 'call.lateAnswerSeconds', 'ui.defaultLanguage') ORDER BY key`),
    dispositions: q(db, 'SELECT * FROM dispositions ORDER BY id'),
  });
}
