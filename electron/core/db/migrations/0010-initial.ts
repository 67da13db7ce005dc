export const sql = /* sql */ `
-- People who use the console. Owners, timeline entries and exports name an agent (O1).
CREATE TABLE agents (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role        TEXT NOT NULL CHECK (role IN ('agent', 'lead')) DEFAULT 'agent',
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL
) STRICT;

-- A card per customer, keyed by normalised phone number (O4, P9). No e-mail is ever required.
CREATE TABLE customers (
  id          TEXT PRIMARY KEY,
  phone       TEXT NOT NULL,
  phone_norm  TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL DEFAULT '',
  region      TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE calls (
  id            TEXT PRIMARY KEY,
  direction     TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  status        TEXT NOT NULL CHECK (status IN ('open', 'completed', 'discarded')),
  agent_id      TEXT REFERENCES agents (id),
  agent_name    TEXT NOT NULL DEFAULT '',
  customer_id   TEXT REFERENCES customers (id),
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
CREATE INDEX calls_by_customer ON calls (customer_id);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT;
`;
