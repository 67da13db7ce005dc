// The complaint register (C1–C6, O1, O6). Every action is decided by the pure workflow
// (shared/domain/complaint-workflow.ts), appended to complaint_events, and the complaints row is
// rewritten as the fold of those events: the row never holds anything the timeline does not.
import type { Db } from '../db/open';
import { cached } from '../db/statements';
import type { Clock } from '../infra/clock';
import { newId } from '../infra/ids';
import { refuseErased } from '../privacy/erased';
import { requireAgent } from '../agents/store';
import { upsertCustomer } from '../customers/store';
import { getCall } from '../calls/store';
import { distinctRecords, indexBeforeSearch, joinPlan, recordOf } from '../search/store';
import type { Agent } from '../../../shared/schemas/agent';
import { AppError } from '../../../shared/errors';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { localDayRange } from '../../../shared/domain/period';
import { overdueSql } from '../../../shared/domain/overdue';
import {
  applyEvent,
  complaintNumber,
  decideCreate,
  isOverdue,
  localMonthKey,
  WorkflowRefusal,
  type Actor,
  type AppliedEvent,
  type EventDraft,
} from '../../../shared/domain/complaint-workflow';
import type {
  Complaint,
  ComplaintChange,
  ComplaintDetail,
  ComplaintEvent,
  ComplaintListRow,
  ComplaintPage,
  DueComplaint,
  TimelineOrder,
} from '../../../shared/schemas/complaint';
import { SEARCH_COUNT_CAP } from '../../../shared/schemas/search';
import type { ComplaintSummary } from '../../../shared/schemas/summaries';
import { complaintDeskSql, withDesk } from '../sync/labels';
import type { Input } from '../../../shared/contract';
import type { ServiceContext } from '../context';

/** column ↔ field; the row is written from the folded state through this one list */
const columns: [keyof Complaint, string][] = [
  ['number', 'number'],
  ['callId', 'call_id'],
  ['customerId', 'customer_id'],
  ['customerName', 'customer_name'],
  ['phone', 'phone'],
  ['phoneNorm', 'phone_norm'],
  ['matter', 'matter'],
  ['wants', 'wants'],
  ['category', 'category'],
  ['severity', 'severity'],
  ['faultTime', 'fault_time'],
  ['faultPlace', 'fault_place'],
  ['faultSymptom', 'fault_symptom'],
  ['faultPlan', 'fault_plan'],
  ['faultCause', 'fault_cause'],
  ['faultImpact', 'fault_impact'],
  ['faultHandling', 'fault_handling'],
  ['faultActions', 'fault_actions'],
  ['status', 'status'],
  ['ownerId', 'owner_id'],
  ['ownerName', 'owner_name'],
  ['nextReplyDue', 'next_reply_due'],
  ['result', 'result'],
  ['escalated', 'escalated'],
  ['lastReplyAt', 'last_reply_at'],
  ['repliedSinceOpened', 'replied_since_opened'],
  ['eventCount', 'event_count'],
  ['createdAt', 'created_at'],
  ['createdByName', 'created_by_name'],
  ['updatedAt', 'updated_at'],
  ['resolvedAt', 'resolved_at'],
  ['closedAt', 'closed_at'],
];
const booleans = new Set<keyof Complaint>(['escalated', 'repliedSinceOpened']);
const updatable = columns.filter(([f]) => f !== 'number');
export const complaintColumns: readonly [keyof Complaint, string][] = columns;

type Row = Record<string, unknown>;

export function toComplaint(row: Row): Complaint {
  const out: Record<string, unknown> = { id: row.id };
  for (const [field, column] of columns) out[field] = booleans.has(field) ? row[column] === 1 : row[column];
  return out as unknown as Complaint;
}

export function complaintParams(c: Complaint): Record<string, unknown> {
  return params(c);
}

function params(c: Complaint): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id };
  for (const [field] of columns) out[field] = booleans.has(field) ? (c[field] ? 1 : 0) : c[field];
  return out;
}

