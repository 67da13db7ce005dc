import { z } from 'zod';
import { id, instant, localDay, text } from './common';

// C2, O6: what a complaint records. Bounded text so a paste cannot bloat the register.
export const complaintCategory = z.enum(['service', 'product', 'fault']);
export type ComplaintCategory = z.infer<typeof complaintCategory>;
export const complaintSeverity = z.enum(['normal', 'major']);
export type ComplaintSeverity = z.infer<typeof complaintSeverity>;
export const complaintStatus = z.enum(['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed']);
export type ComplaintStatus = z.infer<typeof complaintStatus>;
export const replyChannel = z.enum(['phone', 'sms', 'email', 'visit', 'letter']);
export type ReplyChannel = z.infer<typeof replyChannel>;

/** The fields an agent types; every change of one after creation is an "edit" event (C5). */
export const complaintFieldsSchema = z.strictObject({
  customerName: text(100),
  phone: text(40),
  matter: text(5_000),
  wants: text(2_000),
  category: complaintCategory,
  severity: complaintSeverity,
  // O6: a fault report also asks time, place, symptom and handling plan ...
  faultTime: text(100),
  faultPlace: text(300),
  faultSymptom: text(2_000),
  faultPlan: text(2_000),
  // ... and afterwards cause, impact, handling and corrective/preventive actions
  faultCause: text(2_000),
  faultImpact: text(2_000),
  faultHandling: text(2_000),
  faultActions: text(2_000),
});
export type ComplaintFields = z.infer<typeof complaintFieldsSchema>;

export const escalationInput = z.strictObject({
  /** C6: the department head or manager it was reported to */
  to: text(100),
  /** when it was reported */
  at: instant,
  note: text(2_000).optional(),
});

export const complaintCreateInput = z.strictObject({
  callId: id.optional(),
  customerName: text(100).default(''),
  phone: text(40).default(''),
  matter: text(5_000),
  wants: text(2_000).default(''),
  category: complaintCategory,
  severity: complaintSeverity.default('normal'),
  faultTime: text(100).default(''),
  faultPlace: text(300).default(''),
  faultSymptom: text(2_000).default(''),
  faultPlan: text(2_000).default(''),
  nextReplyDue: instant.optional(),
  escalation: escalationInput.optional(),
});

export const complaintIdInput = z.strictObject({ id });

/**
 * C5: the open screen's timeline mark (`cursor` of what it holds). An action then answers with every
 * entry that reached this desk after it (its own, and team sync's in between); without it, with the
 * entries the action appended only.
 */
const since = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();

export const complaintStatusInput = z.strictObject({
  id,
  since,
  to: complaintStatus,
  /** why (required for reopening) */
  reason: text(2_000).optional(),
  /** the recorded result, required to resolve unless recorded before */
  result: text(5_000).optional(),
  /** a new next-reply time (required for reopening: C3) */
  nextReplyDue: instant.optional(),
  /** O6: a fault report's cause, impact, handling and actions, typed in the resolve form */
  fault: complaintFieldsSchema.pick({ faultCause: true, faultImpact: true, faultHandling: true, faultActions: true }).partial().optional(),
});

export const complaintNoteInput = z.strictObject({ id, text: text(5_000), since });

export const complaintReplyInput = z.strictObject({
  id,
  since,
  /** C4: how the customer was told */
  how: replyChannel,
  /** C4: when they were told */
  at: instant,
  /** what they were told */
  text: text(5_000),
  /** C3: when they will hear from us next, if the matter goes on */
  nextReplyDue: instant.optional(),
});

export const complaintDueInput = z.strictObject({ id, nextReplyDue: instant, reason: text(2_000).optional(), since });

export const complaintTransferInput = z.strictObject({ id, toAgentId: id, why: text(2_000), since });

export const complaintEscalateInput = z.strictObject({ id, to: text(100), at: instant, note: text(2_000).optional(), since });

export const complaintEditInput = z.strictObject({
  id,
  since,
  fields: complaintFieldsSchema.partial(),
  /** C6: needed when the edit makes the complaint major and it was never escalated */
  escalation: escalationInput.optional(),
});

