// Two more kinds of work an erasure owes, recorded with it like the file work (0130) and done in
// the background in short slices, so the service's thread is never held for a scan of the whole
// file:
//   mentions  the number written into other records' free text (every free-text column of every
//             table, and the search documents), scanned range by range;
//   index     the search index rewritten until no segment holds the erased terms any more (FTS5
//             keeps a deleted entry's terms in its segments until they are merged).
// Both concern the live database, so `file` is '' as for its WAL. SQLite cannot widen a CHECK
// in place: the table is rebuilt with its rows and indexes.
export const sql = /* sql */ `
CREATE TABLE erasure_scrubs_new (
  id          TEXT PRIMARY KEY,
  erasure_id  TEXT NOT NULL REFERENCES erasures (id),
  -- backup: a file in backups/; damaged: a <name>.damaged-*.db copy; database: the live file's WAL;
  -- mentions: other records' mentions in the live file; index: the live file's search index
  kind        TEXT NOT NULL CHECK (kind IN ('backup', 'damaged', 'database', 'mentions', 'index')),
  -- the copy's path; '' for the live database
  file        TEXT NOT NULL,
  -- order within the erasure: mentions, index, copies, the live file's WAL last
  seq         INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  scope       TEXT,
  done_at     TEXT
) STRICT;

INSERT INTO erasure_scrubs_new (id, erasure_id, kind, file, seq, state, scope, done_at)
  SELECT id, erasure_id, kind, file, seq, state, scope, done_at FROM erasure_scrubs;
DROP TABLE erasure_scrubs;
ALTER TABLE erasure_scrubs_new RENAME TO erasure_scrubs;

CREATE INDEX erasure_scrubs_by_erasure ON erasure_scrubs (erasure_id, seq);
CREATE INDEX erasure_scrubs_pending ON erasure_scrubs (state) WHERE state = 'pending';
`;
