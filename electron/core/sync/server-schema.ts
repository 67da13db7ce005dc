// The team's PostgreSQL side: one append-only table of changes and the roles that may touch it.
// Run by IT with an administrator's URL (`team init`, `team add-workstation`); workstations only
// ever connect with their own login, which can insert its own changes and read the team's.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import { connect, type ConnectOptions } from './pg-connect';

export const TEAM_FORMAT = 'call-console-team 1';
export const WORKSTATION_ROLE = 'cc_team_workstation';
export const LEAD_ROLE = 'cc_team_lead';
/** may rewrite the team's tables (the purge) on PostgreSQL 17+, where MAINTAIN can be granted */
export const MAINTENANCE_ROLE = 'cc_team_maintenance';
export const NOTIFY_CHANNEL = 'cc_team_changes';
/** advisory lock key: the server's erasure takes it exclusively, every push shares it */
export const ERASURE_LOCK = 727275;

/**
 * Idempotent: every statement either creates what is missing or is a no-op. The cursor trap of
 * sequences (TEAM-SYNC.md) is why each change records its transaction id (`xid`): readers only
 * take rows whose transaction is older than every transaction still running.
 */
const schemaSql = /* sql */ `
CREATE SCHEMA IF NOT EXISTS team;
REVOKE ALL ON SCHEMA team FROM PUBLIC;
CREATE TABLE IF NOT EXISTS team.meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO team.meta (key, value) VALUES ('format', '${TEAM_FORMAT}') ON CONFLICT (key) DO NOTHING;
-- the epoch goes in front of every workstation's cursor: after a restore (xids do not survive
-- pg_dump) IT bumps it with "team init --new-epoch" and every workstation pulls from the start
INSERT INTO team.meta (key, value) VALUES ('epoch', gen_random_uuid()::text) ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS team.changes (
  pos         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id          uuid NOT NULL UNIQUE,
  workstation text NOT NULL DEFAULT current_user,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind        text NOT NULL,
  body        jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_cursor ON team.changes (xid, pos);
CREATE INDEX IF NOT EXISTS changes_by_workstation ON team.changes (workstation, at);

CREATE OR REPLACE FUNCTION team.notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- delivered on commit only, so a listener never wakes up for rows it cannot read yet
  PERFORM pg_notify('${NOTIFY_CHANNEL}', '');
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS changes_notify ON team.changes;
CREATE TRIGGER changes_notify AFTER INSERT ON team.changes FOR EACH STATEMENT EXECUTE FUNCTION team.notify_changes();

-- Append-only even for a mistaken administrator script: no UPDATE/DELETE except through the
-- erasure function below (which sets team.erasing for its own transaction).
CREATE OR REPLACE FUNCTION team.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('team.erasing', true) = 'on' THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'team.changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS changes_append_only ON team.changes;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON team.changes FOR EACH ROW EXECUTE FUNCTION team.refuse_rewrite();

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${WORKSTATION_ROLE}') THEN CREATE ROLE ${WORKSTATION_ROLE} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LEAD_ROLE}') THEN CREATE ROLE ${LEAD_ROLE} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${MAINTENANCE_ROLE}') THEN CREATE ROLE ${MAINTENANCE_ROLE} NOLOGIN; END IF;
END $$;

-- What the server's erasure left in the table files. PostgreSQL keeps the row versions an UPDATE
-- replaced (MVCC) in the data files, and VACUUM only marks their space free: erased personal data
-- stays readable on the server's disk until the table is rewritten (the purge, "team purge", run
-- by IT; it cannot run inside the erasure's transaction). One row: since when a purge is owed and
-- the newest transaction it must cover. An existing team database that had erasures before this
-- record existed starts with a purge owed.
CREATE TABLE IF NOT EXISTS team.purge (
  one             boolean PRIMARY KEY DEFAULT true CHECK (one),
  pending_since   timestamptz,
  pending_xid     xid8,
  last_purge_at   timestamptz,
  last_purged_xid xid8
);
INSERT INTO team.purge (one, pending_since, pending_xid)
  SELECT true, min(at), max(xid) FROM team.changes WHERE kind = 'erasures' AND body ? 'server'
  ON CONFLICT (one) DO NOTHING;

REVOKE ALL ON team.changes, team.meta, team.purge FROM PUBLIC;
GRANT USAGE ON SCHEMA team TO ${WORKSTATION_ROLE};
GRANT SELECT ON team.meta TO ${WORKSTATION_ROLE};
-- the About box says when the server's copy of an erasure was last purged, or since when it waits
GRANT SELECT ON team.purge TO ${WORKSTATION_ROLE};
-- the purge's own role: it reads and updates the purge record; rewriting the table needs the
-- owner, or MAINTAIN (PostgreSQL 17+): never given to workstation logins, since a table rewrite
-- locks the whole team out of the server while it runs
GRANT USAGE ON SCHEMA team TO ${MAINTENANCE_ROLE};
GRANT SELECT ON team.purge TO ${MAINTENANCE_ROLE};
DO $$ BEGIN
  -- before 17 the role cannot rewrite, so it may not mark a purge done either
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON team.changes, team.purge TO ${MAINTENANCE_ROLE}';
    EXECUTE 'GRANT UPDATE ON team.purge TO ${MAINTENANCE_ROLE}';
  END IF;
END $$;
-- column grants: workstation, xid, pos and at come from defaults and cannot be forged
GRANT SELECT, INSERT (id, kind, body) ON team.changes TO ${WORKSTATION_ROLE};

ALTER TABLE team.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE team.changes FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS changes_insert_own ON team.changes;
CREATE POLICY changes_insert_own ON team.changes FOR INSERT TO ${WORKSTATION_ROLE} WITH CHECK (workstation = current_user);
DROP POLICY IF EXISTS changes_read_team ON team.changes;
CREATE POLICY changes_read_team ON team.changes FOR SELECT TO ${WORKSTATION_ROLE} USING (true);
-- the erasure function runs as the schema's owner; when that is not a superuser, FORCEd row-level
-- security applies to it too (the append-only trigger still refuses everything but the erasure)
DO $$ BEGIN
  EXECUTE format('DROP POLICY IF EXISTS changes_owner ON team.changes');
  EXECUTE format('CREATE POLICY changes_owner ON team.changes FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

-- Erasure of a customer's personal data (privacy): redacts the server's copies of every change
-- that holds the person's data, then appends the erasure change every workstation applies. Runs
-- with the owner's privilege; only the team lead's logins may call it.
--   phone_norm  the number, passed in and never stored
--   body        the erasure change; body.refs = [{kind, ref, own}] the records the lead's desk changed
--               (own: the person's own record; otherwise a record that only mentioned the number)
-- Found here as well: every change naming the number in one piece (7 digits or more: a shorter
-- one would match times and counts in every change; such a number is found by the records' ids), the events of the person's calls
-- and complaints. The refs of everything redacted go into the erasure change, so a desk that was
-- offline finds its copies by id (the change never holds the number, not even hashed fast).
-- The exclusive advisory lock waits for pushes in flight; a push takes the shared lock and looks
-- for erasures it has not applied first, so nothing named by an erasure is sent after it unseen.
CREATE INDEX IF NOT EXISTS changes_erasures ON team.changes (pos) WHERE kind = 'erasures';
CREATE OR REPLACE FUNCTION team.erase_phone(phone_norm text, change_id uuid, body jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, team AS $$
DECLARE
  n bigint;
  lead_refs jsonb := coalesce(body->'refs', '[]'::jsonb);
  refs text[];
  own_calls text[];
  own_complaints text[];
  found jsonb;
BEGIN
  IF phone_norm IS NULL OR length(phone_norm) < 3 THEN RAISE EXCEPTION 'phone number too short to erase by'; END IF;
  IF jsonb_typeof(lead_refs) <> 'array' THEN RAISE EXCEPTION 'refs must be an array'; END IF;
  PERFORM pg_advisory_xact_lock(${ERASURE_LOCK});
  refs := ARRAY(SELECT r->>'ref' FROM jsonb_array_elements(lead_refs) r);
  own_calls := ARRAY(SELECT r->>'ref' FROM jsonb_array_elements(lead_refs) r WHERE r->>'kind' = 'calls' AND (r->>'own')::boolean)
    || ARRAY(SELECT c.body->>'ref' FROM team.changes c WHERE c.kind = 'calls' AND c.body->'row'->>'phone_norm' = phone_norm);
  own_complaints := ARRAY(SELECT r->>'ref' FROM jsonb_array_elements(lead_refs) r WHERE r->>'kind' = 'complaints' AND (r->>'own')::boolean)
    || ARRAY(SELECT c.body->'row'->>'complaint_id' FROM team.changes c WHERE c.kind = 'complaint_events' AND c.body->'row'->>'kind' = 'created'
             AND ((length(phone_norm) >= 7 AND c.body->'row'->>'data' LIKE '%' || phone_norm || '%') OR (c.body->'row'->>'data')::jsonb->>'callId' = ANY(own_calls)));
  PERFORM set_config('team.erasing', 'on', true);
  WITH hit AS (
    SELECT c.pos, c.kind, c.body->>'ref' AS ref,
           coalesce(c.body->'row'->>'phone_norm' = phone_norm, false)
             OR (c.kind = 'calls' AND c.body->>'ref' = ANY(own_calls))
             OR (c.kind = 'call_events' AND c.body->'row'->>'call_id' = ANY(own_calls))
             OR (c.kind = 'complaint_events' AND c.body->'row'->>'complaint_id' = ANY(own_complaints)) AS own
      FROM team.changes c
     WHERE c.kind <> 'erasures' AND NOT (c.body ? 'erased')
       AND ((length(phone_norm) >= 7 AND c.body::text LIKE '%' || phone_norm || '%')
            OR c.body->>'ref' = ANY(refs)
            OR (c.kind = 'call_events' AND c.body->'row'->>'call_id' = ANY(own_calls))
            OR (c.kind = 'complaint_events' AND c.body->'row'->>'complaint_id' = ANY(own_complaints)))
  ), redacted AS (
    UPDATE team.changes c SET body = jsonb_build_object('erased', true, 'ref', c.body->'ref')
      FROM hit WHERE c.pos = hit.pos RETURNING hit.kind, hit.ref, hit.own
  )
  SELECT count(*), coalesce(jsonb_agg(DISTINCT jsonb_build_object('kind', kind, 'ref', ref, 'own', own)), '[]'::jsonb) INTO n, found FROM redacted;
  PERFORM set_config('team.erasing', 'off', true);
  -- the replaced versions stay in the table files until the purge rewrites the table
  IF n > 0 THEN
    UPDATE team.purge SET pending_since = coalesce(pending_since, clock_timestamp()), pending_xid = pg_current_xact_id();
  END IF;
  INSERT INTO team.changes (id, kind, body, workstation)
    VALUES (change_id, 'erasures', body || jsonb_build_object('refs', lead_refs || found, 'server', true), session_user)
    ON CONFLICT (id) DO NOTHING;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION team.erase_phone(text, uuid, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION team.erase_phone(text, uuid, jsonb) TO ${LEAD_ROLE};
`;