export function getComplaint(db: Db, id: string): Complaint {
  const row = cached(db, 'SELECT * FROM complaints WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', `No complaint with id ${id}`);
  return toComplaint(row);
}

interface EventRow {
  id: string;
  complaint_id: string;
  seq: number;
  kind: ComplaintEvent['kind'];
  at: string;
  agent_id: string | null;
  agent_name: string;
  data: string;
  not_applied?: string | null;
}

const toEvent = (r: EventRow, seq: number): ComplaintEvent => ({
  id: r.id,
  complaintId: r.complaint_id,
  seq,
  arrival: r.seq,
  kind: r.kind,
  at: r.at,
  agentId: r.agent_id,
  agentName: r.agent_name,
  data: JSON.parse(r.data) as Record<string, unknown>,
  ...(r.not_applied ? { notApplied: r.not_applied } : {}),
});

/**
 * The order a timeline is folded and shown in: alone, the order its events were recorded here
 * (each desk's own seq); in team mode (time, id), the same on every desk. Team mode marks the
 * actions that were not applied after merging two desks' work (sync/local.ts).
 */
export function timelineOrder(db: Db): TimelineOrder {
  // mode 0 = alone; 1 and 2 = team mode (recording, applying pulled changes)
  return (cached(db, 'SELECT mode FROM sync_state').pluck().get() as number) === 0 ? 'arrival' : 'time';
}

const orderBy: Record<TimelineOrder, string> = { arrival: 'e.seq', time: 'e.at, e.id, e.seq' };
/** x comes before e, or is e, in the fold order */
const upTo: Record<TimelineOrder, string> = { arrival: 'x.seq <= e.seq', time: '(x.at, x.id, x.seq) <= (e.at, e.id, e.seq)' };

export function complaintEvents(db: Db, id: string, order = timelineOrder(db)): ComplaintEvent[] {
  return (
    db
      .prepare(
        `SELECT e.*, n.reason AS not_applied FROM complaint_events e LEFT JOIN sync_not_applied n ON n.event_id = e.id
         WHERE e.complaint_id = ? ORDER BY ${orderBy[order]}`,
      )
      .all(id) as EventRow[]
  ).map((row, i) => toEvent(row, i + 1));
}

/**
 * The entries that reached this desk after `since`, each numbered with its place in the whole
 * timeline. The others are only counted (alone: in the (complaint, seq) index; in team mode by time
 * and id, which sit before the entry's text in the row, so no note's text is read).
 */
function eventsSince(db: Db, id: string, since: number, order: TimelineOrder): ComplaintEvent[] {
  return (
    cached(
      db,
      `SELECT e.*, n.reason AS not_applied,
           (SELECT count(*) FROM complaint_events x WHERE x.complaint_id = e.complaint_id AND ${upTo[order]}) AS place
         FROM complaint_events e LEFT JOIN sync_not_applied n ON n.event_id = e.id
         WHERE e.complaint_id = ? AND e.seq > ? ORDER BY ${orderBy[order]}`,
    ).all(id, since) as (EventRow & { place: number })[]
  ).map((row) => toEvent(row, row.place));
}

/** Rebuilds the state from the timeline alone (tests compare it with the stored row). */
export function replay(db: Db, id: string): Complaint {
  let state: Complaint | null = null;
  for (const e of complaintEvents(db, id)) state = applyEvent(state, e);
  if (!state) throw new AppError('not_found', `No complaint with id ${id}`);
  return state;
}

function rewritesOf(db: Db, id: string): number {
  return cached(db, 'SELECT timeline_rewrites FROM complaints WHERE id = ?').pluck().get(id) as number;
}

