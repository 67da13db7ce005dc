export const sql = /* sql */ `
-- The report can now also be exported as PDF (printed by the desktop app). SQLite cannot change a
-- CHECK in place: the log is rebuilt with the same columns and every row it had.
CREATE TABLE exports_log_next (
  id            TEXT PRIMARY KEY,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  agent_id      TEXT REFERENCES agents (id),
  -- the agent's name, or "cli:<os user>" for a scheduled export
  actor         TEXT NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  period_label  TEXT NOT NULL,
  format        TEXT NOT NULL CHECK (format IN ('xlsx', 'csv', 'report', 'pdf')),
  folder        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  row_counts    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(row_counts)),
  files         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
  error         TEXT
) STRICT;

INSERT INTO exports_log_next (id, created_at, finished_at, agent_id, actor, period_from, period_to, period_label, format, folder, status, row_counts, files, error)
  SELECT id, created_at, finished_at, agent_id, actor, period_from, period_to, period_label, format, folder, status, row_counts, files, error FROM exports_log;
DROP TABLE exports_log;
ALTER TABLE exports_log_next RENAME TO exports_log;
CREATE INDEX exports_log_by_created ON exports_log (created_at);
`;
