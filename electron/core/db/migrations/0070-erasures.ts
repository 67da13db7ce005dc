export const sql = /* sql */ `
-- Every erasure of personal data is itself recorded: when, who, why, how many rows.
-- Never the phone number in clear: phone_proof is a salted scrypt hash, so a lead can later prove
-- that a given number was erased (see verifyErasedPhone) without the table giving it away.
CREATE TABLE erasures (
  id           TEXT PRIMARY KEY,
  at           TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('request', 'retention')),
  agent_id     TEXT REFERENCES agents (id),
  agent_name   TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL DEFAULT '',
  phone_proof  TEXT,
  -- JSON object: personal-data location name -> rows changed, e.g. {"calls":3,"customers":1}
  counts       TEXT NOT NULL,
  -- how many backup files were scrubbed as well
  backups      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX erasures_by_at ON erasures (at);

-- Calls whose personal data has been erased keep their row (the monthly counts stay exact, R4)
-- and are marked, so retention does not touch them again.
ALTER TABLE calls ADD COLUMN erased_at TEXT;
CREATE INDEX calls_not_erased_by_created ON calls (created_at) WHERE erased_at IS NULL;
`;
