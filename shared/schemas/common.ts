import { z } from 'zod';

/** Free text typed by a person: bounded so a pasted novel or a fuzzer cannot bloat the database. */
export const text = (max: number) => z.string().max(max);

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not a UUIDv7');

/** UTC instant as ISO-8601 with offset, e.g. 2026-11-27T07:30:00.000Z */
export const instant = z.iso.datetime({ offset: true });

/** A local calendar day, YYYY-MM-DD, in the workstation's time zone */
export const localDay = z.iso.date();

export const empty = z.strictObject({});
