// The call-event intake: one shape for every source; repeats, late and foreign events are harmless;
// malformed ones are refused with a log line and nothing written.
import { fixedClock, snapshot, call } from '../../../../helpers/core';
import { memoryLogger, phoneCore, phoneRows } from '../../../../helpers/phone';
import type { Core } from '../../../../../electron/core/entry/start-core';

const T0 = '2026-12-01T02:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

let core: Core;
let log: ReturnType<typeof memoryLogger>;
let clock: ReturnType<typeof fixedClock>;

beforeEach(() => {
  clock = fixedClock(at(0));
  log = memoryLogger();
  core = phoneCore(clock, { source: 'http', extension: '8001', ringCadenceSeconds: 5 }, { logger: log });
});
afterEach(() => core.close());

const accept = (event: unknown) => core.phone.runtime.accept('http', event);
const ring = (callId: string, from = '13800138000', seconds = 0, to = '8001') => accept({ kind: 'ringing', callId, from, to, at: at(seconds) });
const refusals = () => log.lines.filter((l) => l.event === 'phone.refused');

test('ringing, answered, ended: one row with the source times; the agent is offered the call with its number', async () => {
  expect(ring('c1', '138 0013 8000', 0)).toMatchObject({ ok: true, outcome: 'applied' });
  let state = await call(core, 'phone.state', {});
  expect(state.ringing).toEqual([expect.objectContaining({ callId: 'c1', from: '138 0013 8000', rangAt: at(0) })]);
  expect(accept({ kind: 'answered', callId: 'c1', at: at(12) })).toMatchObject({ ok: true, outcome: 'applied' });
  expect(accept({ kind: 'ended', callId: 'c1', at: at(90), cause: 'normalClearing' })).toMatchObject({ ok: true, outcome: 'applied' });
  expect(phoneRows(core)).toEqual([
    expect.objectContaining({ call_id: 'c1', status: 'ended', rang_at: at(0), answered_at: at(12), ended_at: at(90), end_cause: 'normalClearing' }),
  ]);
  state = await call(core, 'phone.state', {});
  expect(state.ringing).toEqual([]);
  expect(state.active).toBeNull();
});

test('a repeated event changes nothing: the first answer time and the first hang-up stay', () => {
  ring('c1');
  accept({ kind: 'answered', callId: 'c1', at: at(8) });
  const before = snapshot(core.db);
  expect(ring('c1', '999', 30)).toMatchObject({ ok: true, outcome: 'duplicate' });
  expect(accept({ kind: 'answered', callId: 'c1', at: at(20) })).toMatchObject({ ok: true, outcome: 'duplicate' });
  expect(snapshot(core.db)).toBe(before);
  accept({ kind: 'ended', callId: 'c1', at: at(60) });
  const ended = snapshot(core.db);
  expect(accept({ kind: 'ended', callId: 'c1', at: at(99) })).toMatchObject({ ok: true, outcome: 'duplicate' });
  expect(ring('c1')).toMatchObject({ ok: true, outcome: 'duplicate' });
  expect(snapshot(core.db)).toBe(ended);
  expect(phoneRows(core)[0]).toMatchObject({ answered_at: at(8), ended_at: at(60), status: 'ended' });
});

test('out of order: a hang-up before its ring writes nothing and the late ring is ignored; an answer reported after the hang-up corrects "missed"', () => {
  const before = snapshot(core.db);
  expect(accept({ kind: 'ended', callId: 'c9', at: at(5) })).toMatchObject({ ok: false, outcome: 'unknown_call' });
  expect(ring('c9', '13800138000', 0)).toMatchObject({ ok: true, outcome: 'late' });
  expect(snapshot(core.db)).toBe(before);

  ring('c2', '13900139000', 0);
  accept({ kind: 'ended', callId: 'c2', at: at(40) });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'missed' });
  accept({ kind: 'answered', callId: 'c2', at: at(10) });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'ended', answered_at: at(10), ended_at: at(40) });
});

test('phone events commit without the fsync, and hand-typed work keeps synchronous=FULL afterwards', () => {
  expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
  ring('c1');
  expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
  expect(accept({ kind: 'bogus' })).toMatchObject({ ok: false });
  expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
});

test('a source clock that answers before it rang is held at the ring time', () => {
  ring('c1', '13800138000', 10);
  accept({ kind: 'answered', callId: 'c1', at: at(9) });
  expect(phoneRows(core)[0]).toMatchObject({ answered_at: at(10) });
});

