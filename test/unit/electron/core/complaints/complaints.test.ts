import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';
import type { RawInput } from '../../../../../shared/contract';
import { replay, getComplaint, openComplaintsForPhone } from '../../../../../electron/core/complaints/store';
import { refusals } from '../../../../../shared/domain/complaint-workflow';
import { newId } from '../../../../../electron/core/infra/ids';
import { mergeTimeline } from '../../../../../shared/domain/complaint-timeline';

const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai
const LATER = '2026-11-28T02:00:00.000Z';
const AT = '2026-11-27T01:59:00.000Z';

let core: Core;
let clock: ReturnType<typeof fixedClock>;
beforeEach(() => {
  clock = fixedClock(NOW);
  core = memoryCore(clock);
});
afterEach(() => core.close());

const base: RawInput<'complaints.create'> = {
  customerName: '张伟',
  phone: '138 0013 8000',
  matter: '退款两周未到账',
  wants: '尽快退款',
  category: 'service',
  nextReplyDue: LATER,
};

async function refused(method: Parameters<Core['dispatch']>[0], input: unknown, name: keyof typeof refusals) {
  const result = await core.dispatch(method, input);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'rule', rule: refusals[name][0], message: refusals[name][1] });
}

async function created(extra: Partial<RawInput<'complaints.create'>> = {}) {
  return (await call(core, 'complaints.create', { ...base, ...extra })).complaint;
}

function expectRowIsFoldOfEvents(id: string) {
  expect(replay(core.db, id)).toEqual(getComplaint(core.db, id));
}

describe('registering', () => {
  test('a complaint gets a readable number per local month, the signed-in agent as owner, and a first event', async () => {
    const c = await created();
    expect(c).toMatchObject({ number: 'TS-202611-0001', status: 'new', ownerName: 'Test Agent', nextReplyDue: LATER, phoneNorm: '+8613800138000' });
    expect((await created()).number).toBe('TS-202611-0002');
    clock.set('2026-11-30T16:30:00.000Z'); // 1 December 00:30 in Shanghai
    expect((await created({ nextReplyDue: '2026-12-05T02:00:00.000Z' })).number).toBe('TS-202612-0001');
    const detail = await call(core, 'complaints.get', { id: c.id });
    expect(detail.events.map((e) => [e.kind, e.agentName, e.at])).toEqual([['created', 'Test Agent', NOW]]);
    expectRowIsFoldOfEvents(c.id);
  });

  test('from a call: name and phone come from the call and the call is linked; the customer card exists', async () => {
    const started = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id: started.id, fields: { callerName: '李娜', phone: '139-0000-1111' } });
    const c = await created({ callId: started.id, customerName: '', phone: '' });
    expect(c).toMatchObject({ callId: started.id, customerName: '李娜', phone: '139-0000-1111', phoneNorm: '+8613900001111' });
    expect(c.customerId).toBe(core.db.prepare("SELECT id FROM customers WHERE phone_norm = '+8613900001111'").pluck().get());
  });

  test('C2: no complaint without a matter', async () => refused('complaints.create', { ...base, matter: '  ' }, 'matter'));
  test('C3: no complaint without the next reply due', async () => refused('complaints.create', { ...base, nextReplyDue: undefined }, 'due'));
  test('C3: the next reply cannot be due in the past', async () => refused('complaints.create', { ...base, nextReplyDue: AT }, 'duePast'));
  test('C6: a major complaint needs an escalation entry at creation', async () => {
    await refused('complaints.create', { ...base, severity: 'major' }, 'escalation');
    await refused('complaints.create', { ...base, severity: 'major', escalation: { to: ' ', at: AT } }, 'escalation');
    const c = await created({ severity: 'major', escalation: { to: '王经理', at: AT, note: '电话报告' } });
    const detail = await call(core, 'complaints.get', { id: c.id });
    expect(detail.complaint.escalated).toBe(true);
    expect(detail.events.map((e) => e.kind)).toEqual(['created', 'escalation']);
    expect(detail.events[1]!.data).toMatchObject({ to: '王经理', at: AT, text: '电话报告' });
  });
  test('O6: a fault report needs time, place, symptom and handling plan', async () => {
    await refused('complaints.create', { ...base, category: 'fault', faultTime: '09:00', faultPlace: '机房', faultSymptom: '断网' }, 'fault');
    const c = await created({ category: 'fault', faultTime: '09:00', faultPlace: '机房', faultSymptom: '断网', faultPlan: '派工程师' });
    expect(c.faultPlan).toBe('派工程师');
  });
  test('nothing is written when a rule refuses', async () => {
    await refused('complaints.create', { ...base, severity: 'major' }, 'escalation');
    expect(core.db.prepare('SELECT count(*) FROM complaints').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM complaint_events').pluck().get()).toBe(0);
  });
});

