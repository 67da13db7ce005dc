import { z } from 'zod';
import { text } from './common';

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
