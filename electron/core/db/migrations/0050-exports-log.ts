export const sql = /* sql */ `
-- R4 / personal data: every export that carries records out of the app is recorded, including
-- the ones that failed or were cancelled (a half-written file may still have left the machine).
CREATE TABLE exports_log (
  id            TEXT PRIMARY KEY,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  agent_id      TEXT REFERENCES agents (id),
  -- the agent's name, or "cli:<os user>" for a scheduled export
  actor         TEXT NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  period_label  TEXT NOT NULL,
  format        TEXT NOT NULL CHECK (format IN ('xlsx', 'csv', 'report')),
  folder        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  row_counts    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(row_counts)),
  files         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
  error         TEXT
) STRICT;

CREATE INDEX exports_log_by_created ON exports_log (created_at);
`;
