// C5: the complaint register. `complaints` holds only the current state, always the fold of
// `complaint_events` (shared/domain/complaint-workflow.ts); the events are append-only.
export const sql = /* sql */ `
CREATE TABLE complaints (
  id              TEXT PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  month           TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  call_id         TEXT REFERENCES calls (id),
  customer_id     TEXT REFERENCES customers (id),
  customer_name   TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  phone_norm      TEXT NOT NULL DEFAULT '',
  matter          TEXT NOT NULL,
  wants           TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL CHECK (category IN ('service', 'product', 'fault')),
  severity        TEXT NOT NULL CHECK (severity IN ('normal', 'major')),
  fault_time      TEXT NOT NULL DEFAULT '',
  fault_place     TEXT NOT NULL DEFAULT '',
  fault_symptom   TEXT NOT NULL DEFAULT '',
  fault_plan      TEXT NOT NULL DEFAULT '',
  fault_cause     TEXT NOT NULL DEFAULT '',
  fault_impact    TEXT NOT NULL DEFAULT '',
  fault_handling  TEXT NOT NULL DEFAULT '',
  fault_actions   TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'awaiting_customer', 'resolved', 'closed')),
  owner_id        TEXT NOT NULL REFERENCES agents (id),
  owner_name      TEXT NOT NULL,
  next_reply_due  TEXT,
  result          TEXT NOT NULL DEFAULT '',
  escalated       INTEGER NOT NULL DEFAULT 0,
  last_reply_at   TEXT,
  replied_since_opened INTEGER NOT NULL DEFAULT 0,
  event_count     INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  resolved_at     TEXT,
  closed_at       TEXT,
  UNIQUE (month, seq),
  -- C3: an open complaint always has the time of its next reply
  CHECK (status = 'closed' OR next_reply_due IS NOT NULL),
  -- C4: nothing is closed without a recorded reply
  CHECK (status <> 'closed' OR replied_since_opened = 1)
) STRICT;

CREATE INDEX complaints_open_by_due ON complaints (next_reply_due) WHERE status <> 'closed';
CREATE INDEX complaints_owner_open ON complaints (owner_id, next_reply_due) WHERE status <> 'closed';
CREATE INDEX complaints_by_created ON complaints (created_at);
CREATE INDEX complaints_by_phone ON complaints (phone_norm) WHERE status <> 'closed';
CREATE INDEX complaints_by_call ON complaints (call_id);

CREATE TABLE complaint_events (
  id            TEXT PRIMARY KEY,
  complaint_id  TEXT NOT NULL REFERENCES complaints (id),
  seq           INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note', 'reply', 'due', 'transfer', 'escalation', 'edit', 'result')),
  at            TEXT NOT NULL,
  agent_id      TEXT,
  agent_name    TEXT NOT NULL,
  data          TEXT NOT NULL CHECK (json_valid(data)),
  UNIQUE (complaint_id, seq)
) STRICT;

-- C5: the timeline is append-only. Erasure for privacy (a customer's right to be forgotten) is
-- NOT done by editing events: it will get its own documented path (a migration-level procedure
-- that drops these triggers inside one transaction, redacts, records that it did so, and puts
-- them back). Until that exists, nothing may change or remove an event.
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
BEGIN
  SELECT RAISE(ABORT, 'complaint_events are append-only (C5)');
END;
CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
BEGIN
  SELECT RAISE(ABORT, 'complaint_events are append-only (C5)');
END;
`;