describe('workflow', () => {
  test('new → in progress → awaiting customer → resolved → closed, every step on the timeline', async () => {
    const c = await created();
    await call(core, 'complaints.setStatus', { id: c.id, to: 'in_progress' });
    await call(core, 'complaints.setStatus', { id: c.id, to: 'awaiting_customer' });
    await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: '已退款' });
    await call(core, 'complaints.reply', { id: c.id, how: 'phone', at: AT, text: '已告知退款到账' });
    const closed = await call(core, 'complaints.setStatus', { id: c.id, to: 'closed' });
    expect(closed.complaint).toMatchObject({ status: 'closed', result: '已退款', nextReplyDue: null, closedAt: NOW });
    expect(closed.newEvents.map((e) => e.kind)).toEqual(['status']);
    expect((await call(core, 'complaints.get', { id: c.id })).events.map((e) => e.kind)).toEqual([
      'created',
      'status',
      'status',
      'result',
      'status',
      'reply',
      'status',
    ]);
    expectRowIsFoldOfEvents(c.id);
  });
  test('C5: no resolve without a recorded result', async () => {
    const c = await created();
    await refused('complaints.setStatus', { id: c.id, to: 'resolved' }, 'result');
    await refused('complaints.setStatus', { id: c.id, to: 'resolved', result: ' ' }, 'result');
  });
  test('C4: no close without a recorded reply (how and when)', async () => {
    const c = await created();
    await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: 'done' });
    await refused('complaints.setStatus', { id: c.id, to: 'closed' }, 'reply');
  });
  test('C4: a reply says what was told and is not in the future', async () => {
    const c = await created();
    await refused('complaints.reply', { id: c.id, how: 'sms', at: AT, text: '' }, 'replyText');
    await refused('complaints.reply', { id: c.id, how: 'sms', at: LATER, text: 'x' }, 'replyFuture');
  });
  test('only the allowed moves', async () => {
    const c = await created();
    await refused('complaints.setStatus', { id: c.id, to: 'closed' }, 'transition');
    await refused('complaints.setStatus', { id: c.id, to: 'new' }, 'transition');
  });
  test('reopening needs a reason, and after closing a new next-reply time (C3); the reply must be given again', async () => {
    const c = await created();
    await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: 'done' });
    await call(core, 'complaints.reply', { id: c.id, how: 'phone', at: AT, text: 'told' });
    await call(core, 'complaints.setStatus', { id: c.id, to: 'closed' });
    await refused('complaints.setStatus', { id: c.id, to: 'in_progress', nextReplyDue: LATER }, 'reopen');
    await refused('complaints.setStatus', { id: c.id, to: 'in_progress', reason: '客户再次来电' }, 'due');
    const reopened = await call(core, 'complaints.setStatus', { id: c.id, to: 'in_progress', reason: '客户再次来电', nextReplyDue: LATER });
    expect(reopened.complaint).toMatchObject({ status: 'in_progress', nextReplyDue: LATER, closedAt: null, repliedSinceOpened: false });
    await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved' }); // the earlier result still stands
    await refused('complaints.setStatus', { id: c.id, to: 'closed' }, 'reply');
    expectRowIsFoldOfEvents(c.id);
  });
  test('a closed complaint cannot be transferred or given a new due date', async () => {
    const c = await created();
    await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: 'done' });
    await call(core, 'complaints.reply', { id: c.id, how: 'phone', at: AT, text: 'told' });
    await call(core, 'complaints.setStatus', { id: c.id, to: 'closed' });
    await refused('complaints.setDue', { id: c.id, nextReplyDue: LATER }, 'closed');
    await refused('complaints.reply', { id: c.id, how: 'phone', at: AT, text: 'x', nextReplyDue: LATER }, 'closed');
  });
  test('O6: a fault report is resolved only with cause, impact, handling and actions recorded', async () => {
    const c = await created({ category: 'fault', faultTime: '09:00', faultPlace: '机房', faultSymptom: '断网', faultPlan: '派工程师' });
    await refused('complaints.setStatus', { id: c.id, to: 'resolved', result: 'fixed' }, 'faultAfter');
    await call(core, 'complaints.edit', {
      id: c.id,
      fields: { faultCause: '光缆被挖断', faultImpact: '3 小时断网', faultHandling: '熔接', faultActions: '加装标识' },
    });
    const done = await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: 'fixed' });
    expect(done.complaint.status).toBe('resolved');
    const timeline = (await call(core, 'complaints.get', { id: c.id })).events;
    expect(timeline.filter((e) => e.kind === 'edit').map((e) => e.data.field)).toEqual(['faultCause', 'faultImpact', 'faultHandling', 'faultActions']);
  });
  test('O6: the resolve form sends the after-fields with the move; one missing refuses all of it and records nothing', async () => {
    const c = await created({ category: 'fault', faultTime: '09:00', faultPlace: '机房', faultSymptom: '断网', faultPlan: '派工程师' });
    const fault = { faultCause: '光缆被挖断', faultImpact: '3 小时断网', faultHandling: '熔接', faultActions: '加装标识' };
    await refused('complaints.setStatus', { id: c.id, to: 'resolved', result: 'fixed', fault: { ...fault, faultActions: ' ' } }, 'faultAfter');
    await refused('complaints.setStatus', { id: c.id, to: 'resolved', fault }, 'result');
    expect((await call(core, 'complaints.get', { id: c.id })).events).toHaveLength(1);
    const done = await call(core, 'complaints.setStatus', { id: c.id, to: 'resolved', result: 'fixed', fault });
    expect(done.complaint).toMatchObject({ status: 'resolved', result: 'fixed', ...fault });
    expect(done.newEvents.map((e) => (e.kind === 'edit' ? e.data.field : e.kind))).toEqual([
      'faultCause',
      'faultImpact',
      'faultHandling',
      'faultActions',
      'result',
      'status',
    ]);
    expectRowIsFoldOfEvents(c.id);
  });
});

