// Erasure everywhere: a lead erases a caller at one desk while another desk is offline. The team
// server's copies are redacted by its own erasure function, every desk erases its rows, search
// index and backups, and the desk that was offline does the same when it comes back, before it
// sends anything it took for that caller meanwhile. Nothing comes back later.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { pgSkipReason, startCluster, clientConfig, type PgCluster } from '../../../../helpers/pg-cluster';
import { startTeam, canonicalDump } from '../../../../helpers/team';
import { call, fixedClock } from '../../../../helpers/core';
import { filesOnDisk, sixSpellings, tracesIn } from '../../../../helpers/disk-traces';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { backupIfDue, listBackups } from '../../../../../electron/core/db/backup';
import { syncOnce } from '../../../../../electron/core/sync/engine';
import { ERASED } from '../../../../../electron/core/privacy/locations';
import { newId } from '../../../../../electron/core/infra/ids';

vi.setConfig({ testTimeout: 120_000 });

const skip = pgSkipReason();
const NAME = '张伟';
const ADDRESS = '西湖区文三路 90 号';
const personal = [...sixSpellings, NAME, ADDRESS, '文三路'];

async function desk(name: string, clock: ReturnType<typeof fixedClock>, role: 'lead' | 'agent' = 'agent', beforeScrub?: () => Promise<void>) {
  const dbFile = join(mkdtempSync(join(tmpdir(), `cc-team-erase-${name}-`)), 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', clock, ...(beforeScrub ? { beforeScrub } : {}) });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: `Agent ${name}`, role });
  await call(core, 'session.signIn', { agentId: agent.id });
  return { core, dbFile };
}

async function takeCall(core: Core, fields: Record<string, string>): Promise<string> {
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields });
  await call(core, 'calls.end', { id });
  return id;
}

/** Every row of the team server's tables, as text. */
async function serverDump(admin: pg.Client): Promise<string> {
  const changes = await admin.query<{ t: string }>('SELECT t::text AS t FROM team.changes t ORDER BY pos');
  const meta = await admin.query<{ t: string }>('SELECT t::text AS t FROM team.meta t');
  return [...changes.rows, ...meta.rows].map((r) => r.t).join('\n');
}
const inText = (text: string, needles: string[]) => needles.filter((n) => text.includes(n) || text.includes(JSON.stringify(n).slice(1, -1)));

