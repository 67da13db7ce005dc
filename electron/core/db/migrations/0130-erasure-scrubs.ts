// The file work an erasure still owes, recorded in the same transaction as the erasure itself:
// each backup and each damaged copy kept aside by a restore to scrub, and the live file's WAL to
// truncate. The work runs after the answer, off the service's thread; a job still `pending` when
// the app is killed is finished at the next start, so a crash can no longer leave a backup holding
// an erased customer with nothing to retry it.
//
// `scope` is what the copies must be scrubbed of (the normalised number and card ids of a customer,
// or the retention cut-off): the one place the number stays after the rows are erased, and only
// until every copy of that erasure is done; then it is set to NULL and the WAL truncated.
export const sql = /* sql */ `
CREATE TABLE erasure_scrubs (
  id          TEXT PRIMARY KEY,
  erasure_id  TEXT NOT NULL REFERENCES erasures (id),
  -- backup: a file in backups/; damaged: a <name>.damaged-*.db copy; database: the live file's WAL
  kind        TEXT NOT NULL CHECK (kind IN ('backup', 'damaged', 'database')),
  -- the copy's path; '' for the live database
  file        TEXT NOT NULL,
  -- order within the erasure: copies first, the live file last (its WAL then holds the scope no more)
  seq         INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  scope       TEXT,
  done_at     TEXT
) STRICT;

CREATE INDEX erasure_scrubs_by_erasure ON erasure_scrubs (erasure_id, seq);
CREATE INDEX erasure_scrubs_pending ON erasure_scrubs (state) WHERE state = 'pending';
`;