describe('timeline entries', () => {
  test('notes, due changes, escalations and edits are events with who and when; the row follows', async () => {
    const c = await created();
    clock.advance(60_000);
    await refused('complaints.note', { id: c.id, text: ' ' }, 'note');
    await call(core, 'complaints.note', { id: c.id, text: '已联系财务' });
    await refused('complaints.setDue', { id: c.id, nextReplyDue: AT }, 'duePast');
    await refused('complaints.setDue', { id: c.id, nextReplyDue: LATER }, 'noChange');
    await call(core, 'complaints.setDue', { id: c.id, nextReplyDue: '2026-11-29T02:00:00.000Z', reason: '等财务' });
    await refused('complaints.escalate', { id: c.id, to: '', at: AT }, 'escalation');
    await call(core, 'complaints.escalate', { id: c.id, to: '客服主管', at: AT });
    await refused('complaints.edit', { id: c.id, fields: { matter: '' } }, 'matter');
    await refused('complaints.edit', { id: c.id, fields: { matter: base.matter } }, 'noChange');
    const edited = await call(core, 'complaints.edit', { id: c.id, fields: { wants: '退款并道歉' } });
    expect(edited.newEvents).toMatchObject([
      {
        kind: 'edit',
        agentName: 'Test Agent',
        at: '2026-11-27T02:01:00.000Z',
        data: { field: 'wants', from: '尽快退款', to: '退款并道歉' },
      },
    ]);
    expect((await call(core, 'complaints.get', { id: c.id })).events.find((e) => e.kind === 'due')!.data).toEqual({
      from: LATER,
      to: '2026-11-29T02:00:00.000Z',
      reason: '等财务',
    });
    expect(edited.complaint).toMatchObject({ wants: '退款并道歉', nextReplyDue: '2026-11-29T02:00:00.000Z', escalated: true, eventCount: 5 });
    expectRowIsFoldOfEvents(c.id);
  });
  test('O4: correcting the phone number moves the complaint to that customer card; erasing the first customer leaves it alone', async () => {
    const c = await created({ phone: '138 0013 8000' });
    const cardOf = (phoneNorm: string) => core.db.prepare('SELECT id FROM customers WHERE phone_norm = ?').pluck().get(phoneNorm) as string | undefined;
    const first = cardOf('+8613800138000');
    expect(core.db.prepare('SELECT customer_id FROM complaints WHERE id = ?').pluck().get(c.id)).toBe(first);
    const edited = await call(core, 'complaints.edit', { id: c.id, fields: { phone: '139-0013-9000' } });
    const second = cardOf('+8613900139000');
    expect(second).toBeDefined();
    expect(edited.newEvents.at(-1)!.data).toMatchObject({
      field: 'phone',
      from: '138 0013 8000',
      to: '139-0013-9000',
      phoneNorm: '+8613900139000',
      customerId: second,
    });
    expect(core.db.prepare('SELECT customer_id FROM complaints WHERE id = ?').pluck().get(c.id)).toBe(second);
    expectRowIsFoldOfEvents(c.id);
    // the number it was wrongly filed under belongs to someone else: their erasure must not touch it
    await call(core, 'lead.setPin', { pin: '864200' });
    expect(await call(core, 'privacy.findCustomer', { phone: '13800138000' })).toMatchObject({ complaints: 0 });
    await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked to be forgotten' });
    expect((await call(core, 'complaints.get', { id: c.id })).complaint).toMatchObject({ customerName: '张伟', phone: '139-0013-9000', matter: base.matter });
  });
  test('C6: making a complaint major needs an escalation unless it was escalated already', async () => {
    const c = await created();
    await refused('complaints.edit', { id: c.id, fields: { severity: 'major' } }, 'escalation');
    const d = await call(core, 'complaints.edit', { id: c.id, fields: { severity: 'major' }, escalation: { to: '经理', at: AT } });
    expect(d.complaint.severity).toBe('major');
  });
  test('O1, P10: a transfer records from, to and why, and moves ownership', async () => {
    const c = await created();
    const other = await call(core, 'agents.add', { name: '王芳' });
    await refused('complaints.transfer', { id: c.id, toAgentId: other.id, why: '' }, 'transferWhy');
    await refused('complaints.transfer', { id: c.id, toAgentId: c.ownerId, why: 'x' }, 'transferSame');
    const d = await call(core, 'complaints.transfer', { id: c.id, toAgentId: other.id, why: '财务专员处理' });
    expect(d.complaint).toMatchObject({ ownerId: other.id, ownerName: '王芳' });
    expect(d.newEvents.at(-1)!.data).toEqual({ fromId: c.ownerId, fromName: 'Test Agent', toId: other.id, toName: '王芳', why: '财务专员处理' });
  });
  test('C5: events cannot be changed or removed, even with SQL', async () => {
    const c = await created();
    expect(() => core.db.prepare("UPDATE complaint_events SET data = '{}' WHERE complaint_id = ?").run(c.id)).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM complaint_events WHERE complaint_id = ?').run(c.id)).toThrow(/append-only/);
  });
  test('C3, C4 also hold in the table itself', async () => {
    const c = await created();
    expect(() => core.db.prepare('UPDATE complaints SET next_reply_due = NULL WHERE id = ?').run(c.id)).toThrow(/CHECK/);
    expect(() => core.db.prepare("UPDATE complaints SET status = 'closed', next_reply_due = NULL WHERE id = ?").run(c.id)).toThrow(/CHECK/);
  });
});

