import { z } from 'zod';
import { id, instant, localDay, text } from './common';

export const callbackStatus = z.enum(['pending', 'done', 'cancelled']);
export type CallbackStatus = z.infer<typeof callbackStatus>;

export const callbackScheduleInput = z.strictObject({
  customerName: text(100).default(''),
  phone: text(40),
  reason: text(500),
  dueAt: instant,
});

/** O3: the policy plan from a delivery date: monthly in the first year, quarterly after. */
export const callbackPlanInput = z.strictObject({
  customerName: text(100).default(''),
  phone: text(40),
  /** what was delivered (project, product) */
  reason: text(500),
  deliveredOn: localDay,
  /** how many years of callbacks to plan (first year monthly, then quarterly) */
  years: z.number().int().min(1).max(10).default(3),
});

export const callbackQueueInput = z.strictObject({
  /** due: due now or earlier; upcoming: all pending; done: recently completed */
  scope: z.enum(['due', 'upcoming', 'done']).default('due'),
  limit: z.number().int().min(1).max(500).default(200),
});

export const callbackLinkInput = z.strictObject({ id, callId: id });

export const callbackCompleteInput = z.strictObject({
  id,
  /** what the customer said about performance and usage (O3) */
  result: text(5_000),
  /** O5: optional satisfaction score */
  satisfaction: z.number().int().min(1).max(5).optional(),
});

export const callbackCancelInput = z.strictObject({ id, reason: text(500) });

export interface Callback {
  id: string;
  customerId: string | null;
  customerName: string;
  phone: string;
  phoneNorm: string;
  reason: string;
  planId: string | null;
  deliveredOn: string | null;
  dueAt: string;
  status: CallbackStatus;
  callId: string | null;
  result: string;
  satisfaction: number | null;
  createdAt: string;
  doneAt: string | null;
  doneByName: string;
  overdue: boolean;
}
