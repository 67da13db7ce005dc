// The app in team mode keeps working when the server goes away: saves stay local and fast, the
// status says offline with what is waiting, and everything arrives once the server is back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgSkipReason, startCluster, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, type Team } from '../../../../helpers/team';
import { call } from '../../../../helpers/core';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { writeConnectionFile } from '../../../../../electron/core/sync/pg-connect';
import { TeamSync } from '../../../../../electron/core/sync/team-sync';
import { newId } from '../../../../../electron/core/infra/ids';

const skip = pgSkipReason();

async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

async function deskCore(team: Team, name: string, dir: string): Promise<Core> {
  const conn = await team.workstation(name);
  const file = join(dir, `${name}.json`);
  writeConnectionFile(file, conn);
  const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', teamConnectionFile: file, teamPollMs: 200 });
  const agentId = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, 'agent', '2026-01-01T00:00:00.000Z')").run(agentId, `Agent ${name}`);
  await core.dispatch('session.signIn', { agentId });
  return core;
}

async function timedSave(core: Core, phone: string): Promise<{ id: string; ms: number }> {
  const t0 = performance.now();
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { callerName: 'x', phone } });
  return { id: started.id, ms: performance.now() - t0 };
}

const hasCall = (core: Core, id: string) => core.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(id) !== undefined;

describe.skipIf(skip !== null)(`team sync in the app, server down (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  let team: Team;
  const dir = mkdtempSync(join(tmpdir(), 'team-part-'));
  beforeAll(async () => {
    cluster = await startCluster();
    team = await startTeam(cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  test('syncs continuously; server stopped: saves continue, status offline with N waiting; catch-up after', async () => {
    const a = await deskCore(team, 'part_a', dir);
    const b = await deskCore(team, 'part_b', dir);
    try {
      const first = await timedSave(a, '13500000001');
      await until('B to see the call', () => hasCall(b, first.id), Boolean);
      await until(
        'A in sync',
        () => call(a, 'sync.status', {}),
        (s) => s.mode === 'in_sync' && s.pending === 0,
      );

      await cluster.stop();
      const saves: { id: string; ms: number }[] = [];
      for (let i = 0; i < 20; i++) saves.push(await timedSave(a, `1350000010${i % 10}`));
      // the save path never waits for the network
      expect(Math.max(...saves.map((s) => s.ms))).toBeLessThan(250);
      const offline = await until(
        'A offline',
        () => call(a, 'sync.status', {}),
        (s) => s.mode === 'offline',
      );
      expect(offline.offlineSince).not.toBeNull();
      expect(offline.pending).toBeGreaterThanOrEqual(20);
      expect(offline.error).not.toMatch(/password|postgres:\/\/[^*]/);

      await cluster.start();
      await until('B to catch up', () => saves.every((s) => hasCall(b, s.id)), Boolean, 45_000);
      const back = await until(
        'A back in sync',
        () => call(a, 'sync.status', {}),
        (s) => s.mode === 'in_sync' && s.pending === 0,
        45_000,
      );
      expect(back.offlineSince).toBeNull();
      expect(back.workstations.map((w) => w.workstation)).toContain('part_a');
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);

  test('server frozen (SIGSTOP) with the connection open: saves stay fast, status goes offline, catch-up after thaw', async () => {
    const a = await deskCore(team, 'frozen_a', dir);
    // a second syncer with short timeouts, so the freeze is noticed within the test
    a.close();
    const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test' });
    const agentId = newId();
    core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Frozen', 'agent', '2026-01-01T00:00:00.000Z')").run(agentId);
    await core.dispatch('session.signIn', { agentId });
    const conn = await team.workstation('frozen_b');
    const sync = new TeamSync(core.db, conn, { pollMs: 200, connectTimeoutMs: 1_000, queryTimeoutMs: 1_000, maxBackoffMs: 500 });
    sync.start();
    try {
      await until(
        'in sync',
        () => sync.status(),
        (s) => s.mode === 'in_sync',
      );
      cluster.freeze();
      const saves: { id: string; ms: number }[] = [];
      for (let i = 0; i < 10; i++) {
        saves.push(await timedSave(core, `1340000000${i}`));
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Math.max(...saves.map((s) => s.ms))).toBeLessThan(250);
      await until(
        'offline',
        () => sync.status(),
        (s) => s.mode === 'offline',
        20_000,
      );
      cluster.thaw();
      await until(
        'caught up',
        () => sync.status(),
        (s) => s.mode === 'in_sync' && s.pending === 0,
        45_000,
      );
      const admin = await team.admin();
      const n = await admin.query(`SELECT count(*)::int AS n FROM team.changes WHERE workstation = 'frozen_b' AND kind = 'calls'`);
      expect(n.rows[0].n).toBe(10);
      await admin.end();
    } finally {
      cluster.thaw();
      await sync.stop();
      core.close();
    }
  }, 120_000);
});
