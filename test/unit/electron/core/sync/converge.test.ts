// Workstations converge through a real PostgreSQL: what one desk saves, the others see; complaints
// acted on by two desks offline keep both actions; joining with history pushes all of it.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { pgSkipReason, startCluster, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, canonicalDump, type Team } from '../../../../helpers/team';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { syncOnce } from '../../../../../electron/core/sync/engine';
import { pendingCount } from '../../../../../electron/core/sync/local';
import type { Core } from '../../../../../electron/core/entry/start-core';
import type { ConnectionFile } from '../../../../../electron/core/sync/pg-connect';
import { newId } from '../../../../../electron/core/infra/ids';

// real PostgreSQL on a shared 2-core machine: allow for a slow moment
vi.setConfig({ testTimeout: 60_000 });

const skip = pgSkipReason();
const LATER = '2026-12-09T10:00:00.000Z';

async function saveCall(core: Core, caller: string, phone: string) {
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { callerName: caller, phone, subject: `${caller} asks` } });
  return started.id;
}

describe.skipIf(skip !== null)(`team sync (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  async function desks(team: Team, names: string[], clock = fixedClock('2026-12-01T09:00:00.000Z')) {
    const out: { core: Core; conn: ConnectionFile }[] = [];
    for (const name of names) out.push({ core: memoryCore(clock), conn: await team.workstation(name) });
    return { clock, desks: out };
  }
  const syncAll = async (ds: { core: Core; conn: ConnectionFile }[], rounds = 2) => {
    for (let i = 0; i < rounds; i++) for (const d of ds) await syncOnce(d.core.db, d.conn);
  };

  test('a call saved on one desk shows in the caller history on another; joining pushes earlier history', async () => {
    const team = await startTeam(cluster);
    const {
      clock,
      desks: [a, b],
    } = await desks(team, ['join_a', 'join_b']);
    // months alone before team mode
    const early = await saveCall(a!.core, '王芳', '13900001111');
    clock.advance(60_000);
    const first = await syncOnce(a!.core.db, a!.conn);
    expect(first.pushed).toBeGreaterThanOrEqual(3); // agent, customer, call (and more)
    expect(pendingCount(a!.core.db)).toBe(0);
    await syncOnce(b!.core.db, b!.conn);
    const history = await call(b!.core, 'calls.history', { phone: '139 0000 1111' } as never);
    expect(JSON.stringify(history)).toContain(early);
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    for (const d of [a!, b!]) d.core.close();
  });

  test('typing coalesces: ten autosaves of one call travel as one change', async () => {
    const team = await startTeam(cluster);
    const {
      desks: [a],
    } = await desks(team, ['typing_a']);
    await syncOnce(a!.core.db, a!.conn);
    const started = await call(a!.core, 'calls.start', {});
    const before = pendingCount(a!.core.db);
    for (let i = 0; i < 10; i++) await call(a!.core, 'calls.update', { id: started.id, fields: { details: 'x'.repeat(i + 1) } });
    expect(pendingCount(a!.core.db)).toBe(before);
    const admin = await team.admin();
    await syncOnce(a!.core.db, a!.conn);
    const rows = await admin.query(`SELECT body->'row'->>'details' AS d FROM team.changes WHERE kind = 'calls' AND body->>'ref' = $1`, [started.id]);
    expect(rows.rows).toEqual([{ d: 'x'.repeat(10) }]);
    await admin.end();
    a!.core.close();
  });

  test('two desks close the same complaint offline: both closes stay in the timeline, the second is marked not applied', async () => {
    const team = await startTeam(cluster);
    const {
      clock,
      desks: [a, b],
    } = await desks(team, ['close_a', 'close_b']);
    const created = await call(a!.core, 'complaints.create', {
      customerName: '张伟',
      phone: '138 0013 8000',
      matter: '退款两周未到账',
      category: 'service',
      nextReplyDue: LATER,
    });
    const id = created.complaint.id;
    clock.advance(60_000);
    await call(a!.core, 'complaints.setStatus', { id, to: 'resolved', result: '已退款' });
    await call(a!.core, 'complaints.reply', { id, how: 'phone', at: clock.now().toISOString(), text: '已告知客户' });
    await syncAll([a!, b!]);
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    // both offline: each closes it
    clock.advance(60_000);
    await call(a!.core, 'complaints.setStatus', { id, to: 'closed' });
    clock.advance(1_000);
    await call(b!.core, 'complaints.setStatus', { id, to: 'closed' });
    await call(b!.core, 'complaints.note', { id, text: 'B 的备注' });
    await syncAll([a!, b!]);
    for (const d of [a!, b!]) {
      const detail = await call(d.core, 'complaints.get', { id });
      expect(detail.complaint.status).toBe('closed');
      expect(detail.events.filter((e) => e.kind === 'status' && e.data.to === 'closed')).toHaveLength(2);
      expect(detail.events.some((e) => e.kind === 'note')).toBe(true);
      const notApplied = d.core.db.prepare('SELECT reason FROM sync_not_applied WHERE complaint_id = ?').pluck().all(id);
      expect(notApplied).toEqual([expect.stringContaining('closed → closed')]);
      // the timeline the agent reads marks it
      expect(detail.events.filter((e) => e.notApplied).map((e) => [e.kind, e.data.to])).toEqual([['status', 'closed']]);
    }
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    // the desk whose close was not applied can still act on the complaint afterwards
    await call(b!.core, 'complaints.note', { id, text: '之后的备注' });
    await syncAll([a!, b!]);
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    for (const d of [a!, b!]) d.core.close();
  });

  test('complaints numbered alone on two desks keep distinct numbers, the same on both', async () => {
    const team = await startTeam(cluster);
    const {
      desks: [a, b],
    } = await desks(team, ['num_a', 'num_b']);
    const ca = await call(a!.core, 'complaints.create', { customerName: 'A', phone: '13800000001', matter: 'a', category: 'service', nextReplyDue: LATER });
    const cb = await call(b!.core, 'complaints.create', { customerName: 'B', phone: '13800000002', matter: 'b', category: 'service', nextReplyDue: LATER });
    expect(ca.complaint.number).toBe(cb.complaint.number);
    await syncAll([a!, b!]);
    const numbers = (d: Core) => d.db.prepare('SELECT number FROM complaints ORDER BY id').pluck().all();
    expect(numbers(a!.core)).toEqual(numbers(b!.core));
    expect(new Set(numbers(a!.core)).size).toBe(2);
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    for (const d of [a!, b!]) d.core.close();
  });

  test('a customer card edited on two desks: per field, the newest change wins', async () => {
    const team = await startTeam(cluster);
    const {
      clock,
      desks: [a, b],
    } = await desks(team, ['card_a', 'card_b']);
    await call(a!.core, 'complaints.create', { customerName: '李娜', phone: '137 0000 1234', matter: 'm', category: 'service', nextReplyDue: LATER });
    await syncAll([a!, b!]);
    clock.advance(60_000);
    const cardId = (d: Core) => d.db.prepare("SELECT id FROM customers WHERE phone_norm LIKE '%13700001234'").pluck().get() as string;
    a!.core.db.prepare("UPDATE customers SET region = '北京', updated_at = ? WHERE id = ?").run(clock.now().toISOString(), cardId(a!.core));
    clock.advance(60_000);
    b!.core.db.prepare("UPDATE customers SET address = '朝阳路 1 号', updated_at = ? WHERE id = ?").run(clock.now().toISOString(), cardId(b!.core));
    clock.advance(60_000);
    b!.core.db.prepare("UPDATE customers SET region = '上海', updated_at = ? WHERE id = ?").run(clock.now().toISOString(), cardId(b!.core));
    await syncAll([a!, b!]);
    for (const d of [a!, b!]) {
      expect(d.core.db.prepare('SELECT region, address FROM customers WHERE id = ?').get(cardId(d.core))).toEqual({ region: '上海', address: '朝阳路 1 号' });
    }
    expect(canonicalDump(b!.core.db)).toBe(canonicalDump(a!.core.db));
    for (const d of [a!, b!]) d.core.close();
  });

  test('a change committed late by a slow transaction is never skipped (the fenced cursor)', async () => {
    const team = await startTeam(cluster);
    const {
      desks: [a, c],
    } = await desks(team, ['fence_a', 'fence_c']);
    await syncAll([a!, c!], 1);
    const slow = await team.admin();
    await slow.query('BEGIN');
    // takes its position first…
    await slow.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'settings', $2)`, [
      newId(),
      JSON.stringify({ ref: 'company.name', row: { key: 'company.name', value: 'Slow Co' } }),
    ]);
    // …while a fast desk commits after it
    const fast = await saveCall(a!.core, '快', '13611112222');
    await syncOnce(a!.core.db, a!.conn);
    const before = await syncOnce(c!.core.db, c!.conn);
    expect(before.pulled).toBe(0); // behind the fence: delayed, not skipped
    await slow.query('COMMIT');
    await slow.end();
    await syncOnce(c!.core.db, c!.conn);
    expect(c!.core.db.prepare("SELECT value FROM settings WHERE key = 'company.name'").pluck().get()).toBe('Slow Co');
    expect(c!.core.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(fast)).toBeDefined();
    // a naive cursor over positions would have moved past the slow row
    const admin = await team.admin();
    const order = await admin.query(`SELECT kind FROM team.changes WHERE kind IN ('settings', 'calls') ORDER BY pos`);
    expect(order.rows[0].kind).toBe('settings');
    await admin.end();
    for (const d of [a!, c!]) d.core.close();
  });

  test('a complaint transferred to an agent who works at another desk lands in their "My open"', async () => {
    const team = await startTeam(cluster);
    const {
      desks: [a, b],
    } = await desks(team, ['xfer_a', 'xfer_b']);
    // Li works at desk B
    const li = b!.core.db
      .prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Li', 'agent', '2026-01-01T00:00:00.000Z') RETURNING id")
      .pluck()
      .get(newId()) as string;
    await syncAll([a!, b!]);
    const liAtA = a!.core.db.prepare("SELECT id FROM agents WHERE name = 'Li'").pluck().get() as string;
    expect(liAtA).toBe(li);
    const c = await call(a!.core, 'complaints.create', {
      customerName: '周',
      phone: '13812340000',
      matter: '换货',
      category: 'service',
      nextReplyDue: '2026-12-01T10:00:00.000Z',
    });
    await call(a!.core, 'complaints.transfer', { id: c.complaint.id, toAgentId: liAtA, why: '李负责该区域' });
    await syncAll([a!, b!]);
    await call(b!.core, 'session.signIn', { agentId: li });
    const mine = await call(b!.core, 'complaints.list', { view: 'mine' });
    expect(mine.rows.map((r) => r.id)).toEqual([c.complaint.id]);
    expect(mine.rows[0]!.ownerName).toBe('Li');
    for (const d of [a!, b!]) d.core.close();
  });

  test('server restored (new epoch): desks pull again; server replaced by an empty one: desks push everything again', async () => {
    const team = await startTeam(cluster);
    const {
      desks: [a, b],
    } = await desks(team, ['epoch_a', 'epoch_b']);
    const first = await saveCall(a!.core, '甲', '13800001111');
    await syncAll([a!, b!]);
    const admin = await team.admin();
    const count = async () => (await admin.query('SELECT count(*)::int AS n FROM team.changes')).rows[0].n as number;
    const before = await count();
    // restored from a dump: same rows, new epoch
    await admin.query(`UPDATE team.meta SET value = gen_random_uuid()::text WHERE key = 'epoch'`);
    const again = await syncOnce(b!.core.db, b!.conn);
    expect(again.pulled).toBe(before);
    expect(await count()).toBe(before); // nothing pushed twice
    // replaced: an empty server
    await admin.query('TRUNCATE team.changes');
    await admin.query(`UPDATE team.meta SET value = gen_random_uuid()::text WHERE key = 'epoch'`);
    await syncOnce(a!.core.db, a!.conn);
    const c = (await desks(team, ['epoch_c'])).desks[0]!;
    await syncOnce(c.core.db, c.conn);
    expect(c.core.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(first)).toBeDefined();
    await admin.end();
    for (const d of [a!, b!, c]) d.core.close();
  });
});