export function complaintDetail(db: Db, clock: Clock, id: string): ComplaintDetail {
  const complaint = getComplaint(db, id);
  const order = timelineOrder(db);
  const events = complaintEvents(db, id, order);
  return {
    complaint,
    events,
    overdue: isOverdue(complaint, clock.now()),
    order,
    cursor: events.reduce((max, e) => Math.max(max, e.arrival), 0),
    rewrites: rewritesOf(db, id),
  };
}

/**
 * C5: what an action answers. The state is the fold the action just wrote (never the timeline read
 * again and folded); the entries are the ones after `since`, or the action's own.
 */
function complaintChange(db: Db, clock: Clock, state: Complaint, appended: { first: number; count: number }, since: number | undefined): ComplaintChange {
  const order = timelineOrder(db);
  const newEvents = eventsSince(db, state.id, Math.min(since ?? appended.first - 1, appended.first - 1), order);
  const [total, cursor] = cached(db, 'SELECT count(*), coalesce(max(seq), 0) FROM complaint_events WHERE complaint_id = ?').raw().get(state.id) as [
    number,
    number,
  ];
  const notApplied = cached(db, 'SELECT event_id, reason FROM sync_not_applied WHERE complaint_id = ?').raw().all(state.id) as [string, string][];
  return {
    complaint: state,
    overdue: isOverdue(state, clock.now()),
    newEvents,
    appended: appended.count,
    total,
    notApplied: Object.fromEntries(notApplied),
    order,
    cursor,
    rewrites: rewritesOf(db, state.id),
  };
}

function actorOf(clock: Clock, agent: Agent): Actor {
  return { now: clock.now(), agentId: agent.id, agentName: agent.name };
}

function decided<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof WorkflowRefusal) throw new AppError('rule', err.message, { rule: err.rule });
    throw err;
  }
}

