import { z } from 'zod';
import { id, text } from './common';

/** a name or a phone number (any spelling); at least two characters */
export const customerLookupInput = z.strictObject({
  q: text(100).trim().min(2),
  limit: z.number().int().min(1).max(50).default(10),
});

/** O4: a customer card found by name or number, with how much this customer has with us (true totals) */
export interface PersonMatch {
  id: string;
  name: string;
  phone: string;
  region: string;
  address: string;
  /** the field the words were found in, so the screen can mark it */
  matched: 'name' | 'phone';
  calls: number;
  complaints: number;
  openComplaints: number;
  pendingCallbacks: number;
}

export interface PeopleLookup {
  people: PersonMatch[];
  /** every card that matches, not only those listed */
  total: number;
}

/** O4/P9: two cards found to hold one number, merged; a team lead can undo it */
export interface CardMerge {
  id: string;
  at: string;
  /** the E.164 migration, or a change of the default region */
  why: 'migration' | 'region';
  /** the number both cards hold (E.164, or digits for numbers that are none) */
  phoneNorm: string;
  survivor: { id: string; name: string; phone: string };
  merged: { id: string; name: string; phone: string };
  /** how many records were moved from the merged card to the survivor */
  moved: { calls: number; complaints: number; callbacks: number };
  undoneAt: string | null;
  /** the lead who undid it */
  undoneBy: string | null;
}

export const customerMergesInput = z.strictObject({ limit: z.number().int().min(1).max(200).default(50) });
export const customerUnmergeInput = z.strictObject({ mergeId: id });
