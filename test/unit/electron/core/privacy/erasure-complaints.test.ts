// Erasure reaches complaints (and their append-only events), callbacks and the search index, and
// the database file, WAL and backups hold nothing of the customer afterwards.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { backupIfDue, listBackups } from '../../../../../electron/core/db/backup';
import { ERASED, eraseEventData } from '../../../../../electron/core/privacy/locations';
import { applyEvent } from '../../../../../shared/domain/complaint-workflow';
import type { Complaint } from '../../../../../shared/schemas/complaint';
import { call, fixedClock } from '../../../../helpers/core';

const personal = [
  '张伟要求主管回电',
  '张伟的退款问题',
  '13800138000',
  '138 0013 8000',
  '张伟',
  '退款迟迟未到账',
  '尽快退款',
  '已联系财务，张伟',
  '客户说退款已收到',
  '安装回访 张伟',
];

test('a complaint with notes, replies and edits, a callback and the search index: all erased, the register still whole', async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-erase-complaints-')), 'console.db');
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: 'Lead Li' });
  await call(core, 'session.signIn', { agentId: agent.id });
  const { id: callId } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: callId, fields: { callerName: '张伟', phone: '138 0013 8000', details: '退款迟迟未到账' } });
  await call(core, 'calls.escalate', { id: callId, reason: '张伟要求主管回电' });
  await call(core, 'calls.transfer', { id: callId, to: '王主管', gist: '张伟的退款问题' });
  await call(core, 'calls.end', { id: callId });
  const { complaint } = await call(core, 'complaints.create', {
    callId,
    customerName: '张伟',
    phone: '138 0013 8000',
    matter: '退款迟迟未到账',
    wants: '尽快退款',
    category: 'service',
    severity: 'normal',
    nextReplyDue: '2026-11-28T08:00:00.000Z',
  });
  await call(core, 'complaints.note', { id: complaint.id, text: '已联系财务，张伟' });
  await call(core, 'complaints.reply', {
    id: complaint.id,
    how: 'phone',
    at: '2026-11-27T02:00:00.000Z',
    text: '客户说退款已收到',
    nextReplyDue: '2026-11-29T08:00:00.000Z',
  });
  await call(core, 'complaints.edit', { id: complaint.id, fields: { wants: '尽快退款，并道歉' } });
  await call(core, 'callbacks.schedule', { customerName: '张伟', phone: '13800138000', reason: '安装回访 张伟', dueAt: '2026-12-01T02:00:00.000Z' });
  expect((await call(core, 'search.query', { q: '张伟', kind: 'all', limit: 20 })).length).toBeGreaterThan(0);
  await backupIfDue(core.db, dbFile, { now: new Date('2026-11-28T02:00:00.000Z') });

  await call(core, 'lead.setPin', { pin: '864200' });
  expect(await call(core, 'privacy.findCustomer', { phone: '13800138000' })).toMatchObject({ calls: 1, complaints: 1, callbacks: 1 });
  const record = await call(core, 'privacy.eraseCustomer', { phone: '+86 138-0013-8000', reason: 'asked to be forgotten' });
  expect(record.counts).toMatchObject({ calls: 1, callEvents: 2, complaints: 1, callbacks: 1 });
  // the colleague a call was transferred to is not the customer: kept
  expect(JSON.stringify(core.db.prepare('SELECT data FROM call_events').pluck().all())).toContain('王主管');
  expect(record.counts.complaintEvents).toBeGreaterThanOrEqual(4);

  // the register keeps the complaint (number, status, owner) with its personal data erased
  const { complaint: erased } = await call(core, 'complaints.get', { id: complaint.id });
  expect(erased).toMatchObject({ number: complaint.number, customerName: ERASED, phone: ERASED, matter: ERASED, wants: ERASED });
  // the events still fold into the complaint row: the history and the row say the same
  const events = core.db
    .prepare('SELECT kind, at, agent_name AS agentName, data FROM complaint_events WHERE complaint_id = ? ORDER BY seq')
    .all(complaint.id) as {
    kind: string;
    at: string;
    agentName: string;
    data: string;
  }[];
  const folded = events.reduce<Complaint | null>((state, e) => applyEvent(state, { ...e, data: JSON.parse(e.data) } as never), null);
  expect(folded).toMatchObject({ customerName: ERASED, phone: ERASED, phoneNorm: '', matter: ERASED, wants: ERASED, customerId: null });
  // still append-only for everyone else
  expect(() => core.db.prepare("UPDATE complaint_events SET data = '{}'").run()).toThrow(/append-only/);
  expect(await call(core, 'search.query', { q: '张伟', kind: 'all', limit: 20 })).toEqual([]);
  expect(await call(core, 'privacy.findCustomer', { phone: '13800138000' })).toMatchObject({ calls: 0, complaints: 0, callbacks: 0 });
  expect(await call(core, 'search.query', { q: '退款迟迟', kind: 'all', limit: 20 })).toEqual([]);

  // the backups and the WAL are cleaned after the answer (here on this thread: no bundled worker)
  await core.scrubs.idle();
  core.close();
  const files = [dbFile, `${dbFile}-wal`, ...listBackups(dbFile)].filter(existsSync);
  const hits = files.flatMap((f) => personal.filter((p) => readFileSync(f).includes(Buffer.from(p))).map((p) => `${p} in ${f}`));
  expect(hits).toEqual([]);
});

test('event data: personal fields replaced like the row, dates and people of the team kept', () => {
  expect(eraseEventData('escalation', { to: '部门经理', at: '2026-11-27T08:00:00.000Z', text: '张伟很生气' })).toEqual({
    to: '部门经理',
    at: '2026-11-27T08:00:00.000Z',
    text: ERASED,
  });
  expect(eraseEventData('edit', { field: 'phone', from: '138', to: '139', phoneNorm: '139' })).toEqual({
    field: 'phone',
    from: ERASED,
    to: ERASED,
    phoneNorm: '',
  });
  expect(eraseEventData('edit', { field: 'severity', from: 'normal', to: 'major' })).toEqual({ field: 'severity', from: 'normal', to: 'major' });
  expect(eraseEventData('due', { from: null, to: '2026-11-28', reason: '' })).toEqual({ from: null, to: '2026-11-28', reason: '' });
});
