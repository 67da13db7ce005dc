// Property: whatever three desks do, with syncs at random points, the server stopped and started,
// and a transaction held open on the server while others commit, after a final full sync every
// desk's canonical dump is the same, and no event is lost or duplicated on the server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { pgSkipReason, startCluster, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, canonicalDump } from '../../../../helpers/team';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { syncOnce } from '../../../../../electron/core/sync/engine';
import { newId } from '../../../../../electron/core/infra/ids';
import type { Core } from '../../../../../electron/core/entry/start-core';
import type { ConnectionFile } from '../../../../../electron/core/sync/pg-connect';

const skip = pgSkipReason();
const DESKS = 3;

type Action =
  | { t: 'call'; desk: number; phone: number }
  | { t: 'complaint'; desk: number; phone: number }
  | { t: 'note'; desk: number; pick: number }
  | { t: 'status'; desk: number; pick: number; to: 'in_progress' | 'resolved' | 'closed' }
  | { t: 'reply'; desk: number; pick: number }
  | { t: 'sync'; desk: number }
  | { t: 'hold' }
  | { t: 'release' }
  | { t: 'stop' }
  | { t: 'start' };

const desk = fc.integer({ min: 0, max: DESKS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('call' as const), desk, phone: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('complaint' as const), desk, phone: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('note' as const), desk, pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('status' as const),
      desk,
      pick: fc.nat(),
      to: fc.constantFrom('in_progress' as const, 'resolved' as const, 'closed' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reply' as const), desk, pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), desk }) },
  { weight: 1, arbitrary: fc.constant({ t: 'hold' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'release' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'stop' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'start' as const }) },
);

describe.skipIf(skip !== null)(`convergence property (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  test('three desks converge after random actions, sync points, a held transaction and server restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions) => {
        let running = true;
        const ensureRunning = async () => {
          if (!running) {
            await cluster.start();
            running = true;
          }
        };
        await ensureRunning();
        const team = await startTeam(cluster);
        const clock = fixedClock('2026-12-01T09:00:00.000Z');
        const desks: { core: Core; conn: ConnectionFile }[] = [];
        for (let i = 0; i < DESKS; i++) desks.push({ core: memoryCore(clock), conn: await team.workstation(`p${i}`) });
        let held: pg.Client | null = null;
        let heldValue = 0;
        const complaintsOf = (c: Core) => c.db.prepare('SELECT id FROM complaints ORDER BY id').pluck().all() as string[];
        try {
          for (const a of actions) {
            clock.advance(1_000);
            if ('desk' in a) {
              const d = desks[a.desk]!;
              const list = 'pick' in a ? complaintsOf(d.core) : [];
              const id = list.length && 'pick' in a ? list[a.pick % list.length]! : null;
              switch (a.t) {
                case 'call': {
                  const started = await call(d.core, 'calls.start', {});
                  await call(d.core, 'calls.update', { id: started.id, fields: { callerName: `c${a.phone}`, phone: `1380000000${a.phone}`, details: 'x' } });
                  await d.core.dispatch('calls.end', { id: started.id });
                  break;
                }
                case 'complaint':
                  await call(d.core, 'complaints.create', {
                    customerName: `c${a.phone}`,
                    phone: `1380000000${a.phone}`,
                    matter: 'm',
                    category: 'service',
                    nextReplyDue: '2027-01-01T00:00:00.000Z',
                  });
                  break;
                case 'note':
                  if (id) await call(d.core, 'complaints.note', { id, text: `n${a.desk}` });
                  break;
                case 'status':
                  // refusals (a move the current state does not allow) are fine: nothing is written
                  if (id) await d.core.dispatch('complaints.setStatus', { id, to: a.to, result: 'done' });
                  break;
                case 'reply':
                  if (id) await call(d.core, 'complaints.reply', { id, how: 'phone', at: clock.now().toISOString(), text: 'told' });
                  break;
                case 'sync':
                  if (running && !held) await syncOnce(d.core.db, d.conn, { connectTimeoutMs: 2_000 });
                  else if (!running) await expect(syncOnce(d.core.db, d.conn, { connectTimeoutMs: 2_000 })).rejects.toMatchObject({ code: 'io' });
                  else await syncOnce(d.core.db, d.conn, { connectTimeoutMs: 2_000 }); // pulls stop at the fence, nothing skipped
                  break;
              }
            } else if (a.t === 'hold' && running && !held) {
              // a slow writer: takes its xid now, commits later, after others have committed
              held = await team.admin();
              await held.query('BEGIN');
              heldValue += 1;
              await held.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'settings', $2)`, [
                newId(),
                JSON.stringify({ ref: 'company.name', row: { key: 'company.name', value: `held ${heldValue}` } }),
              ]);
            } else if (a.t === 'release' && held) {
              await held.query('COMMIT');
              await held.end();
              held = null;
            } else if (a.t === 'stop' && running && !held) {
              await cluster.stop();
              running = false;
            } else if (a.t === 'start') {
              await ensureRunning();
            }
          }
          if (held) {
            await held.query('COMMIT');
            await held.end();
            held = null;
          }
          await ensureRunning();
          for (let round = 0; round < 2; round++) for (const d of desks) await syncOnce(d.core.db, d.conn);
          const dumps = desks.map((d) => canonicalDump(d.core.db));
          for (const dump of dumps) expect(dump).toBe(dumps[0]);
          // nothing lost or duplicated: the server has each event once, and every desk has them all
          const admin = await team.admin();
          const server = await admin.query(
            `SELECT body->>'ref' AS ref, count(*)::int AS n FROM team.changes WHERE kind IN ('call_events', 'complaint_events') GROUP BY 1`,
          );
          await admin.end();
          expect(server.rows.every((r) => r.n === 1)).toBe(true);
          const local = desks[0]!.core.db.prepare('SELECT id FROM complaint_events UNION ALL SELECT id FROM call_events').pluck().all() as string[];
          expect(new Set(server.rows.map((r) => r.ref))).toEqual(new Set(local));
        } finally {
          if (held) await held.end().catch(() => undefined);
          for (const d of desks) d.core.close();
        }
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 8), endOnFailure: true },
    );
  }, 300_000);
});
