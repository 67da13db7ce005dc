import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';

const firstOutcome = async (core: Core) => (await call(core, 'dispositions.list', {}))[0]!.id;

test('P1: an answer after the threshold (15 s by default) is late; the threshold is a setting; the agent can tick it', async () => {
  const clock = fixedClock('2026-11-27T02:00:20.000Z');
  const core = memoryCore(clock);
  expect((await call(core, 'calls.start', { rangAt: '2026-11-27T02:00:06.000Z' })).lateAnswer).toBe(false); // 14 s
  expect((await call(core, 'calls.start', { rangAt: '2026-11-27T02:00:05.000Z' })).lateAnswer).toBe(true); // 15 s
  await call(core, 'lead.setPin', { pin: '246800' });
  await call(core, 'settings.update', { lateAnswerSeconds: 30 });
  const c = await call(core, 'calls.start', { rangAt: '2026-11-27T02:00:00.000Z' });
  expect(c.lateAnswer).toBe(false); // 20 s < 30 s
  expect((await call(core, 'calls.markLate', { id: c.id, late: true })).lateAnswer).toBe(true);
  core.close();
});

test('a call is read from the newest script of its language and keeps that version', async () => {
  const core = memoryCore();
  const zh = await call(core, 'calls.start', { language: 'zh-CN' });
  const en = await call(core, 'calls.start', { language: 'en' });
  const zhScript = await call(core, 'scripts.current', { language: 'zh-CN' });
  expect(zh.scriptVersionId).toBe(zhScript.id);
  const view = await call(core, 'calls.open', { id: en.id });
  expect(view.script?.language).toBe('en');
  expect(view.script?.content.steps.map((s) => s.key)).toEqual(['greeting', 'identify', 'readback', 'handle', 'closing']);
  core.close();
});

test('checklist ticks are stored with the call and can be taken back', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.check', { id: c.id, key: 'greeted', checked: true });
  clock.advance(5000);
  await call(core, 'calls.check', { id: c.id, key: 'confirmed', checked: true });
  expect((await call(core, 'calls.check', { id: c.id, key: 'greeted', checked: false })).checklist).toEqual({ confirmed: '2026-11-27T02:00:05.000Z' });
  expect((await call(core, 'calls.get', { id: c.id })).checklist).toEqual({ confirmed: '2026-11-27T02:00:05.000Z' });
  core.close();
});

test('P5: completing is refused with the missing fields named, and nothing changes', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', details: 'only details, no why' } });
  const refused = await core.dispatch('calls.complete', { id: c.id, dispositionId: await firstOutcome(core) });
  expect(refused).toMatchObject({ ok: false, error: { code: 'rule', rule: 'P5' } });
  if (!refused.ok) expect(refused.error.fields?.map((f) => f.path)).toEqual(['region', 'subject', 'wants']);
  expect((await call(core, 'calls.get', { id: c.id })).status).toBe('open');
  core.close();
});

test('wrap-up: an active outcome is required; completion records wrap-up time and after-call work', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', region: '杭州', subject: '发票', wants: '改电子发票', phone: '13800138000' } });
  clock.advance(60_000);
  const ended = await call(core, 'calls.end', { id: c.id });
  expect(ended.endedAt).toBe('2026-11-27T02:01:00.000Z');
  expect(ended.customerId).not.toBeNull(); // O4: the card is linked when the call ends
  expect(await core.dispatch('calls.complete', { id: c.id, dispositionId: '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d' })).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
  clock.advance(45_000);
  const done = await call(core, 'calls.complete', { id: c.id, dispositionId: await firstOutcome(core) });
  expect(done).toMatchObject({ status: 'completed', wrappedAt: '2026-11-27T02:01:45.000Z', endedAt: '2026-11-27T02:01:00.000Z' });
  const view = await call(core, 'calls.open', { id: c.id });
  expect(view.events).toMatchObject([{ kind: 'completed', agentName: 'Test Agent', data: { afterCallWorkSeconds: 45 } }]);
  // a completed call is not autosaved over
  expect(await core.dispatch('calls.update', { id: c.id, fields: { subject: 'x' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  core.close();
});

test('unfinished calls stay listed until completed or discarded on purpose; discarding is recorded', async () => {
  const core = memoryCore();
  const a = await call(core, 'calls.start', {});
  const b = await call(core, 'calls.start', {});
  expect((await call(core, 'calls.listUnfinished', {})).calls.map((c) => c.id)).toEqual([b.id, a.id]);
  await call(core, 'calls.discard', { id: a.id, reason: 'silent line' });
  expect((await call(core, 'calls.listUnfinished', {})).calls.map((c) => c.id)).toEqual([b.id]);
  expect((await call(core, 'calls.get', { id: a.id })).status).toBe('discarded'); // the row is kept
  expect((await call(core, 'calls.open', { id: a.id })).events).toMatchObject([{ kind: 'discarded', data: { reason: 'silent line' } }]);
  core.close();
});

test('P8 escalation and P10 transfer are recorded on the call as append-only events', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.escalate', { id: c.id, reason: '退款超出权限' });
  await call(core, 'calls.transfer', { id: c.id, to: '李娜', gist: '张伟，发票地址要改' });
  expect((await call(core, 'calls.open', { id: c.id })).events).toMatchObject([
    { kind: 'escalated', data: { reason: '退款超出权限' } },
    { kind: 'transferred', data: { to: '李娜', gist: '张伟，发票地址要改' } },
  ]);
  expect(await core.dispatch('calls.escalate', { id: c.id, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(() => core.db.prepare("UPDATE call_events SET data = '{}'").run()).toThrow(/append-only/);
  core.close();
});

test('an edit of a completed call is written and recorded as an event with before and after', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  expect(await core.dispatch('calls.amend', { id: c.id, fields: { subject: 'x' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', region: '杭州', subject: '发票', wants: '改电子发票' } });
  await call(core, 'calls.complete', { id: c.id, dispositionId: await firstOutcome(core) });
  const amended = await call(core, 'calls.amend', { id: c.id, fields: { subject: '十月发票', region: '杭州' } });
  expect(amended.subject).toBe('十月发票');
  const events = (await call(core, 'calls.open', { id: c.id })).events;
  expect(events.at(-1)).toMatchObject({ kind: 'amended', data: { changes: { subject: { from: '发票', to: '十月发票' } } } });
  expect(Object.keys((events.at(-1)!.data as { changes: object }).changes)).toEqual(['subject']);
  core.close();
});

test('autosave is one statement: it writes the call and nothing else', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  const before = core.db.prepare('SELECT count(*) FROM customers').pluck().get();
  await call(core, 'calls.update', { id: c.id, fields: { phone: '138 0013 8000', callerName: '张伟' } });
  expect(core.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(before);
  expect(core.db.prepare('SELECT count(*) FROM call_events').pluck().get()).toBe(0);
  core.close();
});
