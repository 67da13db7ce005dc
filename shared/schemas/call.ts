import { z } from 'zod';
import { id, localDay, pastInstant, text } from './common';
import { scriptLanguage, type ScriptVersion } from './script';
import type { CallbackSummary, ComplaintSummary } from './summaries';

/** What the agent types during a call (P5, P6). All optional while the call is a draft. */
export const callFieldsSchema = z.strictObject({
  callerName: text(100),
  phone: text(40),
  region: text(100),
  address: text(300),
  category: text(40),
  subject: text(200),
  details: text(20_000),
  wants: text(2_000),
  nextStep: text(2_000),
});
export type CallFields = z.infer<typeof callFieldsSchema>;
export const callFieldNames = Object.keys(callFieldsSchema.shape) as (keyof CallFields)[];

export const emptyCallFields: CallFields = {
  callerName: '',
  phone: '',
  region: '',
  address: '',
  category: '',
  subject: '',
  details: '',
  wants: '',
  nextStep: '',
};

export const callDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof callDirection>;
export const callStatus = z.enum(['open', 'completed', 'discarded']);
export type CallStatus = z.infer<typeof callStatus>;

export interface Call extends CallFields {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  /** digits only, for search and history (P9); `phone` keeps what was typed */
  phoneNorm: string;
  agentId: string | null;
  agentName: string;
  customerId: string | null;
  rangAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  wrappedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** P1: answered after the threshold, or ticked by the agent: the apology comes first */
  lateAnswer: boolean;
  /** the script version this call was read from (old calls keep showing theirs) */
  scriptVersionId: string | null;
  /** checklist key -> when it was ticked (P2, P3, P6, P7) */
  checklist: Record<string, string>;
  /** outcome chosen at wrap-up */
  dispositionId: string | null;
  /** team mode, in team-wide lists (report rows): the workstation that took the call */
  workstation?: string;
}

export const callStartInput = z.strictObject({
  direction: callDirection.default('inbound'),
  /** when the phone started ringing; defaults to now */
  rangAt: pastInstant.optional(),
  /** which language's script to read; defaults to the agent's language setting */
  language: scriptLanguage.optional(),
});

export const callUpdateInput = z.strictObject({
  id,
  fields: callFieldsSchema.partial(),
});

export const callGetInput = z.strictObject({ id });

export const callListDayInput = z.strictObject({
  /** local day; defaults to today on the workstation */
  day: localDay.optional(),
});

const reason = (max: number) => text(max).trim().min(1);
const checkKey = z.string().regex(/^[A-Za-z][\w.-]{0,39}$/);

export const callMarkLateInput = z.strictObject({ id, late: z.boolean() });
export const callCheckInput = z.strictObject({ id, key: checkKey, checked: z.boolean() });
export const callEndInput = z.strictObject({ id });
/** a call made for a callback records the callback's result (O3) and score (O5) in the same wrap-up */
export const callCallbackResult = z.strictObject({
  result: text(5_000),
  satisfaction: z.number().int().min(1).max(5).optional(),
});
export const callCompleteInput = z.strictObject({ id, dispositionId: id, callback: callCallbackResult.optional() });
export const callDiscardInput = z.strictObject({ id, reason: text(500).trim().default('') });
/** P8: what the agent cannot handle goes to a supervisor, with the reason */
export const callEscalateInput = z.strictObject({ id, reason: reason(2_000) });
/** P10: to whom, and the gist told to the colleague */
export const callTransferInput = z.strictObject({ id, to: reason(100), gist: reason(2_000) });
/** an edit of a completed call: recorded as an event with what changed */
export const callAmendInput = z.strictObject({ id, fields: callFieldsSchema.partial() });
export const callOpenInput = z.strictObject({ id });
export const callListUnfinishedInput = z.strictObject({
  /** mine: the signed-in agent's own; all: everyone's (a team lead) */
  scope: z.enum(['mine', 'all']).default('mine'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(20),
});

export interface UnfinishedPage {
  calls: Call[];
  /** all unfinished calls in the scope, not just this page */
  total: number;
}
export const callHistoryInput = z.strictObject({
  phone: text(40),
  /** the call being typed, left out of its own history */
  excludeCallId: id.optional(),
});

/**
 * P5: what must be recorded before a call can be completed. "Why" is `wants` (what the caller
 * wants / why they call); `details` are free notes and do not count for it.
 */
export const requiredForCompletion = ['callerName', 'region', 'subject', 'wants'] as const satisfies readonly (keyof CallFields)[];

export function missingForCompletion(fields: CallFields): (keyof CallFields)[] {
  return requiredForCompletion.filter((name) => fields[name].trim() === '');
}

export type CallEventKind = 'escalated' | 'transferred' | 'amended' | 'completed' | 'discarded' | 'late';

export interface CallEvent {
  id: string;
  callId: string;
  kind: CallEventKind;
  agentName: string;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface CallView {
  call: Call;
  /** the version the call was read from */
  script: ScriptVersion | null;
  events: CallEvent[];
  /** the pending callback this call was made for: its result is recorded at wrap-up (O3, O5) */
  callback: { id: string; reason: string; dueAt: string } | null;
}

/** O4: the customer card of a number, to fill a returning caller's details with one key */
export interface CustomerCard {
  id: string;
  name: string;
  region: string;
  address: string;
}

export interface CallSummary {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  callerName: string;
  phone: string;
  category: string;
  subject: string;
  agentName: string;
  createdAt: string;
  /** team mode: the workstation that took the call */
  workstation?: string;
}

export interface CallerHistory {
  phoneNorm: string;
  /** earlier calls from this number, newest first (at most 20) */
  calls: CallSummary[];
  /** O2: calls from this number in the last 7 days (not counting the current one) */
  callsLast7Days: number;
  repeatCaller: boolean;
  openComplaints: ComplaintSummary[];
  pendingCallbacks: CallbackSummary[];
  /** the card of this number when it holds a name, region or address */
  customer: CustomerCard | null;
}
