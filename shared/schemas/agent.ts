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
/**
 * A new PIN: at least six digits, or a passphrase of at least eight characters that is not only
 * digits (four digits are 10,000 guesses, a few hours even with the back-off).
 */
export const newLeadPin = z
  .string()
  .max(64)
  .refine((p) => /^\d{6,}$/.test(p) || (p.length >= 8 && /\D/.test(p)), { message: 'at least 6 digits, or a passphrase of at least 8 characters' });
export const setLeadPinInput = z.strictObject({ pin: newLeadPin });

export interface LeadState {
  /** whether a PIN has been set on this workstation's database */
  pinSet: boolean;
  /** set by IT in the managed configuration: cannot be changed in the app */
  pinManaged: boolean;
  unlocked: boolean;
  /** when the unlock runs out (UTC ISO), if unlocked */
  until: string | null;
}
