// O3 callbacks (回访) and O5 satisfaction. A callback is scheduled for a customer (found or
// created by phone number), waits in the queue until due, is done through an outbound call
// (linked here) and completed with its result and an optional score 1–5.
import type { Db } from '../db/open';
import { refuseErased } from '../privacy/erased';
import type { Clock } from '../infra/clock';
import { newId } from '../infra/ids';
import { upsertCustomer } from '../customers/store';
import { getCall } from '../calls/store';
import { AppError } from '../../../shared/errors';
import { normalisePhone, phoneDigitCount } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { localDayOf } from '../../../shared/domain/period';
import { callbackPlanDays } from '../../../shared/domain/callback-plan';
import type { Callback } from '../../../shared/schemas/callback';
import type { CallbackSummary } from '../../../shared/schemas/summaries';
import type { Agent } from '../../../shared/schemas/agent';
import type { Input } from '../../../shared/contract';

type Row = Record<string, unknown>;

function toCallback(r: Row, now: Date): Callback {
  const status = r.status as Callback['status'];
  return {
    id: r.id as string,
    customerId: r.customer_id as string | null,
    customerName: r.customer_name as string,
    phone: r.phone as string,
    phoneNorm: r.phone_norm as string,
    reason: r.reason as string,
    planId: r.plan_id as string | null,
    deliveredOn: r.delivered_on as string | null,
    dueAt: r.due_at as string,
    status,
    callId: r.call_id as string | null,
    result: r.result as string,
    satisfaction: r.satisfaction as number | null,
    createdAt: r.created_at as string,
    doneAt: r.done_at as string | null,
    doneByName: r.done_by_name as string,
    overdue: status === 'pending' && isOverdue(r, now),
  };
}

/**
 * A one-off callback is overdue once its time has passed. A plan's callback is for a day (O3: monthly,
 * then quarterly): it is due from 10:00 and overdue only once that day is over, so a plan whose first
 * date is today is not overdue the moment it is made.
 */
function isOverdue(r: Row, now: Date): boolean {
  const due = new Date(r.due_at as string);
  if (due.getTime() > now.getTime()) return false;
  return r.plan_id === null || localDayOf(due) < localDayOf(now);
}

export function getCallback(db: Db, clock: Clock, id: string): Callback {
  const row = db.prepare('SELECT * FROM callbacks WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', `No callback with id ${id}`);
  return toCallback(row, clock.now());
}

function requirePhone(phone: string): void {
  if (phoneDigitCount(phone) < 3) throw new AppError('rule', 'A callback needs the phone number to call', { rule: 'O3-phone' });
}

function requireReason(reason: string): void {
  if (reason.trim() === '') throw new AppError('rule', 'Say what the callback is about', { rule: 'O3-reason' });
}

interface NewCallback {
  customerName: string;
  phone: string;
  reason: string;
  dueAt: string;
  planId?: string;
  deliveredOn?: string;
}