describe.skipIf(skip !== null)(`erasure everywhere (PostgreSQL)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  test('erased at A while C is offline: the server, B and C (when it is back) keep nothing of the caller; other callers keep theirs', async () => {
    const team = await startTeam(cluster);
    const clock = fixedClock('2026-12-01T09:00:00.000Z');
    const a = { ...(await desk('a', clock, 'lead')), conn: await team.workstation('erase_a', { lead: true }) };
    const b = { ...(await desk('b', clock)), conn: await team.workstation('erase_b') };
    // C's background work waits for the gate while it is closed
    let gate: Promise<void> = Promise.resolve();
    const c = { ...(await desk('c', clock, 'agent', () => gate)), conn: await team.workstation('erase_c') };
    const all = [a, b, c];
    // a pulled erasure's index, backups and WAL are done by each desk's background runner
    const syncAll = async (desks = all) => {
      for (let i = 0; i < 2; i++) for (const d of desks) await syncOnce(d.core.db, d.conn);
      for (const d of desks) await d.core.scrubs.idle();
    };

    // B takes the caller's calls and a complaint; C notes the number in another caller's call
    const first = await takeCall(b.core, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: '发票', details: '请寄到文三路' });
    await takeCall(b.core, { callerName: NAME, phone: '+86 139 8765 4321', subject: 'Callback', details: '也可打 139-8765-4321 或 139/8765/4321' });
    const { complaint } = await call(b.core, 'complaints.create', {
      callId: first,
      customerName: NAME,
      phone: '13987654321',
      matter: `${NAME} 的发票寄错了地址（${ADDRESS}）`,
      category: 'service',
      nextReplyDue: '2026-12-03T08:00:00.000Z',
    });
    await call(b.core, 'complaints.note', { id: complaint.id, text: `已联系${NAME}` });
    const other = await takeCall(c.core, { callerName: '李娜', phone: '139 1111 2222', details: '她丈夫的电话 １３９８７６５４３２１，请勿拨打' });
    await syncAll();
    expect(await call(c.core, 'calls.history', { phone: '13987654321' } as never)).not.toEqual([]);

    // C goes offline: takes the caller again, and its nightly backup holds all of it
    clock.advance(3_600_000);
    const offline = await takeCall(c.core, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: 'again', details: '第二次来电' });
    await backupIfDue(c.core.db, c.dbFile, { now: new Date('2026-12-02T02:00:00.000Z') });
    // the test can fail: before the erasure the caller is on C's disk and on the server
    expect(tracesIn(filesOnDisk(c.dbFile), ['13987654321', NAME])).not.toEqual([]);
    const admin = await team.admin();
    expect(inText(await serverDump(admin), personal)).not.toEqual([]);

    // the lead erases at A (its login may run the server's erasure); A and B sync, C does not
    await call(a.core, 'lead.setPin', { pin: '864200' });
    const record = await call(a.core, 'privacy.eraseCustomer', { phone: '139 8765 4321', reason: 'Asked to be forgotten' });
    await syncAll([a, b]);
    expect(inText(await serverDump(admin), personal)).toEqual([]);
    for (const d of [a, b]) expect(tracesIn(filesOnDisk(d.dbFile), personal)).toEqual([]);
    // A's desk no longer keeps the number it needed for the server's erasure
    expect(a.core.db.prepare('SELECT count(*) FROM sync_erasure_out').pluck().get()).toBe(0);

    // C comes back: it applies the erasure before sending what it took offline. The sync goes on
    // without doing the erasure's file work itself: it is queued for C's runner (held here)
    clock.advance(3_600_000);
    let open = () => undefined as void;
    gate = new Promise<void>((resolve) => (open = resolve));
    await syncOnce(c.core.db, c.conn);
    expect(c.core.db.prepare("SELECT kind FROM erasure_scrubs WHERE state = 'pending' ORDER BY seq").pluck().all()).toEqual([
      'index',
      'backup',
      'backup',
      'database',
    ]);
    expect(tracesIn(listBackups(c.dbFile), ['13987654321'])).not.toEqual([]);
    open();
    await syncAll();
    expect(inText(await serverDump(admin), personal)).toEqual([]);
    for (const d of all) expect(tracesIn(filesOnDisk(d.dbFile), personal), d.conn.workstation).toEqual([]);
    for (const d of all) {
      expect(d.core.db.prepare('SELECT id FROM erasures').pluck().all()).toEqual([record.id]);
      const rows = d.core.db.prepare('SELECT caller_name, erased_at FROM calls WHERE id IN (?, ?)').all(first, offline) as { caller_name: string }[];
      expect(rows).toEqual([expect.objectContaining({ caller_name: ERASED }), expect.objectContaining({ caller_name: ERASED })]);
      // the other caller keeps her record; only the mention is gone
      expect(d.core.db.prepare('SELECT caller_name, details FROM calls WHERE id = ?').get(other)).toEqual({
        caller_name: '李娜',
        details: `她丈夫的电话 ${ERASED}，请勿拨打`,
      });
      // search finds nothing of the caller, the other caller still
      for (const q of [NAME, '文三路', '13987654321']) expect(await call(d.core, 'search.query', { q })).toEqual([]);
      expect((await call(d.core, 'search.query', { q: '李娜' })).map((h) => h.id)).toEqual([other]);
    }
    // the month's counts stay the same everywhere (R4): the erased calls are kept, without the caller
    expect(canonicalDump(b.core.db)).toBe(canonicalDump(a.core.db));
    expect(canonicalDump(c.core.db)).toBe(canonicalDump(a.core.db));

    // a desk running an older version sends a late version of an erased call with the caller in it:
    // the server keeps what it was sent, every desk applies it erased
    const late = a.core.db.prepare('SELECT * FROM calls WHERE id = ?').get(first) as Record<string, unknown>;
    const asC = new pg.Client(clientConfig(cluster, c.conn.url));
    await asC.connect();
    await asC.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'calls', $2)`, [
      newId(),
      JSON.stringify({ ref: first, row: { ...late, caller_name: NAME, address: ADDRESS, phone: '13987654321', phone_norm: '13987654321', erased_at: null } }),
    ]);
    await asC.end();
    await syncAll([a, b]);
    for (const d of [a, b]) {
      expect(d.core.db.prepare('SELECT caller_name, address, phone_norm FROM calls WHERE id = ?').get(first)).toEqual({
        caller_name: ERASED,
        address: ERASED,
        phone_norm: '',
      });
      expect(tracesIn(filesOnDisk(d.dbFile), [NAME, ADDRESS])).toEqual([]);
    }
    await admin.end();
    for (const d of all) d.core.close();
  });

  test('a desk that never saw the caller, but took them while offline, finds its records by the proof and sends them erased', async () => {
    const team = await startTeam(cluster);
    const clock = fixedClock('2026-12-01T09:00:00.000Z');
    const a = { ...(await desk('a3', clock, 'lead')), conn: await team.workstation('proof_a', { lead: true }) };
    const b = { ...(await desk('b3', clock)), conn: await team.workstation('proof_b') };
    const c = { ...(await desk('c3', clock)), conn: await team.workstation('proof_c') };
    for (const d of [a, b, c]) await syncOnce(d.core.db, d.conn);
    // C goes offline, then the caller reaches B and, later, C
    await takeCall(b.core, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: 'first' });
    const offline = await takeCall(c.core, { callerName: NAME, phone: '139-8765-4321', address: ADDRESS, subject: 'at C, offline' });
    for (const d of [b, a]) await syncOnce(d.core.db, d.conn);
    await call(a.core, 'lead.setPin', { pin: '864200' });
    await call(a.core, 'privacy.eraseCustomer', { phone: '13987654321', reason: 'Asked to be forgotten' });
    await syncOnce(a.core.db, a.conn);
    // C comes back: nothing it holds was named by id, its unsent call matches the proof
    await syncOnce(c.core.db, c.conn);
    expect(c.core.db.prepare('SELECT caller_name, phone_norm FROM calls WHERE id = ?').get(offline)).toEqual({ caller_name: ERASED, phone_norm: '' });
    const admin = await team.admin();
    expect(inText(await serverDump(admin), personal)).toEqual([]);
    await admin.end();
    expect(tracesIn(filesOnDisk(c.dbFile), personal)).toEqual([]);
    for (const d of [a, b, c]) d.core.close();
  });

  test('a desk whose login is not a lead login spreads its erasure to every desk; the next desk with a lead login runs it on the server', async () => {
    const team = await startTeam(cluster);
    const clock = fixedClock('2026-12-01T09:00:00.000Z');
    const a = { ...(await desk('a2', clock, 'lead')), conn: await team.workstation('plain_a') };
    const b = { ...(await desk('b2', clock)), conn: await team.workstation('plain_b') };
    const id = await takeCall(b.core, { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, subject: 'x' });
    for (const d of [b, a]) await syncOnce(d.core.db, d.conn);
    await call(a.core, 'lead.setPin', { pin: '864200' });
    await call(a.core, 'privacy.eraseCustomer', { phone: '13987654321', reason: 'Asked to be forgotten' });
    for (const d of [a, b, a, b]) await syncOnce(d.core.db, d.conn);
    expect(b.core.db.prepare('SELECT caller_name FROM calls WHERE id = ?').pluck().get(id)).toBe(ERASED);
    expect(tracesIn(filesOnDisk(b.dbFile), personal)).toEqual([]);
    for (const d of [a, b]) expect(d.core.db.prepare('SELECT count(*) FROM sync_erasure_out').pluck().get()).toBe(0);
    // the server's copies stay until a desk with a lead login syncs: it runs the server's erasure
    const admin = await team.admin();
    expect(inText(await serverDump(admin), personal)).not.toEqual([]);
    const lead = { ...(await desk('l2', clock)), conn: await team.workstation('plain_lead', { lead: true }) };
    await syncOnce(lead.core.db, lead.conn);
    await syncOnce(lead.core.db, lead.conn);
    expect(inText(await serverDump(admin), personal)).toEqual([]);
    expect(lead.core.db.prepare('SELECT count(*) FROM erasures').pluck().get()).toBe(1);
    expect(lead.core.db.prepare('SELECT count(*) FROM sync_erasure_out').pluck().get()).toBe(0);
    expect(tracesIn(filesOnDisk(lead.dbFile), personal)).toEqual([]);
    await admin.end();
    for (const d of [a, b, lead]) d.core.close();
  });
});
