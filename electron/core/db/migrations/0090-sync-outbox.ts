// Team mode, local side. Every write that matters records "this row changed" in sync_outbox in
// the same SQLite transaction, through triggers, so no code path can forget it. The outbox keeps
// one row per record (kind, ref): typing into a call bumps `ver` instead of adding a change per
// keystroke, and the push sends the record's latest version. Triggers only record while team mode
// is on (sync_state.mode = 1); the first sync enqueues everything written before (joining never
// leaves history behind), and applying pulled changes (mode = 2) does not echo them back.
const tracked: { table: string; key: string; events: ('INSERT' | 'UPDATE')[]; when?: string }[] = [
  { table: 'agents', key: 'id', events: ['INSERT', 'UPDATE'] },
  { table: 'script_versions', key: 'id', events: ['INSERT'] },
  { table: 'dispositions', key: 'id', events: ['INSERT', 'UPDATE'] },
  { table: 'customers', key: 'id', events: ['INSERT', 'UPDATE'] },
  { table: 'calls', key: 'id', events: ['INSERT', 'UPDATE'] },
  { table: 'call_events', key: 'id', events: ['INSERT'] },
  // the complaints row is the fold of its events: only the events travel
  { table: 'complaint_events', key: 'id', events: ['INSERT'] },
  { table: 'callbacks', key: 'id', events: ['INSERT', 'UPDATE'] },
  // team-wide settings only (an agent's own language stays on the desk it was chosen at)
  { table: 'settings', key: 'key', events: ['INSERT', 'UPDATE'], when: "NEW.key IN ('company.name', 'call.lateAnswerSeconds', 'ui.defaultLanguage')" },
  { table: 'erasures', key: 'id', events: ['INSERT'] },
  { table: 'exports_log', key: 'id', events: ['INSERT', 'UPDATE'] },
];

const triggers = tracked
  .flatMap(({ table, key, events, when }) =>
    events.map(
      (event) => `
CREATE TRIGGER sync_out_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
WHEN (SELECT mode FROM sync_state) = 1${when ? ` AND ${when}` : ''}
BEGIN
  INSERT INTO sync_outbox (kind, ref) VALUES ('${table}', NEW.${key})
    ON CONFLICT (kind, ref) DO UPDATE SET ver = ver + 1, change_id = NULL;
END;`,
    ),
  )
  .join('\n');

export const sql = /* sql */ `
-- one row: team mode's local state. mode 0 = off, 1 = recording, 2 = applying pulled changes
CREATE TABLE sync_state (
  only          INTEGER PRIMARY KEY CHECK (only = 1),
  mode          INTEGER NOT NULL DEFAULT 0 CHECK (mode IN (0, 1, 2)),
  workstation   TEXT NOT NULL DEFAULT '',
  server        TEXT NOT NULL DEFAULT '',
  epoch         TEXT NOT NULL DEFAULT '',
  -- the fenced cursor (TEAM-SYNC.md): xid as decimal text (xid8 exceeds 2^53), then pos
  cursor_xid    TEXT NOT NULL DEFAULT '0',
  cursor_pos    INTEGER NOT NULL DEFAULT 0,
  backfilled    INTEGER NOT NULL DEFAULT 0,
  last_push_at  TEXT,
  last_pull_at  TEXT,
  last_error    TEXT
) STRICT;
INSERT INTO sync_state (only) VALUES (1);

CREATE TABLE sync_outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT NOT NULL,
  ref        TEXT NOT NULL,
  ver        INTEGER NOT NULL DEFAULT 1,
  -- the UUIDv7 the change is pushed under, fixed before the push so a re-push is idempotent
  change_id  TEXT,
  UNIQUE (kind, ref)
) STRICT;

-- when each field of a customer card (or a team setting) last changed: per-field newest wins
CREATE TABLE sync_field_times (
  kind   TEXT NOT NULL,
  ref    TEXT NOT NULL,
  field  TEXT NOT NULL,
  at     TEXT NOT NULL,
  PRIMARY KEY (kind, ref, field)
) STRICT, WITHOUT ROWID;

-- another workstation's agent or customer card that is the same as one here (same name / phone)
CREATE TABLE sync_alias (
  kind      TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  local_id  TEXT NOT NULL,
  PRIMARY KEY (kind, remote_id)
) STRICT, WITHOUT ROWID;

-- the last change id this workstation pushed for a record that several desks may edit: only
-- that echo is applied back (server order decides; older echoes of our own are skipped)
CREATE TABLE sync_pushed (
  kind       TEXT NOT NULL,
  ref        TEXT NOT NULL,
  change_id  TEXT NOT NULL,
  PRIMARY KEY (kind, ref)
) STRICT, WITHOUT ROWID;

-- when each workstation's last change reached the server, as last seen from here: team exports
-- warn when some desks have not synced (their records may be missing from the export)
CREATE TABLE sync_workstations (
  workstation  TEXT PRIMARY KEY,
  last_seen    TEXT NOT NULL
) STRICT;

-- complaint events that are kept in the timeline but were not applied in the merged order
CREATE TABLE sync_not_applied (
  event_id      TEXT PRIMARY KEY,
  complaint_id  TEXT NOT NULL,
  reason        TEXT NOT NULL
) STRICT;

CREATE TRIGGER sync_customer_fields AFTER UPDATE ON customers
WHEN (SELECT mode FROM sync_state) = 1
BEGIN
  INSERT INTO sync_field_times (kind, ref, field, at)
    SELECT 'customers', NEW.id, f, NEW.updated_at FROM (
      SELECT 'phone' AS f WHERE OLD.phone IS NOT NEW.phone
      UNION ALL SELECT 'name' WHERE OLD.name IS NOT NEW.name
      UNION ALL SELECT 'region' WHERE OLD.region IS NOT NEW.region
      UNION ALL SELECT 'address' WHERE OLD.address IS NOT NEW.address)
    WHERE true
    ON CONFLICT (kind, ref, field) DO UPDATE SET at = excluded.at;
END;
${triggers}
`;
