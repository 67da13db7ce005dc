// The complaint register's rules, as pure functions (the "six clears", C1–C6, with O1 and O6).
// `decide*` turns an agent's action into the events to append or refuses it with a rule id;
// `applyEvent` folds an event into the current state. The stored complaint row is always
// `events.reduce(applyEvent)`: nothing is edited in place without a trace (C5).
import { isComplaintOverdue } from './overdue';
import type { Complaint, ComplaintEventKind, ComplaintFields, ComplaintStatus, ReplyChannel } from '../schemas/complaint';

export class WorkflowRefusal extends Error {
  readonly rule: string;
  constructor(rule: string, message: string) {
    super(message);
    this.name = 'WorkflowRefusal';
    this.rule = rule;
  }
}

function refuse(rule: string, message: string): never {
  throw new WorkflowRefusal(rule, message);
}

/** Every refusal the workflow can give, with its rule id and message (one unit test each). */
export const refusals = {
  matter: ['C2', 'Write down what happened (the matter) before saving the complaint'],
  due: ['C3', 'An open complaint needs the time of the next reply to the customer'],
  duePast: ['C3-past', 'The next reply must be due in the future'],
  escalation: ['C6', 'A major complaint must be reported at once: record to whom and when'],
  fault: ['O6', 'A fault report needs the time, place, symptom and handling plan'],
  faultAfter: ['O6-after', 'Before resolving a fault report record its cause, impact, handling and corrective/preventive actions'],
  result: ['C5-result', 'Record the result before resolving the complaint'],
  reply: ['C4', 'Record how and when the customer was told the result before closing'],
  replyText: ['C4-text', 'Write what the customer was told'],
  replyFuture: ['C4-future', 'A reply cannot be recorded for a time in the future'],
  transition: ['workflow', 'This status change is not allowed'],
  closed: ['workflow-closed', 'The complaint is closed; reopen it first'],
  reopen: ['reopen', 'Say why the complaint is reopened'],
  transferWhy: ['O1', 'A transfer records why it is handed over'],
  transferSame: ['O1-same', 'The complaint already belongs to this agent'],
  note: ['note-empty', 'The note is empty'],
  noChange: ['no-change', 'Nothing was changed'],
} as const satisfies Record<string, readonly [string, string]>;
type RefusalName = keyof typeof refusals;
const fail = (name: RefusalName): never => refuse(refusals[name][0], refusals[name][1]);

/** C3: everything but "closed" is open and must carry a next-reply time. */
export const isOpen = (status: ComplaintStatus): boolean => status !== 'closed';

