// F2 with a phone source, the softphone's own answer, P1 (rings from the answer time) and the queue.
import { fixedClock, call } from '../../../../helpers/core';
import { phoneCore, phoneRows } from '../../../../helpers/phone';
import type { Core } from '../../../../../electron/core/entry/start-core';

const T0 = '2026-12-01T02:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
let core: Core;
let clock: ReturnType<typeof fixedClock>;

beforeEach(() => {
  clock = fixedClock(at(0));
  core = phoneCore(clock, { source: 'hooks', ringCadenceSeconds: 5 });
});
afterEach(() => core.close());

const ring = (call: string, from: string, seconds = 0) => core.phone.runtime.accept('hooks', { kind: 'ringing', callId: call, from, at: at(seconds) });

test("F2 answers the ringing call: its ring time, the answer time and the number (and the card's name) go into the console call", async () => {
  core.db
    .prepare(
      "INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at) VALUES ('k1', '13800138000', '+8613800138000', '张伟', '上海', '浦东', ?, ?)",
    )
    .run(T0, T0);
  ring('c1', '+86 138 0013 8000');
  expect((await call(core, 'phone.state', {})).ringing[0]).toMatchObject({ callerName: '张伟' });
  clock.set(at(7));
  const answered = await call(core, 'phone.answer', {});
  expect(answered).toMatchObject({ rangAt: at(0), answeredAt: at(7), phone: '+86 138 0013 8000', callerName: '张伟', region: '上海', lateAnswer: false });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'answered', answered_at: at(7), console_call_id: answered.id });
  // the softphone's own answer arriving afterwards is a repeat
  expect(core.phone.runtime.accept('hooks', { kind: 'answered', callId: 'c1', at: at(9) })).toMatchObject({ outcome: 'duplicate' });
  expect((await call(core, 'phone.state', {})).active).toMatchObject({ callId: 'c1', consoleCallId: answered.id });
  // the caller hangs up: the console call's after-call work starts at the hang-up time
  core.phone.runtime.accept('hooks', { kind: 'ended', callId: 'c1', at: at(100) });
  expect(await call(core, 'calls.get', { id: answered.id })).toMatchObject({ endedAt: at(100), status: 'open' });
});

test.each([
  [9.9, 1, false],
  [24.9, 4, false],
  [25, 5, true],
  [60, 12, true],
])('P1: answered after %s s at 5 s per ring = %i rings; apology first: %s', async (seconds, _rings, late) => {
  ring('c1', '13800138000');
  clock.set(at(seconds));
  expect(await call(core, 'phone.answer', {})).toMatchObject({ lateAnswer: late });
});

test('P1 uses the ring cadence setting', async () => {
  core.db.prepare("UPDATE settings SET value = '1' WHERE key = 'phone.ringCadenceSeconds'").run();
  ring('c1', '13800138000');
  clock.set(at(5));
  expect(await call(core, 'phone.answer', {})).toMatchObject({ lateAnswer: true });
});

test("the softphone answering by itself opens the console call with the source's answer time", async () => {
  ring('c1', '13800138000');
  core.phone.runtime.accept('hooks', { kind: 'answered', callId: 'c1', at: at(30) });
  const row = phoneRows(core)[0]!;
  expect(row.console_call_id).not.toBeNull();
  expect(await call(core, 'calls.get', { id: row.console_call_id! })).toMatchObject({ answeredAt: at(30), lateAnswer: true, phone: '13800138000' });
});

test('a second call ringing during a call is queued (never lost); F2 takes the oldest first, and a queued call that hangs up is missed', async () => {
  ring('c1', '13800000001', 0);
  clock.set(at(3));
  const first = await call(core, 'phone.answer', {});
  ring('c2', '13800000002', 20);
  ring('c3', '13800000003', 21);
  const state = await call(core, 'phone.state', {});
  expect(state.active).toMatchObject({ consoleCallId: first.id });
  expect(state.ringing.map((r) => r.callId)).toEqual(['c2', 'c3']);
  core.phone.runtime.accept('hooks', { kind: 'ended', callId: 'c3', at: at(40) });
  clock.set(at(45));
  const second = await call(core, 'phone.answer', {});
  expect(second.phone).toBe('13800000002');
  expect((await call(core, 'phone.missed', {})).map((m) => m.from)).toEqual(['13800000003']);
});

test('F2 with nothing ringing, or without a source, is refused with a code (the console starts a plain call instead)', async () => {
  expect(await core.dispatch('phone.answer', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  core.db.prepare("UPDATE settings SET value = 'none' WHERE key = 'phone.source'").run();
  expect(await core.dispatch('phone.answer', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  expect((await call(core, 'phone.state', {})).source).toBe('none');
});

test('a call left ringing by a crash (no end event for 10 minutes) becomes missed at the next start', async () => {
  ring('c1', '13800138000', 0);
  clock.set(at(11 * 60));
  const { PhoneRuntime } = await import('../../../../../electron/core/phone/runtime');
  const again = new PhoneRuntime({ db: core.db, clock, info: { version: 't', dbPath: ':memory:', transport: 'browser' }, session: core.session });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'missed', end_cause: 'no end event' });
  again.stop();
});
