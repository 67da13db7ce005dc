import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { newId } from '../infra/ids';
import { upsertCustomer } from '../customers/store';
import type { Agent } from '../../../shared/schemas/agent';
import { AppError } from '../../../shared/errors';
import { parsePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { localDayOf, localDayRange } from '../../../shared/domain/period';
import { callFieldNames, emptyCallFields, type Call, type CallFields } from '../../../shared/schemas/call';
import type { Input } from '../../../shared/contract';
import { getSettings } from '../settings/store';
import { managedConfigDefaults, type ManagedConfig } from '../../../shared/schemas/managed-config';
import { currentScriptId, getScript } from '../scripts/store';
import { activeDisposition } from '../dispositions/store';
import { addCallEvent, listCallEvents } from './call-events';
import { refuseErased } from '../privacy/erased';
import { missingForCompletion, type CallView, type UnfinishedPage } from '../../../shared/schemas/call';

const columnOf: Record<keyof CallFields, string> = {
  callerName: 'caller_name',
  phone: 'phone',
  region: 'region',
  address: 'address',
  category: 'category',
  subject: 'subject',
  details: 'details',
  wants: 'wants',
  nextStep: 'next_step',
};

interface CallRow {
  id: string;
  direction: Call['direction'];
  status: Call['status'];
  agent_id: string | null;
  agent_name: string;
  customer_id: string | null;
  caller_name: string;
  phone: string;
  phone_norm: string;
  region: string;
  address: string;
  category: string;
  subject: string;
  details: string;
  wants: string;
  next_step: string;
  rang_at: string;
  answered_at: string | null;
  ended_at: string | null;
  wrapped_at: string | null;
  created_at: string;
  updated_at: string;
  late_answer: number;
  script_version_id: string | null;
  checklist: string;
  disposition_id: string | null;
  erased_at?: string | null;
}

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    agentId: row.agent_id,
    agentName: row.agent_name,
    customerId: row.customer_id,
    callerName: row.caller_name,
    phone: row.phone,
    phoneNorm: row.phone_norm,
    region: row.region,
    address: row.address,
    category: row.category,
    subject: row.subject,
    details: row.details,
    wants: row.wants,
    nextStep: row.next_step,
    rangAt: row.rang_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    wrappedAt: row.wrapped_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lateAnswer: row.late_answer === 1,
    scriptVersionId: row.script_version_id,
    checklist: JSON.parse(row.checklist) as Record<string, string>,
    dispositionId: row.disposition_id,
  };
}

export function getCall(db: Db, id: string): Call {
  const row = db.prepare('SELECT * FROM calls WHERE id = ?').get(id) as CallRow | undefined;
  if (!row) throw new AppError('not_found', `No call with id ${id}`);
  return toCall(row);
}