/** The allowed moves; "reopen" is resolved/closed → in progress. */
export const transitions: Record<ComplaintStatus, ComplaintStatus[]> = {
  new: ['in_progress', 'awaiting_customer', 'resolved'],
  in_progress: ['awaiting_customer', 'resolved'],
  awaiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const isReopen = (from: ComplaintStatus, to: ComplaintStatus): boolean => (from === 'resolved' || from === 'closed') && to === 'in_progress';

/** O6: what a fault report records when it is registered ... */
export const faultReportFields = ['faultTime', 'faultPlace', 'faultSymptom', 'faultPlan'] as const;
/** ... and what it records once the fault is understood, before it can be resolved. */
export const faultAfterFields = ['faultCause', 'faultImpact', 'faultHandling', 'faultActions'] as const;
export type FaultAfterField = (typeof faultAfterFields)[number];

export type MoveNeed = 'result' | 'reply' | 'reason' | 'nextReplyDue' | 'faultAfter';

/** What a move needs, for the UI to ask for it up front. */
export function transitionNeeds(from: ComplaintStatus, to: ComplaintStatus): MoveNeed[] {
  if (to === 'resolved') return ['result', 'faultAfter'];
  if (to === 'closed') return ['reply'];
  if (isReopen(from, to)) return from === 'closed' ? ['reason', 'nextReplyDue'] : ['reason'];
  return [];
}

/**
 * What the form for moving this complaint asks for: `needs` are refused when missing (O6's
 * after-fields only on a fault report); `offers` may be changed on the way (C3: a reopened complaint
 * can get a new next-reply time even where it keeps the old one).
 */
export function moveFields(state: Pick<Complaint, 'status' | 'category'>, to: ComplaintStatus): { needs: MoveNeed[]; offers: MoveNeed[] } {
  const needs = transitionNeeds(state.status, to).filter((n) => n !== 'faultAfter' || state.category === 'fault');
  const offers: MoveNeed[] = isReopen(state.status, to) && !needs.includes('nextReplyDue') ? ['nextReplyDue'] : [];
  return { needs, offers };
}

export interface EventDraft {
  kind: ComplaintEventKind;
  data: Record<string, unknown>;
}

export interface Actor {
  now: Date;
  agentId: string;
  agentName: string;
}

export interface AppliedEvent extends EventDraft {
  at: string;
  agentId: string | null;
  agentName: string;
}

const blank = (s: string | undefined | null): boolean => !s || s.trim() === '';

function checkDue(due: string | undefined, now: Date): string {
  if (!due) return fail('due');
  if (new Date(due).getTime() <= now.getTime()) return fail('duePast');
  return due;
}

export interface CreateAction extends Omit<ComplaintFields, 'faultCause' | 'faultImpact' | 'faultHandling' | 'faultActions'> {
  callId?: string | undefined;
  customerId?: string | null;
  phoneNorm: string;
  nextReplyDue?: string | undefined;
  escalation?: { to: string; at: string; note?: string | undefined } | undefined;
}

export function decideCreate(action: CreateAction, actor: Actor, identity: { id: string; number: string }): EventDraft[] {
  if (blank(action.matter)) fail('matter');
  const due = checkDue(action.nextReplyDue, actor.now);
  if (action.category === 'fault' && faultReportFields.some((f) => blank(action[f]))) fail('fault');
  // C6: a major complaint is reported at once, so the escalation is part of registering it.
  if (action.severity === 'major' && blank(action.escalation?.to)) fail('escalation');
  const events: EventDraft[] = [
    {
      kind: 'created',
      data: {
        id: identity.id,
        number: identity.number,
        callId: action.callId ?? null,
        customerId: action.customerId ?? null,
        customerName: action.customerName,
        phone: action.phone,
        phoneNorm: action.phoneNorm,
        matter: action.matter,
        wants: action.wants,
        category: action.category,
        severity: action.severity,
        faultTime: action.faultTime,
        faultPlace: action.faultPlace,
        faultSymptom: action.faultSymptom,
        faultPlan: action.faultPlan,
        nextReplyDue: due,
        // O1: first-contact ownership
        ownerId: actor.agentId,
        ownerName: actor.agentName,
      },
    },
  ];
  if (action.escalation && !blank(action.escalation.to)) events.push(escalationEvent(action.escalation));
  return events;
}

function escalationEvent(e: { to: string; at: string; note?: string | undefined }): EventDraft {
  return { kind: 'escalation', data: { to: e.to.trim(), at: e.at, text: e.note ?? '' } };
}

export interface StatusAction {
  to: ComplaintStatus;
  reason?: string | undefined;
  result?: string | undefined;
  nextReplyDue?: string | undefined;
  /** O6: the after-fields typed in the same form, recorded as edits before the move */
  fault?: Partial<Record<FaultAfterField, string | undefined>> | undefined;
}

export function decideStatus(state: Complaint, action: StatusAction, actor: Actor): EventDraft[] {
  const from = state.status;
  if (!transitions[from].includes(action.to)) fail('transition');
  const events: EventDraft[] = [];
  const reopen = isReopen(from, action.to);
  // C5: the after-fields are edits like any other, in the same transaction as the move they allow
  const after = { ...state };
  for (const field of faultAfterFields) {
    const value = action.fault?.[field];
    if (value === undefined || value === state[field]) continue;
    after[field] = value;
    events.push({ kind: 'edit', data: { field, from: state[field], to: value } });
  }
  if (action.to === 'resolved') {
    const result = blank(action.result) ? state.result : action.result!;
    if (blank(result)) fail('result');
    if (state.category === 'fault' && faultAfterFields.some((f) => blank(after[f]))) fail('faultAfter');
    if (!blank(action.result) && action.result !== state.result) events.push({ kind: 'result', data: { from: state.result, to: action.result } });
  }
  if (action.to === 'closed' && !state.repliedSinceOpened) fail('reply');
  if (reopen && blank(action.reason)) fail('reopen');
  let due: string | null = null;
  if (action.nextReplyDue !== undefined && action.to !== 'closed') due = checkDue(action.nextReplyDue, actor.now);
  else if (reopen && from === 'closed') fail('due');
  events.push({ kind: 'status', data: { from, to: action.to, reason: action.reason ?? '' } });
  if (due && due !== state.nextReplyDue)
    events.push({ kind: 'due', data: { from: action.to === 'closed' ? null : state.nextReplyDue, to: due, reason: action.reason ?? '' } });
  return events;
}

export function decideNote(state: Complaint, text: string): EventDraft[] {
  void state;
  if (blank(text)) fail('note');
  return [{ kind: 'note', data: { text } }];
}

export interface ReplyAction {
  how: ReplyChannel;
  at: string;
  text: string;
  nextReplyDue?: string | undefined;
}

export function decideReply(state: Complaint, action: ReplyAction, actor: Actor): EventDraft[] {
  if (blank(action.text)) fail('replyText');
  // a minute of slack for clocks of workstations that disagree a little
  if (new Date(action.at).getTime() > actor.now.getTime() + 60_000) fail('replyFuture');
  const events: EventDraft[] = [{ kind: 'reply', data: { how: action.how, at: action.at, text: action.text } }];
  if (action.nextReplyDue !== undefined) {
    if (!isOpen(state.status)) fail('closed');
    const due = checkDue(action.nextReplyDue, actor.now);
    if (due !== state.nextReplyDue) events.push({ kind: 'due', data: { from: state.nextReplyDue, to: due, reason: '' } });
  }
  return events;
}

export function decideDue(state: Complaint, nextReplyDue: string, reason: string | undefined, actor: Actor): EventDraft[] {
  if (!isOpen(state.status)) fail('closed');
  const due = checkDue(nextReplyDue, actor.now);
  if (due === state.nextReplyDue) fail('noChange');
  return [{ kind: 'due', data: { from: state.nextReplyDue, to: due, reason: reason ?? '' } }];
}

export function decideTransfer(state: Complaint, to: { id: string; name: string }, why: string): EventDraft[] {
  if (!isOpen(state.status)) fail('closed');
  if (to.id === state.ownerId) fail('transferSame');
  // O1, P10: from, to and why travel with the complaint
  if (blank(why)) fail('transferWhy');
  return [{ kind: 'transfer', data: { fromId: state.ownerId, fromName: state.ownerName, toId: to.id, toName: to.name, why } }];
}

export function decideEscalate(state: Complaint, e: { to: string; at: string; note?: string | undefined }): EventDraft[] {
  void state;
  if (blank(e.to)) fail('escalation');
  return [escalationEvent(e)];
}

/** A new phone number carries its normalised form and the customer card it belongs to (O4). */
export interface PhoneChange {
  phoneNorm: string;
  customerId: string | null;
}

export function decideEdit(
  state: Complaint,
  fields: Partial<ComplaintFields>,
  escalation: { to: string; at: string; note?: string | undefined } | undefined,
  phoneChange?: PhoneChange,
): EventDraft[] {
  const events: EventDraft[] = [];
  for (const [field, value] of Object.entries(fields) as [keyof ComplaintFields, string][]) {
    if (value === undefined) continue;
    if (state[field] === value) continue;
    if (field === 'matter' && blank(value)) fail('matter');
    const phone = field === 'phone' ? { phoneNorm: phoneChange?.phoneNorm ?? '', customerId: phoneChange?.customerId ?? null } : {};
    events.push({ kind: 'edit', data: { field, from: state[field], to: value, ...phone } });
  }
  if (events.length === 0 && !escalation) fail('noChange');
  if (fields.severity === 'major' && state.severity !== 'major' && !state.escalated && blank(escalation?.to)) fail('escalation');
  if (escalation) events.push(...decideEscalate(state, escalation));
  return events;
}

/** Folds one event into the state; the first event must be "created". */
export function applyEvent(state: Complaint | null, event: AppliedEvent): Complaint {
  const d = event.data;
  if (event.kind === 'created') {
    return {
      id: d.id as string,
      number: d.number as string,
      callId: (d.callId as string | null) ?? null,
      customerId: (d.customerId as string | null) ?? null,
      customerName: d.customerName as string,
      phone: d.phone as string,
      phoneNorm: d.phoneNorm as string,
      matter: d.matter as string,
      wants: d.wants as string,
      category: d.category as Complaint['category'],
      severity: d.severity as Complaint['severity'],
      faultTime: d.faultTime as string,
      faultPlace: d.faultPlace as string,
      faultSymptom: d.faultSymptom as string,
      faultPlan: d.faultPlan as string,
      faultCause: '',
      faultImpact: '',
      faultHandling: '',
      faultActions: '',
      status: 'new',
      ownerId: d.ownerId as string,
      ownerName: d.ownerName as string,
      nextReplyDue: d.nextReplyDue as string,
      result: '',
      escalated: false,
      lastReplyAt: null,
      repliedSinceOpened: false,
      eventCount: 1,
      createdAt: event.at,
      createdByName: event.agentName,
      updatedAt: event.at,
      resolvedAt: null,
      closedAt: null,
    };
  }
  if (!state) throw new Error(`a ${event.kind} event before the complaint was created`);
  const next: Complaint = { ...state, eventCount: state.eventCount + 1, updatedAt: event.at };
  switch (event.kind) {
    case 'status': {
      const to = d.to as ComplaintStatus;
      if (isReopen(state.status, to)) {
        next.resolvedAt = null;
        next.closedAt = null;
        next.repliedSinceOpened = false;
      }
      next.status = to;
      if (to === 'resolved') next.resolvedAt = event.at;
      if (to === 'closed') {
        next.closedAt = event.at;
        next.nextReplyDue = null;
      }
      break;
    }
    case 'result':
      next.result = d.to as string;
      break;
    case 'reply':
      next.lastReplyAt = d.at as string;
      next.repliedSinceOpened = true;
      break;
    case 'due':
      next.nextReplyDue = d.to as string;
      break;
    case 'transfer':
      next.ownerId = d.toId as string;
      next.ownerName = d.toName as string;
      break;
    case 'escalation':
      next.escalated = true;
      break;
    case 'edit': {
      const field = d.field as keyof ComplaintFields;
      (next as unknown as Record<string, unknown>)[field] = d.to;
      if (field === 'phone') {
        next.phoneNorm = (d.phoneNorm as string) ?? '';
        // edits recorded before the card was re-linked carry no customerId: the old link stays
        if ('customerId' in d) next.customerId = (d.customerId as string | null) ?? null;
      }
      break;
    }
    case 'note':
      break;
  }
  return next;
}

/** The readable number: TS-YYYYMM-NNNN in the workstation's local month. */
export function complaintNumber(localMonth: string, seq: number): string {
  return `TS-${localMonth}-${String(seq).padStart(4, '0')}`;
}

export function localMonthKey(date: Date): string {
  return `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** C3: see ./overdue.ts, the one definition shared by the banner, tracker and report */
export const isOverdue = isComplaintOverdue;
