// A workstation killed (SIGKILL) mid-sync, again and again: nothing it acknowledged is lost, and
// after the next sync the server holds every call in its latest version, each change once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { pgSkipReason, startCluster, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam } from '../../../../helpers/team';
import { openDatabase } from '../../../../../electron/core/db/open';
import { syncOnce } from '../../../../../electron/core/sync/engine';
import { pendingCount } from '../../../../../electron/core/sync/local';
import { writeConnectionFile } from '../../../../../electron/core/sync/pg-connect';

const skip = pgSkipReason();
const KILLS = 4;

describe.skipIf(skip !== null)(`team sync survives SIGKILL (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  let child: string;
  beforeAll(async () => {
    cluster = await startCluster();
    const out = join(process.cwd(), '.cache', 'sync-kill');
    mkdirSync(out, { recursive: true });
    child = join(out, `sync-child-${process.pid}.cjs`);
    await build({
      entryPoints: [join(process.cwd(), 'test', 'helpers', 'sync-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  test(`killed ${KILLS} times while saving and pushing: every acknowledged call reaches the server once caught up`, async () => {
    const team = await startTeam(cluster);
    const dir = mkdtempSync(join(tmpdir(), 'sync-kill-'));
    const dbFile = join(dir, 'desk.db');
    const connFile = join(dir, 'desk.json');
    const conn = await team.workstation('kill_desk');
    writeConnectionFile(connFile, conn);
    const acked = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      const p = spawn(process.execPath, [child, dbFile, connFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let buffer = '';
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('ack ')) acked.add(line.slice(4));
      });
      const before = acked.size;
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 20_000;
        const tick = () => {
          if (acked.size >= before + 20 + Math.floor(Math.random() * 60)) {
            p.kill('SIGKILL');
            return resolve();
          }
          if (p.exitCode !== null) return reject(new Error(`child exited: ${err}`));
          if (Date.now() > deadline) return reject(new Error(`child made no progress: ${err}`));
          setTimeout(tick, 5);
        };
        tick();
      });
      await new Promise((r) => p.once('exit', r));
    }
    expect(acked.size).toBeGreaterThan(KILLS * 20);
    const db = openDatabase(dbFile);
    try {
      const local = new Set(db.prepare('SELECT id FROM calls').pluck().all() as string[]);
      for (const id of acked) expect(local.has(id)).toBe(true);
      const admin = await team.admin();
      // the kills landed while the background syncer was pushing, not before it started
      const early = await admin.query(`SELECT count(*)::int AS n FROM team.changes WHERE workstation = 'kill_desk'`);
      expect(early.rows[0].n).toBeGreaterThan(0);
      await syncOnce(db, conn);
      expect(pendingCount(db)).toBe(0);
      const server = await admin.query<{ ref: string; details: string }>(
        `SELECT DISTINCT ON (body->>'ref') body->>'ref' AS ref, body->'row'->>'details' AS details FROM team.changes
         WHERE kind = 'calls' ORDER BY body->>'ref', xid DESC, pos DESC`,
      );
      await admin.end();
      const onServer = new Map(server.rows.map((r) => [r.ref, r.details]));
      for (const id of acked) {
        const details = db.prepare('SELECT details FROM calls WHERE id = ?').pluck().get(id);
        expect(onServer.get(id)).toBe(details);
      }
    } finally {
      db.close();
    }
  }, 120_000);
});