/** Refuses a database that holds tables of something else (never mixes our schema into it). */
async function refuseForeign(client: pg.Client): Promise<void> {
  const others = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'team')
       AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' LIMIT 3`,
  );
  if (others.rows.length > 0) {
    throw new AppError('conflict', `The database is not empty (it holds ${others.rows.map((r) => r.name).join(', ')}…); team mode needs a database of its own`);
  }
  const meta = await client.query(`SELECT to_regclass('team.meta') AS t, to_regclass('team.changes') AS c`);
  const row = meta.rows[0] as { t: string | null; c: string | null };
  if (row.c && !row.t) throw new AppError('conflict', 'The database has a "team" schema that was not made by Call Console');
  if (row.t) {
    const format = await client.query<{ value: string }>(`SELECT value FROM team.meta WHERE key = 'format'`);
    if (format.rows[0]?.value !== TEAM_FORMAT)
      throw new AppError('conflict', `The database's team schema has format "${format.rows[0]?.value ?? '?'}", not "${TEAM_FORMAT}"`);
  }
}

export interface InitResult {
  created: boolean;
  epoch: string;
}

export async function teamInit(adminUrl: string, options: ConnectOptions & { newEpoch?: boolean } = {}): Promise<InitResult> {
  const client = await connect(adminUrl, options);
  try {
    await client.query('BEGIN');
    // two IT scripts running init at once: the second waits and then finds everything there
    await client.query('SELECT pg_advisory_xact_lock(727274)');
    await refuseForeign(client);
    const existed = (await client.query(`SELECT to_regclass('team.changes') AS c`)).rows[0].c !== null;
    await client.query(schemaSql);
    if (options.newEpoch) await client.query(`UPDATE team.meta SET value = gen_random_uuid()::text WHERE key = 'epoch'`);
    const epoch = (await client.query<{ value: string }>(`SELECT value FROM team.meta WHERE key = 'epoch'`)).rows[0]!.value;
    await client.query('COMMIT');
    return { created: !existed, epoch };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** SCRAM-SHA-256 verifier made here, so the password itself never reaches the server or its logs. */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export const workstationNamePattern = /^[a-z][a-z0-9_]{0,40}$/;

export interface AddedWorkstation {
  name: string;
  url: string;
  password: string;
  /** false: the login existed and got a new password (the old connection file stops working) */
  created: boolean;
}

export async function addWorkstation(adminUrl: string, name: string, options: ConnectOptions & { lead?: boolean } = {}): Promise<AddedWorkstation> {
  if (!workstationNamePattern.test(name)) {
    throw new AppError('validation', `Workstation name "${name}" must be lower-case letters, digits or _ (starting with a letter, at most 41)`);
  }
  const client = await connect(adminUrl, options);
  try {
    const ready = (await client.query(`SELECT to_regclass('team.changes') AS c`)).rows[0].c !== null;
    if (!ready) throw new AppError('conflict', 'The database has no team schema yet: run "team init" first');
    const password = randomBytes(24).toString('base64url');
    const verifier = scramVerifier(password);
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount! > 0;
    // identifiers are checked by the pattern above; the verifier is base64 and $ only
    if (exists) {
      const member = (await client.query(`SELECT pg_has_role($1, '${WORKSTATION_ROLE}', 'MEMBER') AS m`, [name])).rows[0].m as boolean;
      if (!member) throw new AppError('conflict', `A login named "${name}" exists and is not a team workstation`);
      await client.query(`ALTER ROLE "${name}" WITH LOGIN PASSWORD '${verifier}'`);
    } else {
      await client.query(`CREATE ROLE "${name}" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${verifier}' IN ROLE ${WORKSTATION_ROLE}`);
    }
    if (options.lead) await client.query(`GRANT ${LEAD_ROLE} TO "${name}"`);
    // long-lived open transactions hold every pull back (the xid fence): cut idle ones off
    await client.query(`ALTER ROLE "${name}" SET idle_in_transaction_session_timeout = '60s'`);
    const url = new URL(adminUrl);
    url.username = name;
    url.password = password;
    if (options.ca) url.searchParams.set('sslmode', 'verify-full');
    return { name, url: url.toString(), password, created: !exists };
  } finally {
    await client.end().catch(() => undefined);
  }
}