export function startCall(db: Db, clock: Clock, input: Input<'calls.start'>, agent: Agent, config: ManagedConfig = managedConfigDefaults): Call {
  const nowDate = clock.now();
  const now = nowDate.toISOString();
  const rangAt = input.rangAt ?? now;
  const settings = getSettings(db, agent.id, config);
  // P1: answered only after the threshold (5 rings ≈ 15 s by default): the apology comes first.
  const late = nowDate.getTime() - new Date(rangAt).getTime() >= settings.lateAnswerSeconds * 1000;
  const scriptVersionId = currentScriptId(db, input.language ?? settings.myLanguage ?? settings.defaultLanguage);
  const id = newId();
  db.prepare(
    `INSERT INTO calls (id, direction, status, agent_id, agent_name, rang_at, answered_at, created_at, updated_at, late_answer, script_version_id)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.direction, agent.id, agent.name, rangAt, now, now, now, late ? 1 : 0, scriptVersionId);
  return { ...emptyCallFields, ...getCall(db, id) };
}

const updateStatements = new WeakMap<Db, Map<string, Database.Statement>>();

/** One prepared UPDATE per set of changed fields: autosave sends the same few shapes again and again. */
function updateStatement(db: Db, names: (keyof CallFields)[]): Database.Statement {
  let cache = updateStatements.get(db);
  if (!cache) updateStatements.set(db, (cache = new Map()));
  const key = names.join(',');
  let statement = cache.get(key);
  if (!statement) {
    const sets = names.map((n) => `${columnOf[n]} = @${n}`);
    if (names.includes('phone')) sets.push('phone_norm = @phoneNorm', 'phone_ext = @phoneExt');
    statement = db.prepare(
      // erased_at: an erased caller's data is never typed back in by a form that was still open
      `UPDATE calls SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id AND status = 'open' AND erased_at IS NULL RETURNING *`,
    );
    cache.set(key, statement);
  }
  return statement;
}

/**
 * Autosave: writes only the fields the agent changed; a finished call is not edited here.
 * The typing path: one prepared UPDATE … RETURNING, one fsync, no other read or write. The
 * customer card is linked when the call ends (calls.end / calls.complete), not per keystroke.
 */
export function updateCall(db: Db, clock: Clock, input: Input<'calls.update'>): Call {
  const names = callFieldNames.filter((n) => input.fields[n] !== undefined);
  const params: Record<string, string> = { id: input.id, updatedAt: clock.now().toISOString() };
  for (const n of names) params[n] = input.fields[n] as string;
  if (input.fields.phone !== undefined) {
    const parsed = parsePhone(input.fields.phone, phoneRegion(db));
    params.phoneNorm = parsed.norm;
    params.phoneExt = parsed.ext;
  }
  // .all(), not .get(): with RETURNING, .get() stops after the first row and better-sqlite3 then
  // ignores the error of the implicit COMMIT, so a full disk would report "saved" for a save that
  // SQLite rolled back (found by the disk-full test). Same below for every RETURNING.
  const row = (updateStatement(db, names).all(params) as CallRow[])[0];
  if (row) return toCall(row);
  const current = getCall(db, input.id); // throws not_found
  refuseErased(db, 'calls', input.id);
  throw new AppError('conflict', `Call ${input.id} is ${current.status}`);
}

/** O4: the call's caller becomes (or updates) a customer card once a phone number is there. */
function linkCustomer(db: Db, clock: Clock, row: CallRow): void {
  // an erased call never makes a card again
  if (row.phone_norm.length < 3 || row.erased_at) return;
  const customerId = upsertCustomer(db, clock, { phone: row.phone, name: row.caller_name, region: row.region, address: row.address });
  if (customerId !== row.customer_id) {
    db.prepare('UPDATE calls SET customer_id = ? WHERE id = ?').run(customerId, row.id);
    row.customer_id = customerId;
  }
}

export function listCallsOfDay(db: Db, clock: Clock, input: Input<'calls.listDay'>): Call[] {
  const range = localDayRange(input.day ?? localDayOf(clock.now()));
  const rows = db.prepare('SELECT * FROM calls WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC').all(range.from, range.to) as CallRow[];
  return rows.map(toCall);
}

/** Runs `sql` (an UPDATE … WHERE id = @id AND status = 'open' RETURNING *) or says why it could not. */
function updateOpen(db: Db, sql: string, params: Record<string, unknown>): CallRow {
  const row = (db.prepare(sql).all(params) as CallRow[])[0];
  if (row) return row;
  const current = getCall(db, params.id as string); // throws not_found
  throw new AppError('conflict', `Call ${current.id} is ${current.status}`);
}

export function markLate(db: Db, clock: Clock, input: Input<'calls.markLate'>): Call {
  return toCall(
    updateOpen(db, "UPDATE calls SET late_answer = @late, updated_at = @now WHERE id = @id AND status = 'open' RETURNING *", {
      id: input.id,
      late: input.late ? 1 : 0,
      now: clock.now().toISOString(),
    }),
  );
}

/** P2, P3, P6, P7: a tick on the script's checklist, kept with the call (key -> when ticked). */
export function checkItem(db: Db, clock: Clock, input: Input<'calls.check'>): Call {
  const path = `$."${input.key}"`; // the key's pattern allows no quote
  const now = clock.now().toISOString();
  const sql = input.checked
    ? "UPDATE calls SET checklist = json_set(checklist, @path, @now), updated_at = @now WHERE id = @id AND status = 'open' RETURNING *"
    : "UPDATE calls SET checklist = json_remove(checklist, @path), updated_at = @now WHERE id = @id AND status = 'open' RETURNING *";
  return toCall(updateOpen(db, sql, { id: input.id, path, now }));
}

/** The caller hung up: after-call work (wrap-up) time runs from here. */
export function endCall(db: Db, clock: Clock, input: Input<'calls.end'>): Call {
  return db.transaction(() => {
    const row = updateOpen(db, "UPDATE calls SET ended_at = coalesce(ended_at, @now), updated_at = @now WHERE id = @id AND status = 'open' RETURNING *", {
      id: input.id,
      now: clock.now().toISOString(),
    });
    linkCustomer(db, clock, row);
    return toCall(row);
  })();
}

/** P5: name, what was asked, region and why must be there, and an outcome chosen. */
export function completeCall(db: Db, clock: Clock, input: Input<'calls.complete'>, agent: Agent): Call {
  return db.transaction(() => {
    const current = getCall(db, input.id);
    if (current.status !== 'open') throw new AppError('conflict', `Call ${current.id} is ${current.status}`);
    const missing = missingForCompletion(current);
    if (missing.length > 0) {
      throw new AppError('rule', `Record ${missing.join(', ')} before completing the call`, {
        rule: 'P5',
        fields: missing.map((path) => ({ path, code: 'P5', message: 'required' })),
      });
    }
    if (!activeDisposition(db, input.dispositionId)) {
      throw new AppError('validation', 'Choose an outcome from the list', {
        fields: [{ path: 'dispositionId', code: 'unknown', message: 'not an active outcome' }],
      });
    }
    const now = clock.now().toISOString();
    // O3, O5: the callback this call was made for is done in the same wrap-up, with its result and score
    const callback = pendingCallbackOfCall(db, input.id);
    if (callback) {
      const result = input.callback?.result.trim() ?? '';
      if (result === '') {
        throw new AppError('rule', 'Record what the customer said on the callback', {
          rule: 'O3-result',
          fields: [{ path: 'callbackResult', code: 'O3', message: 'required' }],
        });
      }
      db.prepare("UPDATE callbacks SET status = 'done', result = ?, satisfaction = ?, done_at = ?, done_by_name = ?, updated_at = ? WHERE id = ?").run(
        result,
        input.callback?.satisfaction ?? null,
        now,
        agent.name,
        now,
        callback.id,
      );
    }
    const row = db
      .prepare(
        `UPDATE calls SET status = 'completed', disposition_id = @dispositionId, ended_at = coalesce(ended_at, @now),
           wrapped_at = @now, updated_at = @now WHERE id = @id RETURNING *`,
      )
      .all({ id: input.id, dispositionId: input.dispositionId, now })[0] as CallRow;
    linkCustomer(db, clock, row);
    const afterCallWorkSeconds = Math.round((Date.parse(now) - Date.parse(row.ended_at ?? now)) / 1000);
    addCallEvent(db, clock, row.id, 'completed', agent, { dispositionId: input.dispositionId, afterCallWorkSeconds });
    return toCall(row);
  })();
}

/** Only on purpose (the UI asks first); the row stays, marked discarded, with who and why. */
export function discardCall(db: Db, clock: Clock, input: Input<'calls.discard'>, agent: Agent): Call {
  return db.transaction(() => {
    const now = clock.now().toISOString();
    const row = updateOpen(db, "UPDATE calls SET status = 'discarded', updated_at = @now WHERE id = @id AND status = 'open' RETURNING *", {
      id: input.id,
      now,
    });
    addCallEvent(db, clock, row.id, 'discarded', agent, { reason: input.reason });
    return toCall(row);
  })();
}

/** An edit of a completed call: written, and recorded as an event with each field's before and after. */
export function amendCall(db: Db, clock: Clock, input: Input<'calls.amend'>, agent: Agent): Call {
  return db.transaction(() => {
    const current = getCall(db, input.id);
    refuseErased(db, 'calls', input.id);
    if (current.status !== 'completed') throw new AppError('conflict', `Call ${current.id} is ${current.status}; only completed calls are amended`);
    const changes: Record<string, { from: string; to: string }> = {};
    for (const name of callFieldNames) {
      const next = input.fields[name];
      if (next !== undefined && next !== current[name]) changes[name] = { from: current[name], to: next };
    }
    const names = Object.keys(changes) as (keyof CallFields)[];
    if (names.length === 0) return current;
    const params: Record<string, string> = { id: input.id, updatedAt: clock.now().toISOString() };
    for (const n of names) params[n] = changes[n]!.to;
    if (changes.phone) {
      const parsed = parsePhone(changes.phone.to, phoneRegion(db));
      params.phoneNorm = parsed.norm;
      params.phoneExt = parsed.ext;
    }
    const sets = names.map((n) => `${columnOf[n]} = @${n}`);
    if (changes.phone) sets.push('phone_norm = @phoneNorm', 'phone_ext = @phoneExt');
    const row = db.prepare(`UPDATE calls SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id RETURNING *`).get(params) as CallRow;
    linkCustomer(db, clock, row);
    addCallEvent(db, clock, row.id, 'amended', agent, { changes });
    return toCall(row);
  })();
}

function pendingCallbackOfCall(db: Db, callId: string): { id: string; reason: string; dueAt: string } | null {
  return (
    (db.prepare("SELECT id, reason, due_at AS dueAt FROM callbacks WHERE call_id = ? AND status = 'pending' ORDER BY due_at LIMIT 1").get(callId) as
      { id: string; reason: string; dueAt: string } | undefined) ?? null
  );
}

/**
 * An open call without a script (made by the demo data, or by an older version) gets the current
 * script of its agent's language when it is opened, so the agent never works without one; a
 * finished call keeps showing what it had.
 */
export function openCall(db: Db, clock: Clock, id: string, config: ManagedConfig = managedConfigDefaults): CallView {
  let call = getCall(db, id);
  if (call.status === 'open' && !call.scriptVersionId) {
    const settings = getSettings(db, call.agentId, config);
    const scriptVersionId = currentScriptId(db, settings.myLanguage ?? settings.defaultLanguage);
    if (scriptVersionId) {
      db.prepare("UPDATE calls SET script_version_id = ?, updated_at = ? WHERE id = ? AND status = 'open' AND script_version_id IS NULL").run(
        scriptVersionId,
        clock.now().toISOString(),
        id,
      );
      call = getCall(db, id);
    }
  }
  return {
    call,
    script: call.scriptVersionId ? getScript(db, call.scriptVersionId) : null,
    events: listCallEvents(db, id),
    callback: call.status === 'open' ? pendingCallbackOfCall(db, id) : null,
  };
}

/** Not completed and not discarded, newest first: a call is never lost. One page, with the true total. */
export function listUnfinished(db: Db, input: Input<'calls.listUnfinished'>, agent: Agent, isLead: boolean): UnfinishedPage {
  if (input.scope === 'all' && !isLead) throw new AppError('rule', "Only a team lead sees every agent's unfinished calls", { rule: 'lead' });
  const mine = input.scope === 'mine';
  const where = mine ? "status = 'open' AND agent_id = @agent" : "status = 'open'";
  const params = { agent: agent.id, limit: input.limit, offset: input.offset };
  const calls = (db.prepare(`SELECT * FROM calls WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`).all(params) as CallRow[]).map(
    toCall,
  );
  const total = db.prepare(`SELECT count(*) FROM calls WHERE ${where}`).pluck().get(params) as number;
  return { calls, total };
}

/** A call that may take a new event with free text (escalation reason, transfer gist). */
export function requireCall(db: Db, id: string): Call {
  const call = getCall(db, id);
  refuseErased(db, 'calls', id);
  if (call.status === 'discarded') throw new AppError('conflict', `Call ${id} was discarded`);
  return call;
}
