// The call workspace: scripts as versioned data, dispositions, call events, and what a
// call keeps about its script (P1 late answer, checklist ticks, version read from) and its outcome.
export const sql = /* sql */ `
-- Each edit of a script makes a new row; a call keeps the id of the version it was read from.
CREATE TABLE script_versions (
  id          TEXT PRIMARY KEY,
  language    TEXT NOT NULL CHECK (language IN ('zh-CN', 'en')),
  version     INTEGER NOT NULL CHECK (version >= 1),
  content     TEXT NOT NULL CHECK (json_valid(content)),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  UNIQUE (language, version)
) STRICT;

-- Outcomes a call is wrapped up with; the team lead maintains the list (retired ones stay for old calls).
CREATE TABLE dispositions (
  id          TEXT PRIMARY KEY,
  label_zh    TEXT NOT NULL,
  label_en    TEXT NOT NULL,
  sort        INTEGER NOT NULL DEFAULT 0,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- P1: answered late (over the threshold at start, or ticked by the agent) -> the apology comes first.
ALTER TABLE calls ADD COLUMN late_answer INTEGER NOT NULL DEFAULT 0 CHECK (late_answer IN (0, 1));
ALTER TABLE calls ADD COLUMN script_version_id TEXT REFERENCES script_versions (id);
-- checklist ticks: {"greeted": "<when ticked>", …}
ALTER TABLE calls ADD COLUMN checklist TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(checklist));
ALTER TABLE calls ADD COLUMN disposition_id TEXT REFERENCES dispositions (id);
CREATE INDEX calls_by_script ON calls (script_version_id);

-- What happened to a call besides its notes: escalations (P8), transfers (P10), completion,
-- discarding, edits after completion. Append-only: rows are never changed.
CREATE TABLE call_events (
  id          TEXT PRIMARY KEY,
  call_id     TEXT NOT NULL REFERENCES calls (id),
  kind        TEXT NOT NULL,
  agent_id    TEXT REFERENCES agents (id),
  agent_name  TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX call_events_by_call ON call_events (call_id, created_at);
CREATE TRIGGER call_events_append_only BEFORE UPDATE ON call_events
BEGIN
  SELECT RAISE(ABORT, 'call_events is append-only');
END;
`;