function insert(db: Db, clock: Clock, agent: Agent, c: NewCallback): string {
  const now = clock.now().toISOString();
  const id = newId();
  const customerId = upsertCustomer(db, clock, { phone: c.phone, name: c.customerName });
  db.prepare(
    `INSERT INTO callbacks (id, customer_id, customer_name, phone, phone_norm, reason, plan_id, delivered_on, due_at, created_by_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    customerId,
    c.customerName,
    c.phone,
    normalisePhone(c.phone, phoneRegion(db)),
    c.reason,
    c.planId ?? null,
    c.deliveredOn ?? null,
    c.dueAt,
    agent.id,
    now,
    now,
  );
  return id;
}

export function scheduleCallback(db: Db, clock: Clock, agent: Agent, input: Input<'callbacks.schedule'>): Callback {
  requirePhone(input.phone);
  requireReason(input.reason);
  return db.transaction(() => getCallback(db, clock, insert(db, clock, agent, input)))();
}

/** O3: generates the plan's callbacks from today on (earlier ones are in the past already). */
export function planCallbacks(db: Db, clock: Clock, agent: Agent, input: Input<'callbacks.plan'>): Callback[] {
  requirePhone(input.phone);
  requireReason(input.reason);
  const today = localDayOf(clock.now());
  const days = callbackPlanDays(input.deliveredOn, input.years).filter((d) => d >= today);
  if (days.length === 0) throw new AppError('rule', 'Every callback of this plan would be in the past', { rule: 'O3-past' });
  // O3: the same plan twice (Schedule pressed again) would double every callback
  const same = db
    .prepare("SELECT count(*) FROM callbacks WHERE phone_norm = ? AND delivered_on = ? AND reason = ? AND plan_id IS NOT NULL AND status = 'pending'")
    .pluck()
    .get(normalisePhone(input.phone, phoneRegion(db)), input.deliveredOn, input.reason) as number;
  if (same > 0) throw new AppError('rule', 'This plan is already scheduled for this customer', { rule: 'O3-duplicate' });
  const planId = newId();
  return db.transaction(() =>
    days.map((day) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      // 10:00 local: a polite hour to call
      const dueAt = new Date(y, m - 1, d, 10).toISOString();
      return getCallback(db, clock, insert(db, clock, agent, { ...input, dueAt, planId, deliveredOn: input.deliveredOn }));
    }),
  )();
}

export function callbackQueue(db: Db, clock: Clock, input: Input<'callbacks.queue'>): Callback[] {
  const now = clock.now();
  const rows =
    input.scope === 'done'
      ? db.prepare("SELECT * FROM callbacks WHERE status = 'done' ORDER BY done_at DESC LIMIT ?").all(input.limit)
      : input.scope === 'due'
        ? db.prepare("SELECT * FROM callbacks WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?").all(now.toISOString(), input.limit)
        : db.prepare("SELECT * FROM callbacks WHERE status = 'pending' ORDER BY due_at LIMIT ?").all(input.limit);
  return (rows as Row[]).map((r) => toCallback(r, now));
}

function pending(db: Db, clock: Clock, id: string): Callback {
  const cb = getCallback(db, clock, id);
  if (cb.status !== 'pending') throw new AppError('conflict', `Callback ${id} is ${cb.status}`);
  return cb;
}

export function linkCallback(db: Db, clock: Clock, input: Input<'callbacks.link'>): Callback {
  getCall(db, input.callId); // throws not_found
  pending(db, clock, input.id);
  db.prepare('UPDATE callbacks SET call_id = ?, updated_at = ? WHERE id = ?').run(input.callId, clock.now().toISOString(), input.id);
  return getCallback(db, clock, input.id);
}

export function completeCallback(db: Db, clock: Clock, agent: Agent, input: Input<'callbacks.complete'>): Callback {
  if (input.result.trim() === '') throw new AppError('rule', 'Record what the customer said', { rule: 'O3-result' });
  refuseErased(db, 'callbacks', input.id);
  pending(db, clock, input.id);
  const now = clock.now().toISOString();
  db.prepare("UPDATE callbacks SET status = 'done', result = ?, satisfaction = ?, done_at = ?, done_by_name = ?, updated_at = ? WHERE id = ?").run(
    input.result,
    input.satisfaction ?? null,
    now,
    agent.name,
    now,
    input.id,
  );
  return getCallback(db, clock, input.id);
}

export function cancelCallback(db: Db, clock: Clock, agent: Agent, input: Input<'callbacks.cancel'>): Callback {
  if (input.reason.trim() === '') throw new AppError('rule', 'Say why the callback is cancelled', { rule: 'O3-cancel' });
  pending(db, clock, input.id);
  const now = clock.now().toISOString();
  db.prepare("UPDATE callbacks SET status = 'cancelled', result = ?, done_at = ?, done_by_name = ?, updated_at = ? WHERE id = ?").run(
    input.reason,
    now,
    agent.name,
    now,
    input.id,
  );
  return getCallback(db, clock, input.id);
}

/** O2: for the caller history; pending callbacks of this phone number, earliest first. */
export function pendingCallbacksForPhone(db: Db, clock: Clock, phoneNorm: string): CallbackSummary[] {
  if (phoneNorm === '') return [];
  const now = clock.now();
  return (db.prepare("SELECT * FROM callbacks WHERE phone_norm = ? AND status = 'pending' ORDER BY due_at").all(phoneNorm) as Row[]).map((r) => {
    const cb = toCallback(r, now);
    return { id: cb.id, dueAt: cb.dueAt, reason: cb.reason, status: cb.status, overdue: cb.overdue };
  });
}
