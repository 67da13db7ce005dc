import { z } from 'zod';
import { id, instant, localDay, text } from './common';

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
}

export const callStartInput = z.strictObject({
  direction: callDirection.default('inbound'),
  /** when the phone started ringing; defaults to now */
  rangAt: instant.optional(),
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