/** Appends the drafts as events after `state` and writes the folded row; returns the new state and where the events went. */
function append(db: Db, state: Complaint | null, drafts: EventDraft[], actor: Actor): { state: Complaint; first: number; count: number } {
  const at = actor.now.toISOString();
  const insert = cached(db, 'INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_id, agent_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let next = state;
  const applied: AppliedEvent[] = [];
  for (const draft of drafts) {
    const event: AppliedEvent = { ...draft, at, agentId: actor.agentId, agentName: actor.agentName };
    next = applyEvent(next, event);
    applied.push(event);
  }
  if (!next) throw new Error('no events to append');
  const p = params(next);
  if (!state) {
    const [y, m] = [next.number.slice(3, 7), next.number.slice(7, 9)];
    cached(
      db,
      `INSERT INTO complaints (id, month, seq, ${columns.map(([, c]) => c).join(', ')})
       VALUES (@id, @month, @seq, ${columns.map(([f]) => `@${f}`).join(', ')})`,
    ).run({ ...p, month: `${y}${m}`, seq: Number(next.number.slice(10)) });
  }
  const first = (state?.eventCount ?? 0) + 1;
  applied.forEach((e, i) => insert.run(newId(), next!.id, first + i, e.kind, e.at, e.agentId, e.agentName, JSON.stringify(e.data)));
  // Written after the events so the search text (which includes notes and replies) sees them.
  // the number is fixed at creation (team mode may have given it a suffix, see sync/local.ts)
  cached(db, `UPDATE complaints SET ${updatable.map(([f, c]) => `${c} = @${f}`).join(', ')} WHERE id = @id`).run(p);
  return { state: next, first, count: applied.length };
}

export function nextNumber(db: Db, now: Date): string {
  const month = localMonthKey(now);
  const seq = cached(db, 'SELECT coalesce(max(seq), 0) + 1 FROM complaints WHERE month = ?').pluck().get(month) as number;
  return complaintNumber(month, seq);
}

export function createComplaint(db: Db, clock: Clock, agent: Agent, input: Input<'complaints.create'>): ComplaintDetail {
  return db.transaction(() => {
    const actor = actorOf(clock, agent);
    let { customerName, phone } = input;
    if (input.callId) {
      const call = getCall(db, input.callId); // throws not_found
      customerName ||= call.callerName;
      phone ||= call.phone;
    }
    const customerId = phone ? upsertCustomer(db, clock, { phone, name: customerName }) : null;
    const id = newId();
    const drafts = decided(() =>
      decideCreate({ ...input, customerName, phone, phoneNorm: normalisePhone(phone, phoneRegion(db)), customerId }, actor, {
        id,
        number: nextNumber(db, actor.now),
      }),
    );
    append(db, null, drafts, actor);
    return complaintDetail(db, clock, id);
  })();
}

/** One action on an existing complaint, in one transaction. */
export function act(
  ctx: ServiceContext,
  id: string,
  decide: (state: Complaint, actor: Actor) => EventDraft[],
  { carriesText = true, since }: { carriesText?: boolean; since?: number | undefined } = {},
): ComplaintChange {
  const { db, clock } = ctx;
  const agent = requireAgent(ctx);
  return db.transaction(() => {
    const state = getComplaint(db, id);
    // an erased complaint keeps its place in the register (status, due date: C3) but takes no text
    if (carriesText) refuseErased(db, 'complaints', id);
    const actor = actorOf(clock, agent);
    const done = append(
      db,
      state,
      decided(() => decide(state, actor)),
      actor,
    );
    return complaintChange(db, clock, done.state, done, since);
  })();
}

const listColumns = `c.id, c.number, c.status, c.severity, c.category, c.customer_name, c.phone, c.matter, c.owner_id, c.owner_name, c.next_reply_due, c.created_at, ${complaintDeskSql('c')} AS workstation`;

function toListRow(r: Row, now: Date): ComplaintListRow {
  const row = {
    id: r.id as string,
    number: r.number as string,
    status: r.status as ComplaintListRow['status'],
    severity: r.severity as ComplaintListRow['severity'],
    category: r.category as ComplaintListRow['category'],
    customerName: r.customer_name as string,
    phone: r.phone as string,
    matter: r.matter as string,
    ownerId: r.owner_id as string,
    ownerName: r.owner_name as string,
    nextReplyDue: r.next_reply_due as string | null,
    createdAt: r.created_at as string,
    overdue: false,
  };
  row.overdue = isOverdue(row, now);
  return row;
}

/**
 * The tracker. Without words: open complaints by next reply due (so the overdue ones, the
 * earliest due, come first), then closed ones newest first. With words: newest first.
 */
export function listComplaints(db: Db, clock: Clock, agentId: string, input: Input<'complaints.list'>): ComplaintPage {
  const now = clock.now();
  const nowIso = now.toISOString();
  const where: string[] = [];
  const params: unknown[] = [];
  const filter = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (input.view === 'mine') {
    where.push("c.owner_id = ? AND c.status <> 'closed'");
    params.push(agentId);
  } else if (input.view === 'open') where.push("c.status <> 'closed'");
  if (input.status) filter('c.status = ?', input.status);
  if (input.severity) filter('c.severity = ?', input.severity);
  if (input.category) filter('c.category = ?', input.category);
  if (input.ownerId) filter('c.owner_id = ?', input.ownerId);
  if (input.overdue) filter(overdueSql('c.', '?'), nowIso);
  if (input.from) filter('c.created_at >= ?', localDayRange(input.from).from);
  if (input.to) filter('c.created_at < ?', localDayRange(input.to).to);
  const plan = input.q ? joinPlan(input.q) : null;
  if (plan) {
    indexBeforeSearch(db);
    const all = [...plan.where, "d.kind = 'complaint'", ...where];
    // a complaint matched by several of its documents (fields, timeline entries) is listed once
    const rows = db
      .prepare(
        `SELECT ${listColumns}, c.id AS refId FROM ${plan.from} CROSS JOIN complaints c ON c.id = ${recordOf} WHERE ${all.join(' AND ')} ORDER BY ${plan.order} DESC`,
      )
      .iterate(...plan.params, ...params) as IterableIterator<Row & { refId: string }>;
    const list = withDesk(
      db,
      distinctRecords(rows, input.offset, input.limit).map((r) => ({ ...toListRow(r, now), workstation: r.workstation as string | null })),
    );
    // the true total, counted up to the cap so a common word on a team's file stays fast; the
    // overdue count is the page's (overdue ones sort to the top of the tracker without words)
    const counted = db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM ${plan.from} CROSS JOIN complaints c ON c.id = d.ref_id WHERE ${all.join(' AND ')} LIMIT ?)`)
      .pluck()
      .get(...plan.params, ...params, SEARCH_COUNT_CAP + 1) as number;
    const capped = counted > SEARCH_COUNT_CAP;
    return {
      total: Math.max(capped ? SEARCH_COUNT_CAP : counted, input.offset + list.length),
      ...(capped ? { capped } : {}),
      overdue: list.filter((r) => r.overdue).length,
      offset: input.offset,
      rows: list,
    };
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // open lists walk the partial index on next_reply_due instead of sorting every row
  const onlyOpen = input.view !== 'all' || (input.status !== undefined && input.status !== 'closed');
  const total = db
    .prepare(`SELECT count(*) FROM complaints c ${clause}`)
    .pluck()
    .get(...params) as number;
  const overdue = db
    .prepare(`SELECT count(*) FROM complaints c ${clause ? `${clause} AND` : 'WHERE'} ${overdueSql('c.', '?')}`)
    .pluck()
    .get(...params, nowIso) as number;
  const rows = db
    .prepare(
      `SELECT ${listColumns} FROM complaints c ${clause} ORDER BY ${onlyOpen ? '' : "c.status = 'closed', "}c.next_reply_due, c.created_at DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit, input.offset) as Row[];
  return {
    total,
    overdue,
    offset: input.offset,
    rows: withDesk(
      db,
      rows.map((r) => ({ ...toListRow(r, now), workstation: r.workstation as string | null })),
    ),
  };
}

