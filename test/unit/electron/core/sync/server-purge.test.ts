// Erased means gone on the team server too: the server's erasure replaces the rows, but PostgreSQL
// keeps the replaced versions in the table files; `team purge` rewrites the table without them.
// The files are read byte by byte under the cluster's data folder, as someone with the disk would.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { pgSkipReason, startCluster, clientConfig, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, type Team } from '../../../../helpers/team';
import { call, fixedClock } from '../../../../helpers/core';
import { sixSpellings } from '../../../../helpers/disk-traces';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { syncOnce } from '../../../../../electron/core/sync/engine';
import { writeConnectionFile, type ConnectionFile } from '../../../../../electron/core/sync/pg-connect';
import { purgeServer, readPurgeRecord } from '../../../../../electron/core/sync/server-purge';
import { runCli } from '../../../../../electron/core/entry/cli';
import { teamInit } from '../../../../../electron/core/sync/server-schema';
import { newId } from '../../../../../electron/core/infra/ids';
import { generateTeamCalls } from '../../../../helpers/team-generate';

vi.setConfig({ testTimeout: 120_000 });

const skip = pgSkipReason();
const NAME = '欧阳修远';
const ADDRESS = '拱墅区莫干山路 1234 号';
const personal = [...sixSpellings, NAME, ADDRESS];

async function desk(name: string, role: 'lead' | 'agent' = 'agent') {
  const dbFile = join(mkdtempSync(join(tmpdir(), `cc-purge-${name}-`)), 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', clock: fixedClock('2026-12-01T09:00:00.000Z') });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: `Agent ${name}`, role });
  await call(core, 'session.signIn', { agentId: agent.id });
  return core;
}

async function takeCall(core: Core, fields: Record<string, string>): Promise<string> {
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields });
  await call(core, 'calls.end', { id });
  return id;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The files of team.changes (heap and TOAST, every 1 GB segment) as they are on disk now. */
async function tableFiles(cluster: PgCluster, admin: pg.Client): Promise<string[]> {
  // what the server still holds in memory goes to the files first
  await admin.query('CHECKPOINT');
  const r = await admin.query<{ f: string }>(
    `SELECT pg_relation_filepath(c.oid) AS f FROM pg_class c WHERE c.oid = 'team.changes'::regclass
     UNION ALL SELECT pg_relation_filepath(c.reltoastrelid) FROM pg_class c WHERE c.oid = 'team.changes'::regclass AND c.reltoastrelid <> 0`,
  );
  const files: string[] = [];
  for (const { f } of r.rows) {
    const base = join(cluster.dir, 'data', f);
    for (let seg = 0; existsSync(seg === 0 ? base : `${base}.${seg}`); seg++) files.push(seg === 0 ? base : `${base}.${seg}`);
  }
  return files;
}

