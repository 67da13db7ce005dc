import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { historySql } from '../../../../../electron/core/calls/history';

test('O2: a number typed in any form finds its earlier calls, newest first, without the current one', async () => {
  const clock = fixedClock('2026-11-01T02:00:00.000Z');
  const core = memoryCore(clock);
  const old = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: old.id, fields: { phone: '138 0013 8000', subject: '发票' } });
  clock.set('2026-11-25T02:00:00.000Z');
  const recent = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: recent.id, fields: { phone: '+86 138-0013-8000', subject: '地址' } });
  const discarded = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: discarded.id, fields: { phone: '13800138000' } });
  await call(core, 'calls.discard', { id: discarded.id });
  const other = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: other.id, fields: { phone: '139 0000 0000' } });
  clock.set('2026-11-27T02:00:00.000Z');
  const now = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: now.id, fields: { phone: '１３８００１３８０００' } });

  const history = await call(core, 'calls.history', { phone: '１３８ ００１３ ８０００', excludeCallId: now.id });
  expect(history.phoneNorm).toBe('+8613800138000');
  expect(history.calls.map((c) => [c.id, c.subject])).toEqual([
    [recent.id, '地址'],
    [old.id, '发票'],
  ]);
  expect(history.callsLast7Days).toBe(1); // the call on the 25th; the 1st is older than 7 days
  expect(history.repeatCaller).toBe(true);
  expect(history.openComplaints).toEqual([]);
  expect(history.pendingCallbacks).toEqual([]);
  core.close();
});

test('a first-time caller is not flagged, and a number too short to mean anything returns nothing', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { phone: '021 5555 0101' } });
  expect(await call(core, 'calls.history', { phone: '021 5555 0101', excludeCallId: c.id })).toMatchObject({
    calls: [],
    callsLast7Days: 0,
    repeatCaller: false,
  });
  expect((await call(core, 'calls.history', { phone: '02' })).calls).toEqual([]);
  core.close();
});

test('the history queries read calls_by_phone alone, never the table', () => {
  const core = memoryCore();
  const plans = [
    { sql: historySql.calls, args: ['1', '2'] },
    { sql: historySql.recent, args: ['1', '2', '3'] },
  ].map(({ sql, args }) => core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]);
  for (const plan of plans) {
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING COVERING INDEX calls_by_phone/);
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
  }
  core.close();
});

test('O2: the history shows the caller’s open complaints and pending callbacks, not closed or other callers’ ones', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  const complaint = await call(core, 'complaints.create', {
    customerName: '张伟',
    phone: '138 0013 8000',
    matter: '退款两周未到账',
    wants: '尽快退款',
    category: 'service',
    severity: 'normal',
    nextReplyDue: '2026-11-27T06:00:00.000Z',
  });
  await call(core, 'complaints.create', {
    customerName: 'Other',
    phone: '139 0000 0000',
    matter: 'not this caller',
    wants: '-',
    category: 'service',
    severity: 'normal',
    nextReplyDue: '2026-11-28T06:00:00.000Z',
  });
  await call(core, 'callbacks.schedule', { customerName: '张伟', phone: '13800138000', reason: '安装回访', dueAt: '2026-11-26T02:00:00.000Z' });

  clock.set('2026-11-27T07:00:00.000Z'); // the reply due at 06:00 is now overdue
  const history = await call(core, 'calls.history', { phone: '+86 138 0013 8000' });
  expect(history.openComplaints.map((c) => [c.id, c.overdue, c.ownerName])).toEqual([[complaint.complaint.id, true, 'Test Agent']]);
  expect(history.pendingCallbacks.map((c) => [c.reason, c.overdue])).toEqual([['安装回访', true]]);
  core.close();
});