describe('tracker and reminders', () => {
  test('overdue complaints come first, are counted, and are due for their owner only', async () => {
    const soon = await created({ matter: 'soon', nextReplyDue: '2026-11-27T03:00:00.000Z' });
    const late = await created({ matter: 'later', nextReplyDue: '2026-11-27T05:00:00.000Z' });
    const other = await call(core, 'agents.add', { name: '王芳' });
    await call(core, 'complaints.transfer', { id: late.id, toAgentId: other.id, why: 'shift change' });
    expect(await call(core, 'complaints.due', {})).toEqual([]);
    clock.set('2026-11-27T06:00:00.000Z');
    const page = await call(core, 'complaints.list', { view: 'open' });
    expect(page.rows.map((r) => [r.matter, r.overdue])).toEqual([
      ['soon', true],
      ['later', true],
    ]);
    expect(page.overdue).toBe(2);
    expect((await call(core, 'complaints.list', { view: 'mine' })).rows.map((r) => r.matter)).toEqual(['soon']);
    expect((await call(core, 'complaints.due', {})).map((d) => d.id)).toEqual([soon.id]);
    await call(core, 'complaints.setDue', { id: soon.id, nextReplyDue: LATER });
    expect(await call(core, 'complaints.due', {})).toEqual([]);
  });

  test('filters by status, severity, category, owner, period, and words', async () => {
    const a = await created({ matter: '物流延迟 parcel late' });
    await created({ matter: '安装师傅迟到', category: 'product', severity: 'major', escalation: { to: '经理', at: AT } });
    await call(core, 'complaints.setStatus', { id: a.id, to: 'in_progress' });
    const list = async (input: RawInput<'complaints.list'>) => (await call(core, 'complaints.list', input)).rows.map((r) => r.matter);
    expect(await list({ status: 'in_progress' })).toEqual(['物流延迟 parcel late']);
    expect(await list({ severity: 'major' })).toEqual(['安装师傅迟到']);
    expect(await list({ category: 'product' })).toEqual(['安装师傅迟到']);
    expect(await list({ ownerId: a.ownerId })).toHaveLength(2);
    expect(await list({ ownerId: newId() })).toEqual([]);
    expect(await list({ from: '2026-11-27', to: '2026-11-27' })).toHaveLength(2);
    expect(await list({ from: '2026-11-28' })).toEqual([]);
    expect(await list({ q: '物流' })).toEqual(['物流延迟 parcel late']);
    expect(await list({ q: 'PARCEL' })).toEqual(['物流延迟 parcel late']);
    expect(await list({ q: '师傅', severity: 'normal' })).toEqual([]);
    await call(core, 'complaints.note', { id: a.id, text: '快递公司承认丢件' });
    expect(await list({ q: '丢件' })).toEqual(['物流延迟 parcel late']);
  });

  test('"All" shows open complaints by reply due first, then closed ones newest first', async () => {
    const closed = await created({ matter: 'closed one', nextReplyDue: '2026-11-27T03:00:00.000Z' });
    await call(core, 'complaints.setStatus', { id: closed.id, to: 'resolved', result: 'r' });
    await call(core, 'complaints.reply', { id: closed.id, how: 'phone', at: AT, text: 't' });
    await call(core, 'complaints.setStatus', { id: closed.id, to: 'closed' });
    await created({ matter: 'due later', nextReplyDue: '2026-11-29T02:00:00.000Z' });
    await created({ matter: 'due sooner', nextReplyDue: LATER });
    const all = await call(core, 'complaints.list', { view: 'all' });
    expect(all.rows.map((r) => r.matter)).toEqual(['due sooner', 'due later', 'closed one']);
    expect((await call(core, 'complaints.list', { view: 'open' })).total).toBe(2);
    expect((await call(core, 'complaints.list', { view: 'all', status: 'closed' })).rows.map((r) => r.matter)).toEqual(['closed one']);
  });

  test('openComplaintsForPhone: open ones of that number, for the caller history', async () => {
    const a = await created({ nextReplyDue: '2026-11-27T03:00:00.000Z' });
    const b = await created({ phone: '13900001111' });
    await call(core, 'complaints.setStatus', { id: b.id, to: 'resolved', result: 'x' });
    clock.set('2026-11-27T04:00:00.000Z');
    const list = openComplaintsForPhone(core.db, clock, '+8613800138000');
    expect(list).toEqual([
      expect.objectContaining({ id: a.id, number: a.number, status: 'new', severity: 'normal', matter: base.matter, ownerName: 'Test Agent', overdue: true }),
    ]);
    expect(openComplaintsForPhone(core.db, clock, '')).toEqual([]);
  });
});

