import { z } from 'zod';
import { id, text } from './common';

export const agentRole = z.enum(['agent', 'lead']);
export type AgentRole = z.infer<typeof agentRole>;

export interface Agent {
  id: string;
  name: string;
  role: AgentRole;
  active: boolean;
  createdAt: string;
}

export const agentAddInput = z.strictObject({
  name: text(60).trim().min(1),
  role: agentRole.default('agent'),
});

export const signInInput = z.strictObject({ agentId: id });

const pin = z.string().min(4).max(64);
export const leadPinInput = z.strictObject({ pin });
export const setLeadPinInput = z.strictObject({ pin });

export interface LeadState {
  /** whether a PIN has been set on this workstation's database */
  pinSet: boolean;
  /** set by IT in the managed configuration: cannot be changed in the app */
  pinManaged: boolean;
  unlocked: boolean;
  /** when the unlock runs out (UTC ISO), if unlocked */
  until: string | null;
}
