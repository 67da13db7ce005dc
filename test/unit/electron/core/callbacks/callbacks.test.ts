import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { pendingCallbacksForPhone } from '../../../../../electron/core/callbacks/store';

let core: Core;
let clock: ReturnType<typeof fixedClock>;
beforeEach(() => {
  clock = fixedClock('2026-11-27T02:00:00.000Z'); // 27 Nov, 10:00 in Shanghai
  core = memoryCore(clock);
});
afterEach(() => core.close());

test('O3: a one-off callback waits in the queue until due, then is linked to its call and completed with a score (O5)', async () => {
  const cb = await call(core, 'callbacks.schedule', { customerName: '王芳', phone: '139 0000 1111', reason: '安装回访', dueAt: '2026-11-27T06:00:00.000Z' });
  expect(cb).toMatchObject({ status: 'pending', phoneNorm: '+8613900001111', overdue: false });
  expect(await call(core, 'callbacks.queue', { scope: 'due' })).toEqual([]);
  expect((await call(core, 'callbacks.queue', { scope: 'upcoming' })).map((c) => c.id)).toEqual([cb.id]);
  clock.set('2026-11-27T06:00:00.000Z');
  expect((await call(core, 'callbacks.queue', { scope: 'due' })).map((c) => c.id)).toEqual([cb.id]);
  const outbound = await call(core, 'calls.start', { direction: 'outbound' });
  expect((await call(core, 'callbacks.link', { id: cb.id, callId: outbound.id })).callId).toBe(outbound.id);
  const bad = await core.dispatch('callbacks.complete', { id: cb.id, result: ' ' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'rule', rule: 'O3-result' } });
  const done = await call(core, 'callbacks.complete', { id: cb.id, result: '设备运行良好', satisfaction: 4 });
  expect(done).toMatchObject({ status: 'done', satisfaction: 4, doneByName: 'Test Agent', result: '设备运行良好' });
  expect(await call(core, 'callbacks.queue', { scope: 'due' })).toEqual([]);
  expect((await core.dispatch('callbacks.complete', { id: cb.id, result: 'again' })).ok).toBe(false);
});

test('O3: the policy plan is monthly for a year after delivery, then quarterly, from today on', async () => {
  const plan = await call(core, 'callbacks.plan', { customerName: '李娜', phone: '13800138000', reason: 'Project A', deliveredOn: '2026-10-31', years: 2 });
  // 30 Nov, 31 Dec, … 31 Oct 2027 (12), then Jan, Apr, Jul, Oct 2028 (4)
  expect(plan.map((c) => new Date(c.dueAt).toLocaleDateString('sv'))).toEqual([
    '2026-11-30',
    '2026-12-31',
    '2027-01-31',
    '2027-02-28',
    '2027-03-31',
    '2027-04-30',
    '2027-05-31',
    '2027-06-30',
    '2027-07-31',
    '2027-08-31',
    '2027-09-30',
    '2027-10-31',
    '2028-01-31',
    '2028-04-30',
    '2028-07-31',
    '2028-10-31',
  ]);
  expect(new Set(plan.map((c) => c.planId)).size).toBe(1);
  const old = await core.dispatch('callbacks.plan', { phone: '13800138000', reason: 'x', deliveredOn: '2020-01-01', years: 1 });
  expect(old).toMatchObject({ ok: false, error: { rule: 'O3-past' } });
});

test('a callback needs a phone number and a reason; cancelling needs a reason', async () => {
  expect(await core.dispatch('callbacks.schedule', { phone: '', reason: 'x', dueAt: '2026-11-28T02:00:00.000Z' })).toMatchObject({
    ok: false,
    error: { rule: 'O3-phone' },
  });
  expect(await core.dispatch('callbacks.schedule', { phone: '139', reason: ' ', dueAt: '2026-11-28T02:00:00.000Z' })).toMatchObject({
    ok: false,
    error: { rule: 'O3-reason' },
  });
  const cb = await call(core, 'callbacks.schedule', { phone: '139 1', reason: 'x', dueAt: '2026-11-28T02:00:00.000Z' });
  expect(await core.dispatch('callbacks.cancel', { id: cb.id, reason: '' })).toMatchObject({ ok: false, error: { rule: 'O3-cancel' } });
  expect((await call(core, 'callbacks.cancel', { id: cb.id, reason: '客户搬迁' })).status).toBe('cancelled');
});

test('pendingCallbacksForPhone: pending ones of that number, earliest first, for the caller history', async () => {
  const later = await call(core, 'callbacks.schedule', { phone: '139 0000 1111', reason: 'b', dueAt: '2026-11-29T02:00:00.000Z' });
  const first = await call(core, 'callbacks.schedule', { phone: '+86 139-0000-1111', reason: 'a', dueAt: '2026-11-27T01:00:00.000Z' });
  const done = await call(core, 'callbacks.schedule', { phone: '13900001111', reason: 'c', dueAt: '2026-11-27T01:00:00.000Z' });
  await call(core, 'callbacks.complete', { id: done.id, result: 'ok' });
  await call(core, 'callbacks.schedule', { phone: '13800000000', reason: 'other', dueAt: '2026-11-27T01:00:00.000Z' });
  expect(pendingCallbacksForPhone(core.db, clock, '+8613900001111')).toEqual([
    { id: first.id, dueAt: '2026-11-27T01:00:00.000Z', reason: 'a', status: 'pending', overdue: true },
    { id: later.id, dueAt: '2026-11-29T02:00:00.000Z', reason: 'b', status: 'pending', overdue: false },
  ]);
  expect(pendingCallbacksForPhone(core.db, clock, '')).toEqual([]);
});

test('O3: a plan whose first date is today is due today, not overdue the moment it is made; the same plan twice is refused', async () => {
  clock.advance(5 * 60 * 60 * 1000); // 15:00 in Shanghai: today's 10:00 has passed
  const plan = await call(core, 'callbacks.plan', { customerName: '王芳', phone: '139 1234 5678', reason: 'Boiler', deliveredOn: '2026-10-27', years: 1 });
  expect(new Date(plan[0]!.dueAt).toLocaleDateString('sv')).toBe(new Date(clock.now()).toLocaleDateString('sv'));
  expect(plan[0]!.overdue).toBe(false);
  expect((await call(core, 'callbacks.queue', { scope: 'due' })).map((c) => c.id)).toContain(plan[0]!.id);
  const again = await core.dispatch('callbacks.plan', { customerName: '王芳', phone: '13912345678', reason: 'Boiler', deliveredOn: '2026-10-27', years: 1 });
  expect(again).toMatchObject({ ok: false, error: { code: 'rule', rule: 'O3-duplicate' } });
  expect((await call(core, 'callbacks.queue', { scope: 'upcoming' })).length).toBe(plan.length);
  clock.advance(24 * 60 * 60 * 1000); // the next day: now it is overdue
  expect((await call(core, 'callbacks.queue', { scope: 'due' })).find((c) => c.id === plan[0]!.id)?.overdue).toBe(true);
});
