// Team-lead only: find a customer by phone number and erase their personal data on request, and
// the record of every erasure. The service checks the team-lead PIN itself.
import { z } from 'zod';
import { method } from './define';
import { empty, text } from '../schemas/common';
import { phoneDigitCount } from '../domain/phone';

/** what a lead types: any spelling of the number ("138 0013 8000", "+86 138…"), at least 3 digits */
const phone = text(40).refine((typed) => phoneDigitCount(typed) >= 3, { message: 'a phone number needs at least 3 digits' });

export const privacyFindInput = z.strictObject({ phone });
export const privacyEraseInput = z.strictObject({
  phone,
  /** why (e.g. "customer asked by phone on 27 Nov"); digit runs that look like a number are removed */
  reason: text(500).trim().min(1),
});
export const privacyCheckInput = z.strictObject({ phone });

export interface CustomerCard {
  id: string;
  phone: string;
  name: string;
  region: string;
  address: string;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerLookup {
  /** the customer card, when one exists for this number */
  customer: CustomerCard | null;
  /** calls that hold this number (or belong to the card) and still hold personal data */
  calls: number;
  lastCallAt: string | null;
  /** complaints and callbacks that hold this number (or belong to the card) */
  complaints: number;
  callbacks: number;
  /** the names callers with this number gave (newest first, at most 5): to check it is the right person */
  names: string[];
}

export interface ErasureRecord {
  id: string;
  at: string;
  kind: 'request' | 'retention';
  agentName: string;
  reason: string;
  /** personal-data location -> rows changed */
  counts: Record<string, number>;
  /** backup files scrubbed as well (so far: see `files`) */
  backups: number;
  /** the file work still owed: backups, damaged copies and the database file's WAL */
  files: ErasureFiles;
}

/**
 * An erasure changes the rows at once; its copies (backups, a damaged database kept aside by a
 * restore) and the database file's WAL are cleaned afterwards, in the background. The jobs are
 * recorded with the erasure, so a restart finishes them.
 */
export interface ErasureFiles {
  /** files still to clean (0 = every copy is clean) */
  pending: number;
  /**
   * the live database itself still owes the erasure's background work: other records' mentions
   * of the number and the search index (which keeps deleted terms until it is rewritten)
   */
  index: boolean;
  /** being cleaned right now (false with pending > 0: queued, or waiting for the database to be free) */
  cleaning: boolean;
  /**
   * copies that could not be cleaned (a damaged database that will not open, a backup that fails
   * its check): where they are, so the lead can have them deleted
   */
  failed: string[];
}

export interface PrivacyOverview {
  /** personal data older than this many months is erased automatically; null = off */
  retentionMonths: number | null;
  /** newest first, at most 200 */
  erasures: ErasureRecord[];
}

export const privacyContract = {
  'privacy.findCustomer': method<CustomerLookup>()(privacyFindInput),
  'privacy.eraseCustomer': method<ErasureRecord>()(privacyEraseInput),
  /** the erasure records whose salted hash matches this number (proof that it was erased) */
  'privacy.checkErased': method<ErasureRecord[]>()(privacyCheckInput),
  'privacy.overview': method<PrivacyOverview>()(empty),
};
