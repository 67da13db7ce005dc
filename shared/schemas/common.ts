import { z } from 'zod';

/** Free text typed by a person: bounded so a pasted novel or a fuzzer cannot bloat the database. */
export const text = (max: number) => z.string().max(max);

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not a UUIDv7');

// Instants are compared as strings in SQL (due queues, periods): every one is stored as UTC with
// a Z, whatever offset it was typed with, and only inside a window that makes sense for a call
// centre's records (year 0000 once showed a call answered −62 billion seconds after it rang).
const EARLIEST = Date.UTC(2000, 0, 1);
const YEAR_MS = 365.25 * 24 * 3600_000;
const toUtc = (s: string) => new Date(s).toISOString();

/** ISO-8601 with offset, e.g. 2026-11-27T15:30:00+08:00; stored as 2026-11-27T07:30:00.000Z. From 2000 to five years ahead. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= EARLIEST && Date.parse(s) <= Date.now() + 5 * YEAR_MS, { message: 'between 2000 and five years from now' })
  .transform(toUtc);

/** The instant of something that already happened (a call rang, a reply was given): not in the future (a minute of clock skew allowed). */
export const pastInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= EARLIEST && Date.parse(s) <= Date.now() + 60_000, { message: 'between 2000 and now' })
  .transform(toUtc);

/** A local calendar day, YYYY-MM-DD, in the workstation's time zone (2000–2099) */
export const localDay = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { message: 'between 2000 and 2099' });

export const empty = z.strictObject({});