/** Every file of the team database's folder (tables, indexes, TOAST, free space maps). */
async function databaseFiles(cluster: PgCluster, admin: pg.Client): Promise<string[]> {
  await admin.query('CHECKPOINT');
  const oid = (await admin.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid;
  const dir = join(cluster.dir, 'data', 'base', String(oid));
  return readdirSync(dir).map((f) => join(dir, f));
}

const found = (files: string[], needles: string[]) => {
  const bytes = files.map((f) => readFileSync(f));
  return needles.filter((n) => bytes.some((b) => b.includes(Buffer.from(n, 'utf8'))));
};

/** The live rows of team.changes as text (what any query sees). */
async function liveRows(admin: pg.Client): Promise<string> {
  return (await admin.query<{ t: string }>('SELECT t::text AS t FROM team.changes t ORDER BY pos')).rows.map((r) => r.t).join('\n');
}

describe.skipIf(skip !== null)(`the server's purge after an erasure (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  /** A lead desk and an agent desk; the agent took the caller's calls and another caller's. */
  async function erasedTeam(): Promise<{ team: Team; a: Core; b: Core; aConn: ConnectionFile; bConn: ConnectionFile; other: string; admin: pg.Client }> {
    const team = await startTeam(cluster);
    const a = await desk('lead', 'lead');
    const b = await desk('agent');
    const aConn = await team.workstation(`purge_a${team.db.slice(-2)}`, { lead: true });
    const bConn = await team.workstation(`purge_b${team.db.slice(-2)}`);
    // months of the team's history first; the caller phoned recently
    await syncOnce(a.db, aConn);
    const admin = await team.admin();
    await generateTeamCalls(admin, 2000);
    await takeCall(b, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: '发票', details: '也可打 139-8765-4321' });
    await takeCall(b, { callerName: NAME, phone: '+86 139 8765 4321', address: ADDRESS, subject: 'again', details: '139/8765/4321 或 １３９８７６５４３２１' });
    const other = await takeCall(b, { callerName: '李娜', phone: '139 1111 2222', address: '滨江区江南大道 8 号', subject: '安装' });
    for (const d of [
      [b, bConn],
      [a, aConn],
    ] as const)
      await syncOnce(d[0].db, d[1]);
    await call(a, 'lead.setPin', { pin: '864200' });
    await call(a, 'privacy.eraseCustomer', { phone: '139 8765 4321', reason: 'Asked to be forgotten' });
    await syncOnce(a.db, aConn);
    return { team, a, b, aConn, bConn, other, admin };
  }

  test('erased at a lead desk: the rows are redacted but the old versions stay in the table files until `team purge`; after it they are gone', async () => {
    const { team, a, b, aConn, bConn, admin } = await erasedTeam();
    // what any query sees is redacted already (the server's erasure function)…
    const live = await liveRows(admin);
    expect(personal.filter((n) => live.includes(n) || live.includes(JSON.stringify(n).slice(1, -1)))).toEqual([]);
    expect(live).toContain('李娜');
    // …but the bytes are still in the table's files: this is what the purge is for
    const before = found(await tableFiles(cluster, admin), personal);
    expect(before).toEqual(expect.arrayContaining([NAME, ADDRESS, '13987654321', '139 8765 4321']));
    // a plain VACUUM (what autovacuum runs) only marks the space free: bytes of the caller stay
    await admin.query('VACUUM team.changes');
    expect(found(await tableFiles(cluster, admin), personal)).not.toEqual([]);

    // every desk can read since when the purge is owed (About shows it)
    const asB = new pg.Client(clientConfig(cluster, bConn.url));
    await asB.connect();
    const owed = await readPurgeRecord(asB);
    expect(owed?.pendingSince).not.toBeNull();
    expect(owed?.lastPurgeAt).toBeNull();
    // a desk's login may read the record, never rewrite the table nor mark it purged
    await expect(asB.query('UPDATE team.purge SET pending_since = NULL')).rejects.toMatchObject({ code: '42501' });

    const run = await cli(['team', 'purge', '--server', team.adminUrl]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/purged team\.changes/);
    expect(run.out).toContain(`erasures since ${owed!.pendingSince}`);

    // gone from the table's new files and from every file of the database's folder
    expect(found(await tableFiles(cluster, admin), personal)).toEqual([]);
    expect(found(await databaseFiles(cluster, admin), personal)).toEqual([]);
    // the other caller and the team's history are untouched; desks sync on as before
    expect(await liveRows(admin)).toContain('李娜');
    expect(found(await tableFiles(cluster, admin), ['李娜', '滨江区江南大道'])).toEqual(['李娜', '滨江区江南大道']);
    const after = await readPurgeRecord(asB);
    expect(after).toEqual({ pendingSince: null, lastPurgeAt: expect.any(String) });
    const later = await takeCall(b, { callerName: '王芳', phone: '139 2222 3333', subject: 'after the purge' });
    await syncOnce(b.db, bConn);
    await syncOnce(a.db, aConn);
    expect(a.db.prepare('SELECT caller_name FROM calls WHERE id = ?').pluck().get(later)).toBe('王芳');

    // idempotent: nothing owed, nothing locked
    const again = await cli(['team', 'purge', '--server', team.adminUrl]);
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toMatch(/nothing to purge/);

    // not covered: the server's WAL still has the rows as they were written (IT's backup domain, README)
    const wal = join(cluster.dir, 'data', 'pg_wal');
    expect(
      found(
        readdirSync(wal)
          .filter((f) => /^[0-9A-F]{24}$/.test(f))
          .map((f) => join(wal, f)),
        [NAME],
      ),
    ).toEqual([NAME]);
    await asB.end();
    await admin.end();
    for (const d of [a, b]) d.close();
  });

  test('a workstation login (even a lead’s) cannot run the purge: exit 1, nothing changed; a server set up before the purge record owes one after `team init`', async () => {
    const { team, a, b, aConn, admin } = await erasedTeam();
    const run = await cli(['team', 'purge', '--server', aConn.url]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/error \(forbidden\): This login may not rewrite team\.changes/);
    expect(found(await tableFiles(cluster, admin), [NAME])).toEqual([NAME]);
    expect((await admin.query('SELECT pending_since FROM team.purge')).rows[0].pending_since).not.toBeNull();

    // the schema as an older version left it: "team init" adds the record, with the purge owed
    await admin.query('DROP TABLE team.purge');
    expect(await readPurgeRecord(admin)).toBeNull();
    expect((await cli(['team', 'purge', '--server', team.adminUrl])).err).toMatch(/run "team init" again/);
    await teamInit(team.adminUrl);
    expect((await readPurgeRecord(admin))?.pendingSince).toEqual(expect.any(String));
    expect((await cli(['team', 'purge', '--server', team.adminUrl])).code).toBe(0);
    expect(found(await tableFiles(cluster, admin), [NAME])).toEqual([]);
    await admin.end();
    for (const d of [a, b]) d.close();
  });

  test('a transaction that still sees the old versions (opened before the erasure) holds the purge back: exit 1 naming it; once it ends the purge runs', async () => {
    const team = await startTeam(cluster);
    const a = await desk('lead2', 'lead');
    const b = await desk('agent2');
    const aConn = await team.workstation('hold_a', { lead: true });
    const bConn = await team.workstation('hold_b');
    await takeCall(b, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: 'x' });
    await syncOnce(b.db, bConn);
    await syncOnce(a.db, aConn);
    // e.g. a long report or pg_dump on a snapshot taken before the erasure
    const reader = new pg.Client({ ...clientConfig(cluster, bConn.url), application_name: 'long report' });
    await reader.connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await reader.query('SELECT count(*) FROM team.changes');
    await call(a, 'lead.setPin', { pin: '864200' });
    await call(a, 'privacy.eraseCustomer', { phone: '139 8765 4321', reason: 'Asked to be forgotten' });
    await syncOnce(a.db, aConn);
    // that snapshot can still read the caller: a rewrite now would have to keep the old versions
    expect((await reader.query<{ t: string }>('SELECT body::text AS t FROM team.changes')).rows.some((r) => r.t.includes(NAME))).toBe(true);

    const held = await cli(['team', 'purge', '--server', team.adminUrl, '--wait', '1']);
    expect(held.code).toBe(1);
    expect(held.err).toMatch(/Not purged: still open from before the erasure.*long report/);
    const admin = await team.admin();
    expect((await admin.query('SELECT pending_since FROM team.purge')).rows[0].pending_since).not.toBeNull();

    await reader.query('COMMIT');
    await reader.end();
    const run = await cli(['team', 'purge', '--server', team.adminUrl, '--wait', '5']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(found(await databaseFiles(cluster, admin), personal)).toEqual([]);
    await admin.end();
    for (const d of [a, b]) d.close();
  });

  test('while the table is locked for the rewrite, desks keep saving at their usual speed; their syncs wait and everything arrives once, also across a real purge', async () => {
    const { team, a, b, admin } = await erasedTeam();
    a.close();
    b.close();
    // two desks syncing continuously, as the app does
    const dir = mkdtempSync(join(tmpdir(), 'cc-purge-live-'));
    const live = async (name: string) => {
      const file = join(dir, `${name}.json`);
      writeConnectionFile(file, await team.workstation(name));
      const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', teamConnectionFile: file, teamPollMs: 200 });
      const agentId = newId();
      core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, 'agent', '2026-01-01T00:00:00.000Z')").run(agentId, `Agent ${name}`);
      await call(core, 'session.signIn', { agentId });
      return core;
    };
    const x = await live('live_x');
    const y = await live('live_y');
    const status = (c: Core) => call(c, 'sync.status', {});
    const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 30_000) => {
      const end = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until('both desks in sync', async () => (await status(x)).mode === 'in_sync' && (await status(y)).mode === 'in_sync');
      // About on every desk says the server's copy of the erasure waits for the purge
      expect((await status(y)).serverPurge).toEqual({ pendingSince: expect.any(String), lastPurgeAt: null });
      // the lock VACUUM (FULL) takes, held as long as a large team's rewrite would take
      const locker = await team.admin();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE team.changes IN ACCESS EXCLUSIVE MODE');
      const ids: string[] = [];
      const took: number[] = [];
      const lockedUntil = Date.now() + 4_000;
      let i = 0;
      while (Date.now() < lockedUntil) {
        const t0 = performance.now();
        ids.push(await takeCall(x, { callerName: `客户${i}`, phone: `1380000${String(1000 + i++)}`, subject: 'during the purge' }));
        took.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
      // saves never wait for the server; the indicator says changes are waiting
      expect(Math.max(...took)).toBeLessThan(500);
      const waiting = await status(x);
      expect(waiting.pending).toBeGreaterThan(0);
      expect(['syncing', 'offline']).toContain(waiting.mode);
      expect(ids.some((id) => y.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(id))).toBe(false);
      await locker.query('COMMIT');
      await locker.end();
      await until('every call on desk y', () => ids.every((id) => y.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(id) !== undefined));

      // and the real thing: a purge while desk x keeps saving
      const more: string[] = [];
      const saving = (async () => {
        for (let k = 0; k < 15; k++) {
          more.push(await takeCall(x, { callerName: `客户${100 + k}`, phone: `1380001${String(1000 + k)}`, subject: 'purge running' }));
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const purged = await purgeServer(team.adminUrl);
      await saving;
      expect(purged.purged).toBe(true);
      // and About says so on the desks within seconds
      await until(
        'x to show the purge',
        async () => (await status(x)).serverPurge?.lastPurgeAt != null && (await status(x)).serverPurge?.pendingSince === null,
      );
      await until('every call on desk y after the purge', () => more.every((id) => y.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(id) !== undefined));
      await until('x in sync', async () => (await status(x)).pending === 0);
      // every call on the server (change ids are unique: a re-sent batch inserts nothing twice)
      const onServer = await admin.query<{ n: number }>(
        `SELECT count(DISTINCT body->>'ref')::int AS n FROM team.changes WHERE kind = 'calls' AND body->>'ref' = ANY($1::text[])`,
        [[...ids, ...more]],
      );
      expect(onServer.rows[0]!.n).toBe(ids.length + more.length);
      expect(found(await databaseFiles(cluster, admin), personal)).toEqual([]);
    } finally {
      await admin.end();
      x.close();
      y.close();
    }
  });
});
