// Calls as the phone system reported them: ringing → answered → ended, or ringing → missed (P1
// answer times; missed calls to call back, P9). One row per phone-system call id; the console call
// the agent typed into is linked once answered, the callback call once a missed call is called back.
export const sql = /* sql */ `
CREATE TABLE phone_calls (
  id                TEXT PRIMARY KEY,
  source            TEXT NOT NULL CHECK (source IN ('hooks', 'http', 'baresip')),
  -- the phone system's own id; unique per source, so a repeated event finds its row
  call_id           TEXT NOT NULL,
  from_number       TEXT NOT NULL,
  from_norm         TEXT NOT NULL DEFAULT '',
  to_number         TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL CHECK (status IN ('ringing', 'answered', 'ended', 'missed')),
  rang_at           TEXT NOT NULL,
  answered_at       TEXT,
  ended_at          TEXT,
  end_cause         TEXT NOT NULL DEFAULT '',
  console_call_id   TEXT REFERENCES calls (id),
  callback_call_id  TEXT REFERENCES calls (id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  -- the caller's number replaced by the erasure marker (privacy erasure or retention)
  erased_at         TEXT,
  UNIQUE (source, call_id),
  CHECK (answered_at IS NULL OR answered_at >= rang_at),
  CHECK (status <> 'missed' OR answered_at IS NULL)
) STRICT;
CREATE INDEX phone_calls_by_status ON phone_calls (status, rang_at);
CREATE INDEX phone_calls_by_console_call ON phone_calls (console_call_id);
CREATE INDEX phone_calls_by_rang ON phone_calls (rang_at);
`;
