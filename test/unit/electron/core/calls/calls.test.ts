import { call, fixedClock, memoryCore } from '../../../../helpers/core';

test('a started call is open, inbound by default, with its ring and answer times', async () => {
  const clock = fixedClock('2026-11-27T02:00:05.000Z');
  const core = memoryCore(clock);
  const c = await call(core, 'calls.start', { rangAt: '2026-11-27T02:00:00.000Z' });
  expect(c).toMatchObject({ status: 'open', direction: 'inbound', rangAt: '2026-11-27T02:00:00.000Z', answeredAt: '2026-11-27T02:00:05.000Z' });
  expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  core.close();
});

test('autosave writes only the changed fields and keeps the phone as typed beside its normal form', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', details: 'first' } });
  const saved = await call(core, 'calls.update', { id: c.id, fields: { phone: '+86 138-0013-8000' } });
  expect(saved).toMatchObject({ callerName: '张伟', details: 'first', phone: '+86 138-0013-8000', phoneNorm: '+8613800138000' });
  expect(await call(core, 'calls.get', { id: c.id })).toEqual(saved);
  core.close();
});

test('updating a call that does not exist says not_found', async () => {
  const core = memoryCore();
  const result = await core.dispatch('calls.update', { id: '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', fields: {} });
  expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  core.close();
});

test("today's list follows the local calendar day, newest first", async () => {
  // The test process runs with TZ=Asia/Shanghai (see vitest setup): 23:30 local is 15:30 UTC.
  const clock = fixedClock('2026-11-27T15:30:00.000Z'); // 27th, 23:30 in Shanghai
  const core = memoryCore(clock);
  const late = await call(core, 'calls.start', {});
  clock.set('2026-11-27T16:30:00.000Z'); // 28th, 00:30 in Shanghai
  const next = await call(core, 'calls.start', {});
  clock.set('2026-11-27T15:45:00.000Z');
  const later = await call(core, 'calls.start', {});
  expect((await call(core, 'calls.listDay', { day: '2026-11-27' })).map((c) => c.id)).toEqual([later.id, late.id]);
  expect((await call(core, 'calls.listDay', { day: '2026-11-28' })).map((c) => c.id)).toEqual([next.id]);
  clock.set('2026-11-28T01:00:00.000Z');
  expect((await call(core, 'calls.listDay', {})).map((c) => c.id)).toEqual([next.id]);
  core.close();
});
