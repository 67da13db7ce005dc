import { z } from 'zod';
import { text } from './common';

export const searchKind = z.enum(['all', 'complaint', 'call']);

export const searchInput = z.strictObject({
  q: text(200),
  kind: searchKind.default('all'),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface SearchHit {
  kind: 'complaint' | 'call';
  id: string;
  at: string;
  /** complaint number or caller name */
  title: string;
  /** matter or subject */
  summary: string;
  phone: string;
  status: string;
  /** team mode: who took the call (owner of the complaint) and at which workstation */
  agentName?: string;
  workstation?: string;
}