describe("an action's answer (C5: the timeline is never sent whole again)", () => {
  test('a note answers with the new state and that note only, numbered in its place; earlier notes stay out', async () => {
    const c = await created();
    let held = await call(core, 'complaints.get', { id: c.id });
    const texts = Array.from({ length: 4 }, (_, i) => `第 ${i + 1} 次跟进：${'退款进度 '.repeat(200)}`);
    for (const [i, text] of texts.entries()) {
      clock.advance(60_000);
      const change = await call(core, 'complaints.note', { id: c.id, since: held.cursor, text });
      expect(change.newEvents).toMatchObject([{ kind: 'note', seq: i + 2, arrival: i + 2, data: { text } }]);
      expect(change).toMatchObject({ appended: 1, total: i + 2, cursor: i + 2, order: 'arrival', notApplied: {} });
      expect(change.complaint).toEqual(getComplaint(core.db, c.id));
      // not one earlier note crosses the boundary again
      const sent = JSON.stringify(change);
      for (const earlier of texts.slice(0, i)) expect(sent).not.toContain(earlier.slice(0, 12));
      held = mergeTimeline(held, change).detail;
    }
    expect(held.events).toEqual((await call(core, 'complaints.get', { id: c.id })).events);
    // without a mark (the command line, an older screen): the action's own entries
    const due = await call(core, 'complaints.setDue', { id: c.id, nextReplyDue: '2026-11-29T02:00:00.000Z', reason: '等财务' });
    expect(due.newEvents.map((e) => [e.kind, e.seq])).toEqual([['due', 6]]);
  });

  test('an erasure rewrites entries a screen already shows: the next answer says so and the screen reads the timeline again', async () => {
    const c = await created({ phone: '139 0000 1111' });
    const held = await call(core, 'complaints.get', { id: c.id });
    await call(core, 'lead.setPin', { pin: '864200' });
    await call(core, 'privacy.eraseCustomer', { phone: '13900001111', reason: 'asked to be forgotten' });
    // a status move carries no text, so it is still allowed on an erased complaint (C3)
    const change = await call(core, 'complaints.setStatus', { id: c.id, since: held.cursor, to: 'in_progress' });
    expect(change.rewrites).toBeGreaterThan(held.rewrites);
    const merged = mergeTimeline(held, change);
    expect(merged.complete).toBe(false);
    // what the screen reads instead holds no trace of the erased matter
    expect(JSON.stringify((await call(core, 'complaints.get', { id: c.id })).events)).not.toContain(base.matter);
  });
});
