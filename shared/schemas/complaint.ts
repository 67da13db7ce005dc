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

export const complaintStatusInput = z.strictObject({
  id,
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

export const complaintNoteInput = z.strictObject({ id, text: text(5_000) });

export const complaintReplyInput = z.strictObject({
  id,
  /** C4: how the customer was told */
  how: replyChannel,
  /** C4: when they were told */
  at: instant,
  /** what they were told */
  text: text(5_000),
  /** C3: when they will hear from us next, if the matter goes on */
  nextReplyDue: instant.optional(),
});

export const complaintDueInput = z.strictObject({ id, nextReplyDue: instant, reason: text(2_000).optional() });

export const complaintTransferInput = z.strictObject({ id, toAgentId: id, why: text(2_000) });

export const complaintEscalateInput = z.strictObject({ id, to: text(100), at: instant, note: text(2_000).optional() });

export const complaintEditInput = z.strictObject({
  id,
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
  seq: number;
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

export interface ComplaintDetail {
  complaint: Complaint;
  events: ComplaintEvent[];
  overdue: boolean;
}

export interface DueComplaint {
  id: string;
  number: string;
  matter: string;
  customerName: string;
  nextReplyDue: string;
}
