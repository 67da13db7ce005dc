// A desk joining a team that already holds thousands of calls (made on the server by SQL): it
// catches up in short slices, each applied with its cursor move in one transaction; caller history and
// search answer in between (search from what is indexed so far, and says how many wait); once
// caught up every call is searchable and nothing is pulled twice.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { pgSkipReason, startCluster, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam } from '../../../../helpers/team';
import { generateTeamCalls } from '../../../../helpers/team-generate';
import { call, memoryCore } from '../../../../helpers/core';
import { PULL_BATCH, syncOnce } from '../../../../../electron/core/sync/engine';
import { writeConnectionFile } from '../../../../../electron/core/sync/pg-connect';
import { openDatabase } from '../../../../../electron/core/db/open';
import { readState } from '../../../../../electron/core/sync/local';
import { deferredCount, searchRefs } from '../../../../../electron/core/search/store';

vi.setConfig({ testTimeout: 120_000 });

const skip = pgSkipReason();
const CALLS = 2 * PULL_BATCH + 700;

describe.skipIf(skip !== null)(`catching up with a team (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  test('a joining desk applies the team in slices, answers history and search meanwhile, and ends with every call searchable', async () => {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    const generated = await generateTeamCalls(admin, CALLS, { chunk: 1000 });
    await admin.end();
    const joiner = memoryCore();
    const conn = await team.workstation('joiner');
    const seen: { pulled: number; cursorPos: number; calls: number; waiting: number; history: number; found: number }[] = [];
    let indexed = 0;
    const result = await syncOnce(joiner.db, conn, {
      onProgress: (p) => {
        if (p.pulled === 0) return;
        seen.push({
          pulled: p.pulled,
          cursorPos: readState(joiner.db).cursorPos,
          calls: joiner.db.prepare('SELECT count(*) FROM calls').pluck().get() as number,
          waiting: deferredCount(joiner.db),
          history: (joiner.db.prepare('SELECT count(*) FROM calls WHERE phone = ?').pluck().get(generated.phoneOf(1)) as number) ?? 0,
          found: searchRefs(joiner.db, 'refund', { limit: 100_000 }).length,
        });
      },
      onIndexed: (n) => (indexed = n),
    });
    expect(result.pulled).toBeGreaterThan(CALLS); // and the agents, and this desk's own first push coming back
    expect(joiner.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(CALLS);
    // a full page means behind: slices sized to hold the service briefly (SLICE_MS), each with the
    // cursor moved in the same transaction as its rows
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.calls).toBeGreaterThanOrEqual(seen[i - 1]!.calls);
    expect(new Set(seen.map((s) => s.cursorPos)).size).toBe(seen.length);
    // while catching up, calls wait for the index (search finds only the indexed ones) and history is whole
    const mid = seen.find((s) => s.waiting > 0)!;
    expect(mid).toBeDefined();
    expect(mid.found).toBeLessThan(seen.at(-1)!.calls);
    expect(seen.at(-1)!.history).toBe(1);
    // caught up: everything indexed, searchable through the service
    expect(indexed).toBeGreaterThan(0);
    expect(deferredCount(joiner.db)).toBe(0);
    const refunds = joiner.db.prepare("SELECT count(*) FROM calls WHERE subject LIKE '%refund%' OR details LIKE '%refund%'").pluck().get() as number;
    expect(searchRefs(joiner.db, 'refund', { limit: 100_000 })).toHaveLength(refunds);
    const hits = await call(joiner, 'search.query', { q: `case ${CALLS - 3}`, limit: 10 });
    expect(hits.map((h) => h.phone)).toContain(generated.phoneOf(CALLS - 3));
    const history = await call(joiner, 'calls.history', { phone: generated.phoneOf(CALLS) });
    expect(history.calls.length).toBeGreaterThan(0);
    // nothing twice, and a new call after that is indexed at once (no deferral for small pulls)
    expect((await syncOnce(joiner.db, conn)).pulled).toBe(0);
    const started = await call(joiner, 'calls.start', {});
    await call(joiner, 'calls.update', { id: started.id, fields: { subject: '独一无二 uniqueword' } });
    expect((await call(joiner, 'search.query', { q: 'uniqueword', limit: 10 })).map((h) => h.id)).toEqual([started.id]);
    expect(deferredCount(joiner.db)).toBe(0);
    joiner.close();
  });

  test('a desk with its file on disk indexes the pulled calls on a thread of its own, and search finds every one after', async () => {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    await generateTeamCalls(admin, CALLS, { chunk: 1000 });
    await admin.end();
    const dir = mkdtempSync(join(tmpdir(), 'cc-catchup-'));
    const joiner = startCore({ dbFile: join(dir, 'joiner.db'), transport: 'browser', version: 'test', backupKeep: 0 });
    const progress: number[] = [];
    await syncOnce(joiner.db, await team.workstation('joiner_file'), { onIndexed: (n) => progress.push(n) });
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(deferredCount(joiner.db)).toBe(0);
    const refunds = joiner.db.prepare("SELECT count(*) FROM calls WHERE subject LIKE '%refund%' OR details LIKE '%refund%'").pluck().get() as number;
    expect(refunds).toBeGreaterThan(0);
    expect(searchRefs(joiner.db, 'refund', { limit: 100_000 })).toHaveLength(refunds);
    // pairs of Chinese characters too (the second index the chunks fill)
    const pairs = joiner.db.prepare("SELECT count(*) FROM calls WHERE caller_name LIKE '张伟%'").pluck().get() as number;
    expect(searchRefs(joiner.db, '张伟', { limit: 100_000 })).toHaveLength(pairs);
    joiner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a page cut where transaction ids gain a digit (9,999 → 10,000) skips nothing: pages follow the ids as numbers', async () => {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    // move the cluster's transaction counter to just below the next power of ten (a subtransaction
    // that writes takes an id of its own)
    const current = Number((await admin.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x);
    const boundary = 10 ** Math.ceil(Math.log10(current + 200));
    await admin.query('CREATE TEMP TABLE burn (n int)');
    await admin.query(`DO $$ BEGIN FOR i IN 1..${Math.max(0, boundary - current - 60)} LOOP
      BEGIN INSERT INTO burn VALUES (i); EXCEPTION WHEN others THEN NULL; END; END LOOP; END $$`);
    // 300 transactions of 5 calls each: ~250 rows below the boundary, more than a page above it
    for (let t = 0; t < 300; t++) {
      await admin.query(
        `INSERT INTO team.changes (id, kind, body, workstation)
         SELECT gen_random_uuid(), 'calls', jsonb_build_object('ref', c.id, 'row', jsonb_build_object('id', c.id, 'direction', 'inbound',
           'status', 'completed', 'phone', '13900000000', 'phone_norm', '13900000000', 'rang_at', c.at, 'created_at', c.at, 'updated_at', c.at)), 'gen_desk'
         FROM (SELECT '00000000-0000-7000-8000-' || lpad(to_hex($1::int * 5 + g), 12, '0') AS id, '2026-01-01T00:00:00.000Z' AS at
               FROM generate_series(0, 4) g) c`,
        [t],
      );
    }
    const range = (await admin.query<{ lo: string; hi: string }>("SELECT min(xid)::text AS lo, max(xid)::text AS hi FROM team.changes WHERE kind = 'calls'"))
      .rows[0]!;
    await admin.end();
    expect(Number(range.lo)).toBeLessThan(boundary);
    expect(Number(range.hi)).toBeGreaterThanOrEqual(boundary);
    const joiner = memoryCore();
    await syncOnce(joiner.db, await team.workstation('joiner_digits'));
    expect(joiner.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1500);
    joiner.close();
  });

  test('a desk killed (SIGKILL) while catching up keeps exactly the calls up to its cursor, and the next sync brings the rest once', async () => {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    const N = 20_000;
    await generateTeamCalls(admin, N, { chunk: 5000 });
    const dir = mkdtempSync(join(tmpdir(), 'cc-catchup-kill-'));
    const dbFile = join(dir, 'desk.db');
    const connFile = join(dir, 'desk.json');
    const conn = await team.workstation('killed_joiner');
    writeConnectionFile(connFile, conn);
    const out = join(process.cwd(), '.cache', 'sync-kill');
    mkdirSync(out, { recursive: true });
    const child = join(out, `sync-catchup-child-${process.pid}.cjs`);
    await build({
      entryPoints: [join(process.cwd(), 'test', 'helpers', 'sync-catchup-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    for (const at of [3000 + Math.floor(Math.random() * 3000), 9000 + Math.floor(Math.random() * 3000)]) {
      const p = spawn(process.execPath, [child, dbFile, connFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      let pulled = 0;
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.stdout.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/pulled (\d+)/g)) pulled = Number(m[1]);
      });
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 60_000;
        const tick = () => {
          if (pulled >= at) {
            p.kill('SIGKILL');
            return resolve();
          }
          if (p.exitCode !== null) return reject(new Error(`child exited: ${err}`));
          if (Date.now() > deadline) return reject(new Error(`child made no progress: ${err}`));
          setTimeout(tick, 2);
        };
        tick();
      });
      await new Promise((r) => p.once('exit', r));
      // killed mid-slice: the file holds exactly the calls up to its cursor (rows and cursor move together)
      const db = openDatabase(dbFile);
      const state = readState(db);
      const upTo = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM team.changes WHERE kind = 'calls' AND (xid, pos) <= ($1::text::xid8, $2::bigint)`,
        [state.cursorXid, state.cursorPos],
      );
      expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(upTo.rows[0]!.n);
      expect(upTo.rows[0]!.n).toBeGreaterThan(0);
      expect(upTo.rows[0]!.n).toBeLessThan(N);
      db.close();
    }
    await admin.end();
    const db = openDatabase(dbFile);
    await syncOnce(db, conn);
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(N);
    expect(db.prepare('SELECT count(DISTINCT id) FROM calls').pluck().get()).toBe(N);
    expect(deferredCount(db)).toBe(0);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('pulling again what a desk on disk already holds (a restored server) applies nothing twice and loses nothing', async () => {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    const generated = await generateTeamCalls(admin, CALLS, { chunk: 1000 });
    await admin.end();
    const dir = mkdtempSync(join(tmpdir(), 'cc-catchup-'));
    const joiner = startCore({ dbFile: join(dir, 'joiner.db'), transport: 'browser', version: 'test', backupKeep: 0 });
    const conn = await team.workstation('joiner_again');
    await syncOnce(joiner.db, conn);
    const end = readState(joiner.db);
    // half of the team pulled again, then a call taken here meanwhile: the slices of calls already
    // here cannot go to the applying thread as new rows; they are applied on this thread instead
    joiner.db.prepare("UPDATE sync_state SET cursor_xid = '0', cursor_pos = 0").run();
    await call(joiner, 'session.signIn', { agentId: joiner.db.prepare('SELECT id FROM agents LIMIT 1').pluck().get() as string });
    const started = await call(joiner, 'calls.start', {});
    await call(joiner, 'calls.update', { id: started.id, fields: { subject: 'taken while pulling again' } });
    const again = await syncOnce(joiner.db, conn);
    expect(again.pulled).toBeGreaterThan(CALLS);
    expect(joiner.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(CALLS + 1);
    expect(joiner.db.prepare('SELECT count(DISTINCT id) FROM calls').pluck().get()).toBe(CALLS + 1);
    expect(readState(joiner.db).cursorPos).toBeGreaterThanOrEqual(end.cursorPos);
    expect(deferredCount(joiner.db)).toBe(0);
    expect((await call(joiner, 'calls.history', { phone: generated.phoneOf(CALLS) })).calls.length).toBeGreaterThan(0);
    expect(joiner.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    joiner.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
