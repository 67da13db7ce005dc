import { z } from 'zod';
import { text } from './common';

export const searchKind = z.enum(['all', 'complaint', 'call']);

export const searchInput = z.strictObject({
  q: text(200),
  kind: searchKind.default('all'),
  /** rows to skip: beyond the first 100 rows this is a team lead's recorded read (privacy/access.ts) */
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const searchCountInput = z.strictObject({
  q: text(200),
  kind: searchKind.default('all'),
});

/**
 * Totals are counted up to this many; above it the screen says "1,000+". Counting one kind (calls or
 * complaints) looks up each match's record, and that cost grows faster than the count: measured on
 * 1,000,000 calls, 0.6–0.8 ms of CPU up to 1,000, 1.3–3 ms up to 2,000, 43–63 ms up to 10,000.
 */
export const SEARCH_COUNT_CAP = 1_000;

export interface SearchCount {
  /** every record that matches, or SEARCH_COUNT_CAP when there are more */
  total: number;
  /** true: there are more than `total` */
  capped: boolean;
}

/** where a word was found: the screen marks it */
export type SearchField =
  'name' | 'phone' | 'region' | 'address' | 'category' | 'subject' | 'details' | 'wants' | 'nextStep' | 'number' | 'matter' | 'result' | 'fault' | 'notes';

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
  /** the fields that hold at least one of the words */
  matched: SearchField[];
  /** a few words around the first match in a field not shown on the hit's line (details, notes …) */
  excerpt?: string;
  /** team mode: who took the call (owner of the complaint) and at which workstation */
  agentName?: string;
  workstation?: string;
}
