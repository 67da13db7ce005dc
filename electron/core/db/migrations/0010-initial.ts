export const sql = /* sql */ `
CREATE TABLE calls (
  id            TEXT PRIMARY KEY,
  direction     TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  status        TEXT NOT NULL CHECK (status IN ('open', 'completed', 'discarded')),
  agent_name    TEXT NOT NULL DEFAULT '',
  caller_name   TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  phone_norm    TEXT NOT NULL DEFAULT '',
  region        TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  category      TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL DEFAULT '',
  details       TEXT NOT NULL DEFAULT '',
  wants         TEXT NOT NULL DEFAULT '',
  next_step     TEXT NOT NULL DEFAULT '',
  rang_at       TEXT NOT NULL,
  answered_at   TEXT,
  ended_at      TEXT,
  wrapped_at    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX calls_by_created ON calls (created_at);
CREATE INDEX calls_by_phone ON calls (phone_norm, created_at);
CREATE INDEX calls_by_status ON calls (status) WHERE status = 'open';

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT;
`;
