// O3: callbacks (回访) per customer, one-off or generated from the policy's plan (monthly in the
// first year after delivery, quarterly after). O5: an optional satisfaction score 1–5.
export const sql = /* sql */ `
CREATE TABLE callbacks (
  id             TEXT PRIMARY KEY,
  customer_id    TEXT REFERENCES customers (id),
  customer_name  TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL,
  phone_norm     TEXT NOT NULL,
  reason         TEXT NOT NULL,
  plan_id        TEXT,
  delivered_on   TEXT,
  due_at         TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')) DEFAULT 'pending',
  call_id        TEXT REFERENCES calls (id),
  result         TEXT NOT NULL DEFAULT '',
  satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  created_by_id  TEXT REFERENCES agents (id),
  created_at     TEXT NOT NULL,
  done_at        TEXT,
  done_by_name   TEXT NOT NULL DEFAULT '',
  updated_at     TEXT NOT NULL,
  CHECK (status <> 'done' OR result <> '')
) STRICT;

CREATE INDEX callbacks_pending_by_due ON callbacks (due_at) WHERE status = 'pending';
CREATE INDEX callbacks_by_phone ON callbacks (phone_norm, due_at) WHERE status = 'pending';
`;
