// Team mode on the workstation's SQLite file: reading the outbox into changes, and applying the
// team's changes. Everything here is synchronous SQLite; the network lives in engine.ts.
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { newId } from '../infra/ids';
import { applyEvent, transitions, type AppliedEvent } from '../../../shared/domain/complaint-workflow';
import type { Complaint } from '../../../shared/schemas/complaint';
import { complaintColumns, complaintParams } from '../complaints/store';
import { normalisePhone, parsePhone } from '../../../shared/domain/phone';
import { forgetPhoneRegion, phoneRegion, phoneRegionKey } from '../settings/phone-region';
import { ensureNormalisedRegion } from '../customers/merges';
import { applyErasure, outgoingErasure, redactIfErased } from './erasure';

/** What travels, in the order a first sync enqueues it (referenced records before referencing ones). */
export const changeKinds = [
  'agents',
  'script_versions',
  'dispositions',
  'customers',
  'calls',
  'call_events',
  'complaint_events',
  'callbacks',
  'settings',
  'erasures',
  'exports_log',
] as const;
export type ChangeKind = (typeof changeKinds)[number];
const keyOf = (kind: ChangeKind) => (kind === 'settings' ? 'key' : 'id');
/** records several desks may edit: the last version in the server's order wins */
const multiWriter = new Set<ChangeKind>(['agents', 'dispositions', 'callbacks', 'settings']);
/** records only ever written by the desk that made them (or never changed after insert) */
const teamSettings = ['company.name', 'call.lateAnswerSeconds', 'ui.defaultLanguage', phoneRegionKey];

export interface SyncState {
  mode: number;
  workstation: string;
  server: string;
  epoch: string;
  cursorXid: string;
  cursorPos: number;
  backfilled: boolean;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lastError: string | null;
}