/**
 * C3 reminders: all of the agent's own overdue complaints (shared/domain/overdue.ts), most overdue
 * first; the banner's count is the length of this list, so it is never capped.
 */
export function dueComplaints(db: Db, clock: Clock, agentId: string): DueComplaint[] {
  return (
    db
      .prepare(
        `SELECT id, number, matter, customer_name, next_reply_due FROM complaints
         WHERE owner_id = ? AND ${overdueSql('', '?')} ORDER BY next_reply_due`,
      )
      .all(agentId, clock.now().toISOString()) as Row[]
  ).map((r) => ({
    id: r.id as string,
    number: r.number as string,
    matter: r.matter as string,
    customerName: r.customer_name as string,
    nextReplyDue: r.next_reply_due as string,
  }));
}

/** O2: for the caller history; open complaints of this phone number, overdue first. */
export function openComplaintsForPhone(db: Db, clock: Clock, phoneNorm: string): ComplaintSummary[] {
  if (phoneNorm === '') return [];
  const now = clock.now();
  return withDesk(
    db,
    (
      db
        .prepare(
          `SELECT id, number, status, severity, category, matter, owner_name, next_reply_due, created_at, ${complaintDeskSql('complaints')} AS workstation
         FROM complaints WHERE phone_norm = ? AND status <> 'closed' ORDER BY next_reply_due`,
        )
        .all(phoneNorm) as Row[]
    ).map((r) => ({
      workstation: r.workstation as string | null,
      id: r.id as string,
      number: r.number as string,
      status: r.status as string,
      severity: r.severity as ComplaintSummary['severity'],
      category: r.category as string,
      matter: r.matter as string,
      ownerName: r.owner_name as string,
      nextReplyDue: r.next_reply_due as string | null,
      overdue: isOverdue({ status: r.status as Complaint['status'], nextReplyDue: r.next_reply_due as string | null }, now),
      createdAt: r.created_at as string,
    })),
  );
}