export const complaintListInput = z.strictObject({
  view: z.enum(['mine', 'open', 'all']).default('open'),
  status: complaintStatus.optional(),
  severity: complaintSeverity.optional(),
  category: complaintCategory.optional(),
  ownerId: id.optional(),
  /** only the overdue ones (C3, shared/domain/overdue.ts) */
  overdue: z.boolean().optional(),
  /** local days, inclusive, on the creation date */
  from: localDay.optional(),
  to: localDay.optional(),
  /** full-text words (Chinese or English), all must occur */
  q: text(200).optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export interface Complaint extends ComplaintFields {
  id: string;
  number: string;
  callId: string | null;
  customerId: string | null;
  phoneNorm: string;
  status: ComplaintStatus;
  ownerId: string;
  ownerName: string;
  nextReplyDue: string | null;
  result: string;
  escalated: boolean;
  lastReplyAt: string | null;
  /** C4: a reply was recorded since the complaint was opened or last reopened */
  repliedSinceOpened: boolean;
  eventCount: number;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export type ComplaintEventKind = 'created' | 'status' | 'note' | 'reply' | 'due' | 'transfer' | 'escalation' | 'edit' | 'result';

/** One entry of the register's timeline (C5). `data` depends on the kind. */
export interface ComplaintEvent {
  id: string;
  complaintId: string;
  /** its place in the timeline's fold order, from 1 */
  seq: number;
  /** the order it reached this desk (1, 2, …): what a screen's `cursor` counts */
  arrival: number;
  kind: ComplaintEventKind;
  at: string;
  agentId: string | null;
  agentName: string;
  data: Record<string, unknown>;
  /** team mode: kept in the timeline but not applied after two desks' actions were merged (why) */
  notApplied?: string;
}

export interface ComplaintListRow {
  id: string;
  number: string;
  status: ComplaintStatus;
  severity: ComplaintSeverity;
  category: ComplaintCategory;
  customerName: string;
  phone: string;
  matter: string;
  ownerId: string;
  ownerName: string;
  nextReplyDue: string | null;
  overdue: boolean;
  createdAt: string;
  /** team mode: the workstation the complaint was taken at */
  workstation?: string;
}

export interface ComplaintPage {
  total: number;
  /** a search's total counted up to SEARCH_COUNT_CAP (shared/schemas/search.ts): there are more than `total` */
  capped?: boolean;
  overdue: number;
  offset: number;
  rows: ComplaintListRow[];
}

/**
 * The fold order of a timeline (shared/domain/complaint-timeline.ts): alone, the order events were
 * recorded here; in team mode (time, id), the same on every desk.
 */
export type TimelineOrder = 'arrival' | 'time';

/** Where a screen's copy of a timeline stands: sent back as `since` with the next action. */
export interface TimelineMark {
  order: TimelineOrder;
  /** the highest `arrival` held */
  cursor: number;
  /** how often entries already recorded were rewritten (erasure): a change means read it all again */
  rewrites: number;
}

export interface ComplaintDetail extends TimelineMark {
  complaint: Complaint;
  /** the whole timeline, in fold order */
  events: ComplaintEvent[];
  overdue: boolean;
}

/**
 * What an action on a complaint answers: the new state and only the timeline entries the screen
 * lacks (never the whole timeline: with hundreds of long notes that was megabytes per action).
 */
export interface ComplaintChange extends TimelineMark {
  complaint: Complaint;
  overdue: boolean;
  /**
   * the entries after `since` (without it: the ones this action appended), in fold order; named
   * apart from ComplaintDetail's `events` so an answer cannot pass for the whole timeline
   */
  newEvents: ComplaintEvent[];
  /** how many of `newEvents` this action appended (the last ones it recorded) */
  appended: number;
  /** the timeline's length: a screen holding fewer after merging reads it again */
  total: number;
  /** team mode: every entry of the timeline the merged fold does not apply, with why (usually none) */
  notApplied: Record<string, string>;
}

export interface DueComplaint {
  id: string;
  number: string;
  matter: string;
  customerName: string;
  nextReplyDue: string;
}
