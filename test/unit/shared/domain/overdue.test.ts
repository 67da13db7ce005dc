import { isComplaintOverdue, overdueSql, REPLY_OWED_STATUSES } from '../../../../shared/domain/overdue';
import { openDatabase } from '../../../../electron/core/db/open';
import type { ComplaintStatus } from '../../../../shared/schemas/complaint';

const now = new Date('2026-11-20T02:00:00.000Z');
const past = '2026-11-20T01:59:59.999Z';
const future = '2026-11-20T02:00:00.001Z';

test('C3: overdue = a reply is owed (new, in progress, awaiting the customer) and its time has come', () => {
  expect(REPLY_OWED_STATUSES).toEqual(['new', 'in_progress', 'awaiting_customer']);
  for (const status of REPLY_OWED_STATUSES) {
    expect(isComplaintOverdue({ status, nextReplyDue: past }, now)).toBe(true);
    expect(isComplaintOverdue({ status, nextReplyDue: now.toISOString() }, now)).toBe(true); // due now is due
    expect(isComplaintOverdue({ status, nextReplyDue: future }, now)).toBe(false);
  }
  // resolved waits for the closing reply (C4) but owes nothing by a due time; closed owes nothing
  expect(isComplaintOverdue({ status: 'resolved', nextReplyDue: past }, now)).toBe(false);
  expect(isComplaintOverdue({ status: 'closed', nextReplyDue: null }, now)).toBe(false);
});

test('the SQL form says the same as the function for every status and due time', () => {
  const db = openDatabase(':memory:');
  const statuses: ComplaintStatus[] = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
  for (const status of statuses) {
    for (const due of [past, now.toISOString(), future, null]) {
      const sql = db
        .prepare(`SELECT ${overdueSql('c.', '@now')} AS overdue FROM (SELECT @status AS status, @due AS next_reply_due) c`)
        .pluck()
        .get({ status, due, now: now.toISOString() });
      expect(Boolean(sql), `${status} ${due}`).toBe(isComplaintOverdue({ status, nextReplyDue: due }, now));
    }
  }
  db.close();
});