test('calls for another extension are ignored, with their answer and hang-up', async () => {
  const before = snapshot(core.db);
  expect(ring('x1', '13800138000', 0, '8002')).toMatchObject({ ok: true, outcome: 'other_extension' });
  expect(accept({ kind: 'answered', callId: 'x1', at: at(3) })).toMatchObject({ ok: true, outcome: 'other_extension' });
  expect(accept({ kind: 'ended', callId: 'x1', at: at(9) })).toMatchObject({ ok: true, outcome: 'other_extension' });
  expect(snapshot(core.db)).toBe(before);
  expect((await call(core, 'phone.state', {})).ringing).toEqual([]);
  expect(refusals()).toEqual([]);
  // no "to" at all (a softphone that only knows its own calls) is this workstation's
  expect(accept({ kind: 'ringing', callId: 'x2', from: '1', at: at(1) })).toMatchObject({ outcome: 'applied' });
});

test.each([
  ['no caller number', { kind: 'ringing', callId: 'm1', from: '', at: T0 }, 'from'],
  ['no call id', { kind: 'answered', callId: '', at: T0 }, 'callId'],
  ['a time that is not ISO-8601', { kind: 'ringing', callId: 'm1', from: '138', at: 'yesterday' }, 'at'],
  ['an unknown kind', { kind: 'transferred', callId: 'm1', at: T0 }, 'kind'],
  ['an unexpected field', { kind: 'answered', callId: 'm1', at: T0, agent: 'x' }, ''],
  ['not an object', 'ring ring', ''],
  ['a control character in the number', { kind: 'ringing', callId: 'm1', from: '138\u0000', at: T0 }, 'from'],
])('malformed (%s): refused with a log line naming the field, nothing written', (_name, event, field) => {
  const before = snapshot(core.db);
  const result = accept(event);
  expect(result).toMatchObject({ ok: false, outcome: 'malformed' });
  expect(!result.ok && result.message).toMatch(/^Malformed phone event: /);
  expect(snapshot(core.db)).toBe(before);
  const line = refusals().at(-1)!;
  expect(line).toMatchObject({ level: 'warn', fields: { source: 'http', reason: 'malformed' } });
  if (field) expect(line.fields.field).toBe(field);
  // the log never carries the number or other values
  expect(JSON.stringify(log.lines.filter((l) => l.event.startsWith('phone.')))).not.toContain('138');
});

test('an event from a source that is not switched on is refused, nothing written', () => {
  const before = snapshot(core.db);
  expect(core.phone.runtime.accept('baresip', { kind: 'ringing', callId: 'b1', from: '138', at: T0 })).toMatchObject({ ok: false, outcome: 'source_off' });
  expect(snapshot(core.db)).toBe(before);
  expect(refusals().at(-1)).toMatchObject({ fields: { source: 'baresip', reason: 'source_off' } });
});

test('ended while ringing is a missed call; the missed list offers it until called back', async () => {
  ring('c1', '13800138000', 0);
  accept({ kind: 'ended', callId: 'c1', at: at(20), cause: 'cancel' });
  const missed = await call(core, 'phone.missed', {});
  expect(missed).toEqual([expect.objectContaining({ from: '13800138000', rangAt: at(0), endedAt: at(20), callbackCallId: null })]);
  expect((await call(core, 'phone.state', {})).missedCount).toBe(1);
  const back = await call(core, 'phone.callBack', { id: missed[0]!.id });
  expect(back).toMatchObject({ direction: 'outbound', phone: '13800138000', status: 'open' });
  expect(await call(core, 'phone.missed', {})).toEqual([]);
  expect(await call(core, 'phone.missed', { includeDone: true })).toEqual([expect.objectContaining({ callbackCallId: back.id })]);
  expect((await call(core, 'phone.state', {})).missedCount).toBe(0);
  const again = await core.dispatch('phone.callBack', { id: missed[0]!.id });
  expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
});

test('phone.state waits for the next change (long poll) and answers at once when there is news', async () => {
  const first = await call(core, 'phone.state', {});
  const waiting = call(core, 'phone.state', { after: first.version, waitMs: 5000 });
  setTimeout(() => ring('c1'), 20);
  const started = Date.now();
  const next = await waiting;
  expect(Date.now() - started).toBeLessThan(1000);
  expect(next.version).toBeGreaterThan(first.version);
  expect(next.ringing).toHaveLength(1);
  const quiet = await call(core, 'phone.state', { after: next.version, waitMs: 50 });
  expect(quiet.version).toBe(next.version);
});
