// C3: the one definition of an overdue complaint, used by the reminder banner, the tracker, the
// report and the report's drill-down alike: still open (not resolved, not closed) and its next reply
// time has come. A resolved complaint waits for the closing reply (C4) but owes no further reply by
// a due time, so it is never overdue.
import type { ComplaintStatus } from '../schemas/complaint';

/** the statuses in which a reply is owed by next_reply_due */
export const REPLY_OWED_STATUSES: readonly ComplaintStatus[] = ['new', 'in_progress', 'awaiting_customer'];

export function isComplaintOverdue(c: { status: ComplaintStatus; nextReplyDue: string | null }, now: Date): boolean {
  return REPLY_OWED_STATUSES.includes(c.status) && c.nextReplyDue !== null && Date.parse(c.nextReplyDue) <= now.getTime();
}

/**
 * The same rule as SQL over the complaints table (`alias` e.g. 'c.'); `now` is the name of the
 * bound parameter holding the ISO instant ('@now' or '?'). Stored instants are toISOString() text,
 * so comparing text compares times.
 */
export function overdueSql(alias = '', now = '@now'): string {
  // "status <> 'closed'" is implied, but written out so SQLite can use the partial indexes on open complaints
  return `${alias}status <> 'closed' AND ${alias}status IN (${REPLY_OWED_STATUSES.map((s) => `'${s}'`).join(', ')}) AND ${alias}next_reply_due <= ${now}`;
}