export function readState(db: Db): SyncState {
  const r = stmt(db, 'SELECT * FROM sync_state').get() as Record<string, unknown>;
  return {
    mode: r.mode as number,
    workstation: r.workstation as string,
    server: r.server as string,
    epoch: r.epoch as string,
    cursorXid: r.cursor_xid as string,
    cursorPos: r.cursor_pos as number,
    backfilled: r.backfilled === 1,
    lastPushAt: (r.last_push_at as string | null) ?? null,
    lastPullAt: (r.last_pull_at as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
  };
}

export function pendingCount(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM sync_outbox').pluck().get() as number;
}

/**
 * Switches recording on for this workstation and, the first time, enqueues every record written
 * before team mode (months alone, or demo data): joining never leaves history behind.
 */
export function enableTeamMode(db: Db, workstation: string, server: string): void {
  db.transaction(() => {
    const state = readState(db);
    if (state.workstation && state.workstation !== workstation) {
      // another login for this file: its own changes would be someone else's on the server
      stmt(db, `UPDATE sync_state SET backfilled = 0, cursor_xid = '0', cursor_pos = 0, epoch = ''`).run();
    }
    stmt(db, 'UPDATE sync_state SET mode = 1, workstation = ?, server = ?').run(workstation, server);
    if (!readState(db).backfilled) {
      for (const kind of changeKinds) {
        const where = kind === 'settings' ? `WHERE key IN (${teamSettings.map(() => '?').join(', ')})` : '';
        stmt(
          db,
          `INSERT INTO sync_outbox (kind, ref) SELECT '${kind}', ${keyOf(kind)} FROM ${kind} ${where}
           ORDER BY ${kind === 'settings' ? 'key' : kind === 'complaint_events' ? 'complaint_id, seq' : 'rowid'}
           ON CONFLICT (kind, ref) DO NOTHING`,
        ).run(...(kind === 'settings' ? teamSettings : []));
      }
      stmt(db, 'UPDATE sync_state SET backfilled = 1').run();
    }
  })();
}

export interface OutgoingChange {
  seq: number;
  ver: number;
  id: string;
  kind: ChangeKind;
  ref: string;
  body: Record<string, unknown>;
}

/** The next batch to push, each with its change id fixed first (a re-push after a crash reuses it). */
export function takeOutgoing(db: Db, limit: number): OutgoingChange[] {
  return db.transaction(() => {
    type Pending = { seq: number; kind: ChangeKind; ref: string; ver: number; change_id: string | null };
    // erasures go first: the server's erasure redacts its older copies of the records it covers,
    // and must not redact the erased versions this desk sends after it
    const erasures = stmt(db, "SELECT seq, kind, ref, ver, change_id FROM sync_outbox WHERE kind = 'erasures' ORDER BY seq LIMIT ?").all(limit) as Pending[];
    const rest =
      erasures.length > 0
        ? (stmt(db, "SELECT seq, kind, ref, ver, change_id FROM sync_outbox WHERE kind <> 'erasures' ORDER BY seq LIMIT ?").all(
            limit - erasures.length,
          ) as Pending[])
        : (stmt(db, 'SELECT seq, kind, ref, ver, change_id FROM sync_outbox ORDER BY seq LIMIT ?').all(limit) as Pending[]);
    const rows = [...erasures, ...rest];
    const setId = stmt(db, 'UPDATE sync_outbox SET change_id = ? WHERE seq = ?');
    const out: OutgoingChange[] = [];
    for (const r of rows) {
      const row = stmt(db, `SELECT * FROM ${r.kind} WHERE ${keyOf(r.kind)} = ?`).get(r.ref) as Record<string, unknown> | undefined;
      let id = r.change_id;
      if (!id) {
        id = newId();
        setId.run(id, r.seq);
      }
      const body: Record<string, unknown> = { ref: r.ref, row: row ?? null };
      if (r.kind === 'customers' && row) {
        const times = stmt(db, `SELECT field, at FROM sync_field_times WHERE kind = 'customers' AND ref = ?`).all(r.ref) as { field: string; at: string }[];
        body.times = Object.fromEntries(times.map((t) => [t.field, t.at]));
      }
      if (r.kind === 'erasures') body.refs = outgoingErasure(db, r.ref).refs;
      out.push({ seq: r.seq, ver: r.ver, id, kind: r.kind, ref: r.ref, body });
    }
    return out;
  })();
}

/** After the server has them: drop the outbox rows unless the record changed again meanwhile. */
export function acknowledge(db: Db, pushed: OutgoingChange[], at: string): void {
  db.transaction(() => {
    const drop = stmt(db, 'DELETE FROM sync_outbox WHERE seq = ? AND ver = ?');
    const remember = stmt(
      db,
      'INSERT INTO sync_pushed (kind, ref, change_id) VALUES (?, ?, ?) ON CONFLICT (kind, ref) DO UPDATE SET change_id = excluded.change_id',
    );
    for (const c of pushed) {
      drop.run(c.seq, c.ver);
      if (multiWriter.has(c.kind)) remember.run(c.kind, c.ref, c.id);
    }
    stmt(db, 'UPDATE sync_state SET last_push_at = ?, last_error = NULL').run(at);
  })();
}

export interface IncomingChange {
  pos: number;
  xid: string;
  id: string;
  workstation: string;
  kind: string;
  body: Record<string, unknown>;
}

type Row = Record<string, unknown>;

/** Prepared statements per connection: a batch runs the same few statements thousands of times. */
const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();
function stmt(db: Db, sql: string): Database.Statement<unknown[]> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

function alias(db: Db, kind: 'agents' | 'customers' | 'script_versions', id: unknown): unknown {
  if (typeof id !== 'string') return id;
  return (stmt(db, 'SELECT local_id FROM sync_alias WHERE kind = ? AND remote_id = ?').pluck().get(kind, id) as string | undefined) ?? id;
}

/** aliases found in the batch being applied: rows applied before them in the batch are repointed */
let batchAliases: { kind: string; remote: string; local: string }[] = [];

function addAlias(db: Db, kind: 'agents' | 'customers' | 'script_versions', remote: string, local: string): void {
  stmt(db, 'INSERT OR IGNORE INTO sync_alias (kind, remote_id, local_id) VALUES (?, ?, ?)').run(kind, remote, local);
  batchAliases.push({ kind, remote, local });
}

/** Repoints rows of this batch that arrived before the card (or agent) they name turned out to be one we have. */
function fixReferences(db: Db): void {
  const refs: Record<string, [string, string][]> = {
    customers: [
      ['calls', 'customer_id'],
      ['callbacks', 'customer_id'],
    ],
    agents: [
      ['calls', 'agent_id'],
      ['callbacks', 'created_by_id'],
      ['exports_log', 'agent_id'],
      ['erasures', 'agent_id'],
    ],
    script_versions: [['calls', 'script_version_id']],
  };
  for (const a of batchAliases) {
    for (const [table, column] of refs[a.kind] ?? []) stmt(db, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(a.local, a.remote);
  }
  batchAliases = [];
}

/** a table's columns, read once per connection (a pull applies them thousands of times) */
const tableColumns = new WeakMap<Db, Map<string, string[]>>();
function columnsOf(db: Db, table: string): string[] {
  let cache = tableColumns.get(db);
  if (!cache) tableColumns.set(db, (cache = new Map()));
  let cols = cache.get(table);
  if (!cols) cache.set(table, (cols = stmt(db, `SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]));
  return cols;
}

function upsert(db: Db, table: string, key: string, row: Row): void {
  const cols = columnsOf(db, table).filter((c) => c in row);
  const params = Object.fromEntries(cols.map((c) => [c, row[c]]));
  // UPDATE, then INSERT when there was nothing to update: an UPSERT's conflict clause overrides the
  // "INSERT OR IGNORE" of the triggers it fires (the search index's pending list), which then fail
  // on a call already waiting to be re-indexed
  const sets = cols.filter((c) => c !== key).map((c) => `${c} = @${c}`);
  if (sets.length > 0 && stmt(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE ${key} = @${key}`).run(params).changes > 0) return;
  stmt(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(params);
}

const exists = (db: Db, table: string, key: string, ref: unknown) => stmt(db, `SELECT 1 FROM ${table} WHERE ${key} = ?`).get(ref) !== undefined;
const pending = (db: Db, kind: string, ref: unknown) => stmt(db, 'SELECT 1 FROM sync_outbox WHERE kind = ? AND ref = ?').get(kind, ref) !== undefined;

/** Per field, the newest change wins; equal times are decided by the value, the same on every desk. */
function applyCustomer(db: Db, row: Row, times: Record<string, string>): void {
  const remoteId = row.id as string;
  let local = stmt(db, 'SELECT * FROM customers WHERE id = ?').get(remoteId) as Row | undefined;
  if (!local) {
    local = stmt(db, 'SELECT * FROM customers WHERE phone_norm = ?').get(row.phone_norm) as Row | undefined;
    if (local) {
      // O4: one card per phone number; two desks made one each before they met
      addAlias(db, 'customers', remoteId, local.id as string);
    }
  }
  const setTime = stmt(
    db,
    `INSERT INTO sync_field_times (kind, ref, field, at) VALUES ('customers', ?, ?, ?) ON CONFLICT (kind, ref, field) DO UPDATE SET at = excluded.at`,
  );
  if (!local) {
    upsert(db, 'customers', 'id', row);
    for (const [field, at] of Object.entries(times)) setTime.run(remoteId, field, at);
    return;
  }
  const localId = local.id as string;
  const localTimes = Object.fromEntries(
    (stmt(db, `SELECT field, at FROM sync_field_times WHERE kind = 'customers' AND ref = ?`).all(localId) as { field: string; at: string }[]).map((t) => [
      t.field,
      t.at,
    ]),
  );
  const sets: string[] = [];
  const values: Row = { id: localId };
  for (const field of ['phone', 'name', 'region', 'address']) {
    if (row[field] === local[field]) continue;
    const theirs = times[field] ?? (row.created_at as string);
    const ours = localTimes[field] ?? (local.created_at as string);
    const wins = theirs > ours || (theirs === ours && String(row[field]) > String(local[field]));
    if (!wins) continue;
    sets.push(`${field} = @${field}`);
    values[field] = row[field];
    if (field === 'phone') {
      sets.push('phone_norm = @phone_norm');
      values.phone_norm = row.phone_norm;
      if ('phone_ext' in row && 'phone_ext' in local) {
        sets.push('phone_ext = @phone_ext');
        values.phone_ext = row.phone_ext;
      }
    }
    setTime.run(localId, field, theirs);
  }
  if ((row.updated_at as string) > (local.updated_at as string)) {
    sets.push('updated_at = @updated_at');
    values.updated_at = row.updated_at;
  }
  if (sets.length) stmt(db, `UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run(values);
}

function applyAgent(db: Db, row: Row): void {
  const remoteId = row.id as string;
  if (!exists(db, 'agents', 'id', remoteId)) {
    const same = stmt(db, 'SELECT id FROM agents WHERE name = ? COLLATE NOCASE').pluck().get(row.name) as string | undefined;
    if (same) {
      addAlias(db, 'agents', remoteId, same);
      stmt(db, 'UPDATE agents SET role = ?, active = ? WHERE id = ?').run(row.role, row.active, same);
      return;
    }
  }
  upsert(db, 'agents', 'id', row);
}

/**
 * A complaint as the fold of the union of its events in (time, id) order, the same on every
 * desk. An action that is no longer valid in that order (a second "close", a transfer after the
 * close) stays in the timeline and is listed in sync_not_applied with the reason.
 */
export function refoldComplaint(db: Db, complaintId: string): void {
  const events = db.prepare('SELECT * FROM complaint_events WHERE complaint_id = ? ORDER BY at, id').all(complaintId) as {
    id: string;
    kind: AppliedEvent['kind'];
    at: string;
    agent_id: string | null;
    agent_name: string;
    data: string;
  }[];
  stmt(db, 'DELETE FROM sync_not_applied WHERE complaint_id = ?').run(complaintId);
  const notApplied = stmt(db, 'INSERT INTO sync_not_applied (event_id, complaint_id, reason) VALUES (?, ?, ?)');
  let state: Complaint | null = null;
  for (const e of events) {
    const data = JSON.parse(e.data) as Record<string, unknown>;
    for (const k of ['ownerId', 'toId', 'fromId']) if (k in data) data[k] = alias(db, 'agents', data[k]);
    if ('customerId' in data) data.customerId = alias(db, 'customers', data.customerId);
    const event: AppliedEvent = { kind: e.kind, at: e.at, agentId: e.agent_id, agentName: e.agent_name, data };
    const reason = refusal(state, event);
    if (reason) {
      notApplied.run(e.id, complaintId, reason);
      continue;
    }
    state = applyEvent(state, event);
  }
  if (!state) return; // the "created" event has not arrived yet
  fillGaps(state);
  // P9: the key follows the typed number read with this desk's region (a desk on an older version
  // sent a digits-only key)
  if (state.phoneNorm !== '') state.phoneNorm = normalisePhone(state.phone, phoneRegion(db)) || state.phoneNorm;
  state.eventCount = events.length; // local seq numbers continue after every stored event
  if (state.status !== 'closed' && !state.nextReplyDue) state.nextReplyDue = state.updatedAt; // C3: due now rather than lost
  const p = complaintParams(state);
  const existing = stmt(db, 'SELECT number FROM complaints WHERE id = ?').pluck().get(complaintId) as string | undefined;
  if (existing === undefined) {
    // Two desks numbered complaints on their own before they met: the lower id keeps the number,
    // the other gets a suffix from its id (the same on every desk; see README, team mode).
    const clash = stmt(db, 'SELECT id FROM complaints WHERE number = ?').pluck().get(state.number) as string | undefined;
    let number = state.number;
    let seq = Number(number.slice(10));
    if (clash) {
      const loser = clash < complaintId ? complaintId : clash;
      const renamed = `${state.number}-${loser.slice(-4).toUpperCase()}`;
      const renamedSeq = -parseInt(loser.slice(-8), 16);
      if (loser === clash) stmt(db, 'UPDATE complaints SET number = ?, seq = ? WHERE id = ?').run(renamed, renamedSeq, clash);
      else [number, seq] = [renamed, renamedSeq];
    }
    stmt(
      db,
      `INSERT INTO complaints (id, month, seq, ${complaintColumns.map(([, c]) => c).join(', ')})
       VALUES (@id, @month, @seq, ${complaintColumns.map(([f]) => `@${f}`).join(', ')})`,
    ).run({ ...p, number, month: `${state.number.slice(3, 7)}${state.number.slice(7, 9)}`, seq });
  } else {
    const cols = complaintColumns.filter(([f]) => f !== 'number');
    stmt(db, `UPDATE complaints SET ${cols.map(([f, c]) => `${c} = @${f}`).join(', ')} WHERE id = @id`).run(p);
  }
}

const nullable = new Set<keyof Complaint>(['callId', 'customerId', 'nextReplyDue', 'lastReplyAt', 'resolvedAt', 'closedAt']);

/** Timelines written by older versions (or the demo generator) may leave fields out of "created". */
function fillGaps(state: Complaint): void {
  const s = state as unknown as Record<string, unknown>;
  if (s.phoneNorm === undefined) s.phoneNorm = normalisePhone(String(s.phone ?? ''));
  for (const [field] of complaintColumns) if (s[field] === undefined) s[field] = nullable.has(field) ? null : '';
}

function refusal(state: Complaint | null, e: AppliedEvent): string | null {
  if (e.kind === 'created') return state ? 'created twice' : null;
  if (!state) return 'before the complaint was created';
  const open = state.status !== 'closed';
  switch (e.kind) {
    case 'status': {
      const to = e.data.to as Complaint['status'];
      if (!transitions[state.status].includes(to)) return `status ${state.status} → ${to} is not allowed after the merge`;
      if (to === 'closed' && !state.repliedSinceOpened) return 'closing needs a reply (C4)';
      return null;
    }
    case 'due':
    case 'transfer':
      return open ? null : 'the complaint was already closed';
    default:
      return null;
  }
}

/**
 * P9: a pulled row's number key is computed here from the typed number, with this desk's region:
 * a desk still on an older version sends digits-only keys, and a card must meet its twin here.
 * Erased rows (empty key) and cards a lead kept apart ("…#id") keep theirs.
 */
function rekey(db: Db, row: Row): Row {
  const norm = row.phone_norm;
  if (typeof norm !== 'string' || norm === '' || norm.includes('#') || typeof row.phone !== 'string') return row;
  const parsed = readPhone(row.phone, phoneRegion(db));
  return parsed.norm === '' ? row : { ...row, phone_norm: parsed.norm, phone_ext: parsed.ext };
}

/**
 * Numbers already read in a region: reading one is most of the JavaScript work of applying a pulled
 * call, and a team's callers call again (a desk joining a team of a million calls meets each number
 * many times). Bounded: cleared when full.
 */
const phoneReadings = new Map<string, { norm: string; ext: string }>();
function readPhone(phone: string, region: string): { norm: string; ext: string } {
  const key = `${region}\u0000${phone}`;
  let parsed = phoneReadings.get(key);
  if (!parsed) {
    if (phoneReadings.size >= 100_000) phoneReadings.clear();
    const { norm, ext } = parsePhone(phone, region);
    phoneReadings.set(key, (parsed = { norm, ext }));
  }
  return parsed;
}

/** Applies one pulled change. Returns the complaint to refold, if any. */
export function applyChange(db: Db, me: string, c: IncomingChange): string | null {
  const kind = c.kind as ChangeKind;
  if (!changeKinds.includes(kind)) return null; // a newer app's kind: kept on the server, skipped here
  let row = c.body.row as Row | null;
  if (!row) return null;
  if (kind === 'erasures') return applyErasureChange(db, me, c, row);
  if (kind === 'calls' || kind === 'callbacks' || kind === 'customers' || kind === 'call_events' || kind === 'complaint_events') {
    // erased in the team: a late version from a desk that was offline brings nothing back
    row = redactIfErased(db, kind, row, new Date().toISOString());
    if (!row) return null;
    // where the record was taken (labels in team-wide lists): the server's record of who sent it
    if ((kind === 'calls' || kind === 'callbacks' || kind === 'complaint_events') && !row.workstation) row = { ...row, workstation: c.workstation };
  }
  // P9: keys computed here from the typed number (a desk on an older version sent digits-only keys)
  if (kind === 'customers' || kind === 'calls' || kind === 'callbacks') row = rekey(db, row);
  const key = keyOf(kind);
  const ref = row[key];
  const own = c.workstation === me;
  if (multiWriter.has(kind)) {
    if (pending(db, kind, ref)) return null; // our newer edit is pushed later and wins then
    if (own && exists(db, kind, key, ref)) {
      const last = stmt(db, 'SELECT change_id FROM sync_pushed WHERE kind = ? AND ref = ?').pluck().get(kind, ref);
      if (last !== c.id) return null; // an older version of ours; the latest follows in order
    }
  } else if (own && exists(db, kind, key, ref)) return null; // one writer: ours is already here
  switch (kind) {
    case 'agents':
      applyAgent(db, row);
      return null;
    case 'customers':
      applyCustomer(db, row, (c.body.times as Record<string, string> | undefined) ?? {});
      return null;
    case 'calls':
    case 'callbacks':
    case 'call_events':
    case 'exports_log': {
      const mapped: Row = { ...row };
      for (const k of ['agent_id', 'created_by_id']) if (k in mapped) mapped[k] = alias(db, 'agents', mapped[k]);
      if ('customer_id' in mapped) mapped.customer_id = alias(db, 'customers', mapped.customer_id);
      if ('script_version_id' in mapped) mapped.script_version_id = alias(db, 'script_versions', mapped.script_version_id);
      if (kind === 'call_events')
        stmt(
          db,
          `INSERT OR IGNORE INTO ${kind} (${Object.keys(mapped).join(', ')}) VALUES (${Object.keys(mapped)
            .map((k) => `@${k}`)
            .join(', ')})`,
        ).run(mapped);
      else upsert(db, kind, 'id', mapped);
      return null;
    }
    case 'script_versions':
      applyScriptVersion(db, row);
      return null;
    case 'dispositions':
      upsert(db, kind, 'id', row);
      return null;
    case 'settings':
      if (teamSettings.includes(row.key as string)) upsert(db, 'settings', 'key', row);
      if (row.key === phoneRegionKey) {
        // the team chose another region: this desk's keys are computed again (and twins merged)
        forgetPhoneRegion(db);
        ensureNormalisedRegion(db, new Date().toISOString());
      }
      return null;
    case 'complaint_events': {
      if (exists(db, 'complaint_events', 'id', row.id)) return null;
      const seq = stmt(db, 'SELECT coalesce(max(seq), 0) + 1 FROM complaint_events WHERE complaint_id = ?').pluck().get(row.complaint_id) as number;
      stmt(
        db,
        'INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_id, agent_name, data, workstation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(row.id, row.complaint_id, seq, row.kind, row.at, alias(db, 'agents', row.agent_id), row.agent_name, row.data, row.workstation ?? '');
      return row.complaint_id as string;
    }
  }
  return null;
}

/**
 * Script versions are kept, never merged away: two leads who saved "version 5" offline both keep
 * their text in the history. Each version remembers the number it was saved as (saved_as); when two
 * share one, the language's versions are numbered again by (saved as, created at, id), so every desk
 * shows the same numbers and the same current version (the last) once it has the same versions.
 */
function applyScriptVersion(db: Db, row: Row): void {
  if (exists(db, 'script_versions', 'id', row.id)) return;
  const savedAs = (row.saved_as as number | null | undefined) ?? (row.version as number);
  const clash = stmt(db, 'SELECT 1 FROM script_versions WHERE language = ? AND coalesce(saved_as, version) = ?').get(row.language, savedAs) !== undefined;
  const top = stmt(db, 'SELECT coalesce(max(version), 0) FROM script_versions WHERE language = ?').pluck().get(row.language) as number;
  const cols = columnsOf(db, 'script_versions').filter((k) => k in row || k === 'saved_as');
  const taken = clash || stmt(db, 'SELECT 1 FROM script_versions WHERE language = ? AND version = ?').get(row.language, row.version) !== undefined;
  const values: Row = { ...row, saved_as: savedAs, version: taken ? top + 1 : row.version };
  stmt(db, `INSERT INTO script_versions (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(
    Object.fromEntries(cols.map((k) => [k, values[k]])),
  );
  if (taken) renumberScripts(db, row.language as string);
}

function renumberScripts(db: Db, language: string): void {
  const ids = stmt(db, 'SELECT id FROM script_versions WHERE language = ? ORDER BY coalesce(saved_as, version), created_at, id')
    .pluck()
    .all(language) as string[];
  stmt(db, 'UPDATE script_versions SET saved_as = coalesce(saved_as, version), version = version + 1000000 WHERE language = ?').run(language);
  const set = stmt(db, 'UPDATE script_versions SET version = ? WHERE id = ?');
  ids.forEach((id, i) => set.run(i + 1, id));
}

/**
 * An erasure made at another desk: its record is stored as it came, and the person's data is
 * erased here in the same transaction (sync/erasure.ts). Applied once: a second copy (pulled after
 * it was applied ahead of a push, or an echo of our own) changes nothing.
 */
function applyErasureChange(db: Db, me: string, c: IncomingChange, row: Row): null {
  if (exists(db, 'erasures', 'id', row.id)) return null;
  const mapped: Row = { ...row, agent_id: alias(db, 'agents', row.agent_id) };
  // the lead's agent may not have arrived yet (erasures travel first): the record keeps the name
  if (mapped.agent_id && !exists(db, 'agents', 'id', mapped.agent_id)) mapped.agent_id = null;
  const cols = columnsOf(db, 'erasures').filter((k) => k in mapped);
  stmt(db, `INSERT OR IGNORE INTO erasures (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(
    Object.fromEntries(cols.map((k) => [k, mapped[k]])),
  );
  // erased_at here = the lead's instant, the same on every desk
  if (c.workstation !== me) applyErasure(db, c.body, String(row.at));
  return null;
}

/** a value JSON carries into SQLite as the same SQL value a bound parameter would be */
const plain = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** the SQL that gives a column of a run's row: references to agents, cards and scripts through this desk's aliases */
function runColumn(column: string): string {
  const value = `value ->> '${column}'`;
  const kind = { agent_id: 'agents', created_by_id: 'agents', customer_id: 'customers', script_version_id: 'script_versions' }[column];
  return kind ? `coalesce((SELECT local_id FROM sync_alias WHERE kind = '${kind}' AND remote_id = ${value}), ${value})` : value;
}

/** one INSERT … SELECT FROM jsonb_each per group of rows with the same columns */
export interface RunStatement {
  sql: string;
  /** the rows, a JSON array of objects */
  json: string;
}

/**
 * The rows of a run of consecutive pulled calls (or call events) that one INSERT per group can
 * take, grouped by their columns, and the changes that must go through applyChange (\`slow\`).
 * \`skip\`: ids known to need applyChange (a call already here, erased in the team).
 */
function runStatements(
  db: Db,
  kind: 'calls' | 'call_events',
  run: IncomingChange[],
  skip: Set<unknown>,
): { statements: RunStatement[]; slow: IncomingChange[] } {
  const seen = new Map<unknown, number>();
  for (const c of run) if (c.body.row) seen.set((c.body.row as Row).id, (seen.get((c.body.row as Row).id) ?? 0) + 1);
  const local = columnsOf(db, kind);
  const groups = new Map<string, Row[]>();
  const slow: IncomingChange[] = [];
  for (const c of run) {
    let row = c.body.row as Row | null;
    if (!row) continue;
    const cols = Object.keys(row);
    if (typeof row.id !== 'string' || skip.has(row.id) || seen.get(row.id)! > 1 || !cols.every((k) => plain(row![k]))) {
      slow.push(c);
      continue;
    }
    if (kind === 'calls') {
      // as applyChange: the sender's desk when the row does not say; keys read with this desk's region
      if (!row.workstation) row = { ...row, workstation: c.workstation };
      row = rekey(db, row);
    } else if (cols.some((k) => !local.includes(k))) {
      slow.push(c); // a column this version does not know: applyChange says so as it always did
      continue;
    }
    const signature = (kind === 'calls' ? local.filter((k) => k in row!) : Object.keys(row)).join(',');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = []));
    group.push(row);
  }
  const statements = [...groups].map(([signature, group]) => {
    const cols = signature.split(',');
    // jsonb_each: each row is parsed once, not once per column as json_each's text values are (a
    // third of the statement's time at 29 columns); keys the statement does not name are passed over
    const sql = `INSERT ${kind === 'call_events' ? 'OR IGNORE ' : ''}INTO ${kind} (${cols.join(', ')}) SELECT ${cols.map(runColumn).join(', ')} FROM jsonb_each(?)`;
    return { sql, json: JSON.stringify(group) };
  });
  return { statements, slow };
}

/**
 * A run of consecutive pulled calls (or call events) applied as applyChange would apply them one
 * by one, with one INSERT … SELECT FROM jsonb_each per run: a desk joining a team applies a million
 * calls, and the per-row statements (bindings, an UPDATE tried before each INSERT) cost twice what
 * SQLite's own work does. Only rows that are new here take this way; a call already here (a later
 * version), erased in the team (redacted first), named twice in the run, or with a value JSON would
 * not carry as bound (a boolean, an object) is applied by applyChange, in the run's order.
 */
function applyRun(db: Db, me: string, kind: 'calls' | 'call_events', run: IncomingChange[]): void {
  const rows = run.filter((c) => c.body.row).map((c) => c.body.row as Row);
  const erased = (refs: unknown[]) =>
    stmt(db, `SELECT ref FROM sync_erased_refs WHERE kind = 'calls' AND ref IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(refs));
  const skip = new Set<unknown>();
  if (kind === 'calls') {
    for (const id of erased(rows.map((r) => r.id))) skip.add(id);
    for (const id of stmt(db, 'SELECT id FROM calls WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(rows.map((r) => r.id))))
      skip.add(id);
  } else {
    const calls = new Set(erased(rows.map((r) => r.call_id)));
    for (const r of rows) if (calls.has(r.call_id)) skip.add(r.id);
  }
  const { statements, slow } = runStatements(db, kind, run, skip);
  for (const s of statements) stmt(db, s.sql).run(s.json);
  for (const c of slow) applyChange(db, me, c);
}

/**
 * A slice of pulled changes that a second connection (sync/apply-worker.ts) can apply with the same
 * statements applyBatch would run: only new calls and call events. \`checks\` are queries that must
 * find nothing in that connection's transaction (a call already here or erased in the team: such
 * a slice goes through applyBatch instead, which applies those one by one). Null when the slice
 * holds anything else (those go through applyBatch here).
 */
export interface WorkerSlice {
  statements: RunStatement[];
  checks: RunStatement[];
}

/** \`ids\`: the calls of the slice's earlier parts (a slice may be prepared in parts, parts concatenated) */
export function planWorkerSlice(db: Db, changes: IncomingChange[], ids = new Set<unknown>()): WorkerSlice | null {
  const statements: RunStatement[] = [];
  const callIds: unknown[] = [];
  const eventCalls: unknown[] = [];
  for (let i = 0; i < changes.length;) {
    const kind = changes[i]!.kind;
    if (kind !== 'calls' && kind !== 'call_events') return null;
    let end = i + 1;
    while (end < changes.length && changes[end]!.kind === kind) end++;
    const run = changes.slice(i, end);
    const { statements: s, slow } = runStatements(db, kind, run, new Set());
    if (slow.length > 0) return null;
    for (const c of run) {
      const row = c.body.row as Row | null;
      if (!row) continue;
      if (kind === 'calls') {
        // a call twice in the slice (in two runs): its later version is an update, applyBatch's work
        if (ids.has(row.id)) return null;
        ids.add(row.id);
        callIds.push(row.id);
      } else eventCalls.push(row.call_id);
    }
    statements.push(...s);
    i = end;
  }
  const checks: RunStatement[] = [];
  if (callIds.length > 0)
    checks.push({
      sql: `SELECT 1 FROM jsonb_each(?) j WHERE EXISTS (SELECT 1 FROM calls WHERE id = j.value)
              OR EXISTS (SELECT 1 FROM sync_erased_refs WHERE kind = 'calls' AND ref = j.value) LIMIT 1`,
      json: JSON.stringify(callIds),
    });
  if (eventCalls.length > 0)
    checks.push({
      sql: `SELECT 1 FROM jsonb_each(?) j WHERE EXISTS (SELECT 1 FROM sync_erased_refs WHERE kind = 'calls' AND ref = j.value) LIMIT 1`,
      json: JSON.stringify([...new Set(eventCalls)]),
    });
  return { statements, checks };
}

/**
 * Applies a batch and moves the cursor in one local transaction: a crash leaves either both or
 * neither. Pulled rows are written with recording switched off (mode 2) so they do not echo.
 * \`deferIndex\` (catching up): the rows' search documents are written but only listed for
 * indexing in bulk afterwards (search/store.ts indexDeferred); the switch never outlives the
 * transaction, so nothing else ever writes with it on.
 */
export function applyBatch(db: Db, me: string, epoch: string, changes: IncomingChange[], at: string, { deferIndex = false } = {}): void {
  batchAliases = [];
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    stmt(db, 'UPDATE sync_state SET mode = 2').run();
    if (deferIndex) stmt(db, 'UPDATE search_state SET deferring = 1').run();
    const refold = new Set<string>();
    for (let i = 0; i < changes.length;) {
      const kind = changes[i]!.kind;
      if (kind === 'calls' || kind === 'call_events') {
        // a run of calls (or of call events): one statement for the run
        let end = i + 1;
        while (end < changes.length && changes[end]!.kind === kind) end++;
        applyRun(db, me, kind, changes.slice(i, end));
        i = end;
        continue;
      }
      const id = applyChange(db, me, changes[i]!);
      if (id) refold.add(id);
      i++;
    }
    // a complaint_events row for a complaint whose "created" event is still to come waits for it
    const waiting = stmt(db, 'SELECT 1 FROM complaint_events WHERE complaint_id = ? AND kind = ?');
    for (const id of refold) if (waiting.get(id, 'created')) refoldComplaint(db, id);
    fixReferences(db);
    const last = changes.at(-1);
    if (last) stmt(db, 'UPDATE sync_state SET cursor_xid = ?, cursor_pos = ?, epoch = ?').run(last.xid, last.pos, epoch);
    stmt(db, 'UPDATE sync_state SET mode = 1, last_pull_at = ?, last_error = NULL').run(at);
    if (deferIndex) stmt(db, 'UPDATE search_state SET deferring = 0').run();
  })();
}

/** Erasures applied ahead of a push (before the cursor reaches them): the cursor does not move. */
export function applyAhead(db: Db, me: string, changes: IncomingChange[]): void {
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    stmt(db, 'UPDATE sync_state SET mode = 2').run();
    for (const c of changes) applyChange(db, me, c);
    stmt(db, 'UPDATE sync_state SET mode = 1').run();
  })();
}

export function rememberWorkstations(db: Db, seen: { workstation: string; lastSeen: string }[]): void {
  const upsert = stmt(
    db,
    'INSERT INTO sync_workstations (workstation, last_seen) VALUES (?, ?) ON CONFLICT (workstation) DO UPDATE SET last_seen = excluded.last_seen',
  );
  db.transaction(() => {
    for (const w of seen) upsert.run(w.workstation, w.lastSeen);
  })();
}
