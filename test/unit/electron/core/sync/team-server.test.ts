// The team's PostgreSQL: init is idempotent and refuses a foreign database; a workstation's own
// login can insert its own changes and read the team's, and nothing else. Real cluster, TLS on.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { statSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pgSkipReason, startCluster, clientConfig, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, type Team } from '../../../../helpers/team';
import { teamInit, addWorkstation, scramVerifier } from '../../../../../electron/core/sync/server-schema';
import { connect, pgConfig, readConnectionFile, writeConnectionFile } from '../../../../../electron/core/sync/pg-connect';
import { runCli } from '../../../../../electron/core/entry/cli';
import { newId } from '../../../../../electron/core/infra/ids';
import { startCore } from '../../../../../electron/core/entry/start-core';

// real PostgreSQL on a shared 2-core machine: allow for a slow moment
vi.setConfig({ testTimeout: 60_000 });

const skip = pgSkipReason();

describe.skipIf(skip !== null)(`team server (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  let team: Team;

  beforeAll(async () => {
    cluster = await startCluster({ tls: true });
    team = await startTeam(cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  const asWorkstation = async (url: string) => {
    const c = new pg.Client(pgConfig(url, { ca: cluster.caPem }));
    await c.connect();
    return c;
  };

  test('init is idempotent and keeps the epoch and the changes', async () => {
    const admin = await team.admin();
    await admin.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'calls', '{}')`, [newId()]);
    const again = await teamInit(team.adminUrl, { ca: cluster.caPem });
    expect(again.created).toBe(false);
    const third = await teamInit(team.adminUrl, { ca: cluster.caPem });
    expect(third.epoch).toBe(again.epoch);
    expect((await admin.query('SELECT count(*)::int AS n FROM team.changes')).rows[0].n).toBe(1);
    await admin.end();
  });

  test('init refuses a database that holds something else, and changes nothing in it', async () => {
    await cluster.createDatabase('shop');
    const url = cluster.adminUrl('shop') + '?sslmode=verify-full';
    const c = new pg.Client(clientConfig(cluster, cluster.adminUrl('shop')));
    await c.connect();
    await c.query('CREATE TABLE orders (id int)');
    await expect(teamInit(url, { ca: cluster.caPem })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('public.orders') });
    expect((await c.query(`SELECT to_regnamespace('team') AS t`)).rows[0].t).toBeNull();
    await c.end();
  });

  test('a workstation inserts its own changes and reads the team’s; workstation, xid and pos are not its to set', async () => {
    const a = await team.workstation('desk_a');
    const b = await team.workstation('desk_b');
    const ca = await asWorkstation(a.url);
    const cb = await asWorkstation(b.url);
    const id = newId();
    await ca.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'calls', '{"x":1}')`, [id]);
    const seen = await cb.query('SELECT workstation FROM team.changes WHERE id = $1', [id]);
    expect(seen.rows[0].workstation).toBe('desk_a');

    // an insert claiming another workstation: no privilege on the column (and RLS would refuse it)
    await expect(cb.query(`INSERT INTO team.changes (id, kind, body, workstation) VALUES ($1, 'calls', '{}', 'desk_a')`, [newId()])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(cb.query(`INSERT INTO team.changes (id, kind, body, xid) VALUES ($1, 'calls', '{}', '1')`, [newId()])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(cb.query(`UPDATE team.changes SET body = '{}' WHERE id = $1`, [id])).rejects.toMatchObject({ code: '42501' });
    await expect(cb.query(`DELETE FROM team.changes WHERE id = $1`, [id])).rejects.toMatchObject({ code: '42501' });
    await expect(cb.query(`TRUNCATE team.changes`)).rejects.toMatchObject({ code: '42501' });
    // the erasure function is the team lead's
    await expect(cb.query(`SELECT team.erase_phone('13800138000', $1, '{}')`, [newId()])).rejects.toMatchObject({ code: '42501' });
    expect((await ca.query('SELECT body FROM team.changes WHERE id = $1', [id])).rows[0].body).toEqual({ x: 1 });
    await ca.end();
    await cb.end();
  });

  test('a non-TLS connection and an untrusted CA are refused when TLS is required', async () => {
    const a = await team.workstation('desk_tls');
    const plain = new pg.Client({ connectionString: a.url.replace(/\?.*$/, ''), connectionTimeoutMillis: 5000 });
    await expect(plain.connect()).rejects.toThrow(/pg_hba|no encryption|rejected/i);
    const otherCa = (await import('node:child_process')).execFileSync(
      'openssl',
      ['req', '-x509', '-new', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=Other CA', '-keyout', '/dev/null'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await expect(connect(a.url, { ca: otherCa })).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/certificate/i) });
    // the connection file's own CA works, and the URL asks for verify-full
    expect(a.url).toContain('sslmode=verify-full');
    const ok = await connect(a.url, { ca: a.ca ?? null });
    expect((await ok.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl).toBe(true);
    await ok.end();
  });

  test('the password reaches the server only as a SCRAM verifier', async () => {
    const admin = await team.admin();
    await addWorkstation(team.adminUrl, 'desk_scram', { ca: cluster.caPem });
    const hash = (await admin.query(`SELECT rolpassword FROM pg_authid WHERE rolname = 'desk_scram'`)).rows[0].rolpassword as string;
    expect(hash).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(scramVerifier('x')).not.toBe(scramVerifier('x')); // salted
    await admin.end();
  });

  test('add-workstation refuses a bad name; the CLI writes a 0600 connection file', async () => {
    await expect(addWorkstation(team.adminUrl, 'Desk A; DROP', { ca: cluster.caPem })).rejects.toMatchObject({ code: 'validation' });
    const dir = mkdtempSync(join(tmpdir(), 'team-'));
    const caFile = join(dir, 'ca.pem');
    (await import('node:fs')).writeFileSync(caFile, cluster.caPem!);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const file = join(dir, 'desk_cli.json');
    const code = await runCli(['team', 'add-workstation', '--server', team.adminUrl, '--ca', caFile, '--name', 'desk_cli', '--out', file], io);
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const conn = readConnectionFile(file);
    expect(conn).toMatchObject({ workstation: 'desk_cli', ca: cluster.caPem });
    // the password is in the file and nowhere in what the command printed
    expect(out.join('\n')).not.toContain(new URL(conn.url).password);
    expect(readFileSync(file, 'utf8')).toContain(new URL(conn.url).password);
    expect(await runCli(['team', 'init', '--server', team.adminUrl, '--ca', caFile], io)).toBe(0);
    expect(await runCli(['team', 'init', '--server', 'postgres://postgres:wrong@127.0.0.1:1/x'], io)).toBe(1);
  });

  test('the sync command runs one full round: exit 0, then 1 when the server cannot be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'team-sync-cli-'));
    const dbFile = join(dir, 'desk.db');
    const core = startCore({ dbFile, transport: 'browser', version: 'test' });
    core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Solo', 'agent', '2026-01-01T00:00:00.000Z')").run(newId());
    core.close();
    const conn = await team.workstation('desk_sync_cli');
    const connFile = join(dir, 'desk.json');
    writeConnectionFile(connFile, conn);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runCli(['sync', '--db', dbFile, '--team', connFile], io)).toBe(0);
    expect(out.join('\n')).toMatch(/pushed [1-9]\d*, pulled \d+ changes as desk_sync_cli; 0 waiting/);
    const admin = await team.admin();
    expect((await admin.query(`SELECT count(*)::int AS n FROM team.changes WHERE workstation = 'desk_sync_cli' AND kind = 'agents'`)).rows[0].n).toBe(1);
    await admin.end();
    // a connection file pointing nowhere: exit 1 with the reason, no password in it
    const bad = join(dir, 'bad.json');
    writeConnectionFile(bad, { ...conn, url: conn.url.replace(/:(\d+)\//, ':1/') });
    err.length = 0;
    expect(await runCli(['sync', '--db', dbFile, '--team', bad], io)).toBe(1);
    expect(err.join('\n')).toMatch(/Cannot reach the team server/);
    expect(err.join('\n')).not.toContain(new URL(conn.url).password);
    expect(await runCli(['sync', '--db', join(dir, 'missing.db'), '--team', connFile], io)).toBe(1);
    expect(await runCli(['sync', '--db', dbFile], io)).toBe(2);
  });
});
