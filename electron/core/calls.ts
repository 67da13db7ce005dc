import type Database from 'better-sqlite3';
import type { Db } from './db/open';
import type { Clock } from './clock';
import { newId } from './ids';
import { upsertCustomer } from './customers';
import { requireAgent } from './agents';
import type { Agent } from '../../shared/schemas/agent';
import { AppError } from '../../shared/errors';
import { normalisePhone } from '../../shared/domain/phone';
import { localDayOf, localDayRange } from '../../shared/domain/period';
import { callFieldNames, emptyCallFields, type Call, type CallFields } from '../../shared/schemas/call';
import type { Input } from '../../shared/contract';
import type { callsContract } from '../../shared/contract/calls';
import type { DomainHandlers, ServiceContext } from './service';

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
  };
}

export function getCall(db: Db, id: string): Call {
  const row = db.prepare('SELECT * FROM calls WHERE id = ?').get(id) as CallRow | undefined;
  if (!row) throw new AppError('not_found', `No call with id ${id}`);
  return toCall(row);
}

export function startCall(db: Db, clock: Clock, input: Input<'calls.start'>, agent: Agent): Call {
  const now = clock.now().toISOString();
  const id = newId();
  db.prepare(
    `INSERT INTO calls (id, direction, status, agent_id, agent_name, rang_at, answered_at, created_at, updated_at)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.direction, agent.id, agent.name, input.rangAt ?? now, now, now, now);
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
    if (names.includes('phone')) sets.push('phone_norm = @phoneNorm');
    statement = db.prepare(
      `UPDATE calls SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id AND status = 'open' RETURNING *`,
    );
    cache.set(key, statement);
  }
  return statement;
}

/** Autosave: writes only the fields the agent changed; a finished call is not edited here. */
export function updateCall(db: Db, clock: Clock, input: Input<'calls.update'>): Call {
  const names = callFieldNames.filter((n) => input.fields[n] !== undefined);
  const params: Record<string, string> = { id: input.id, updatedAt: clock.now().toISOString() };
  for (const n of names) params[n] = input.fields[n] as string;
  if (input.fields.phone !== undefined) params.phoneNorm = normalisePhone(input.fields.phone);
  // .all(), not .get(): with RETURNING, .get() stops after the first row and better-sqlite3 then
  // ignores the error of the implicit COMMIT, so a full disk would report "saved" for a save that
  // SQLite rolled back (found by the disk-full test, issue 6).
  const row = (updateStatement(db, names).all(params) as CallRow[])[0];
  if (row) {
    linkCustomer(db, clock, row);
    return toCall(row);
  }
  const current = getCall(db, input.id); // throws not_found
  throw new AppError('conflict', `Call ${input.id} is ${current.status}`);
}

/** O4: the call's caller becomes (or updates) a customer card once a phone number is there. */
function linkCustomer(db: Db, clock: Clock, row: CallRow): void {
  if (row.phone_norm.length < 3) return;
  const customerId = upsertCustomer(db, clock, { phone: row.phone, name: row.caller_name, region: row.region, address: row.address });
  if (customerId !== row.customer_id) {
    db.prepare('UPDATE calls SET customer_id = ? WHERE id = ?').run(customerId, row.id);
    row.customer_id = customerId;
  }
}

export function listCallsOfDay(db: Db, clock: Clock, input: Input<'calls.listDay'>): Call[] {
  const range = localDayRange(input.day ?? localDayOf(clock.now()));
  const rows = db
    .prepare('SELECT * FROM calls WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC')
    .all(range.from, range.to) as CallRow[];
  return rows.map(toCall);
}

export function callHandlers(ctx: ServiceContext): DomainHandlers<typeof callsContract> {
  const { db, clock } = ctx;
  return {
    'calls.start': (input) => startCall(db, clock, input, requireAgent(ctx)),
    'calls.update': (input) => updateCall(db, clock, input),
    'calls.get': (input) => getCall(db, input.id),
    'calls.listDay': (input) => listCallsOfDay(db, clock, input),
  };
}
