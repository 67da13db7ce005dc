// SQL for phone_calls: plain functions, connection first.
import type { Db } from '../db/open';
import type { MissedCall, PhoneCallStatus, PhoneSource, RingingCall } from '../../../shared/schemas/phone';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';

export interface PhoneCallRow {
  id: string;
  source: PhoneSource;
  call_id: string;
  from_number: string;
  from_norm: string;
  to_number: string;
  status: PhoneCallStatus;
  rang_at: string;
  answered_at: string | null;
  ended_at: string | null;
  end_cause: string;
  console_call_id: string | null;
  callback_call_id: string | null;
  created_at: string;
  updated_at: string;
}

export function findPhoneCall(db: Db, source: PhoneSource, callId: string): PhoneCallRow | undefined {
  return db.prepare('SELECT * FROM phone_calls WHERE source = ? AND call_id = ?').get(source, callId) as PhoneCallRow | undefined;
}

export function getPhoneCall(db: Db, id: string): PhoneCallRow | undefined {
  return db.prepare('SELECT * FROM phone_calls WHERE id = ?').get(id) as PhoneCallRow | undefined;
}

export function insertRinging(
  db: Db,
  row: Omit<PhoneCallRow, 'from_norm' | 'status' | 'answered_at' | 'ended_at' | 'end_cause' | 'console_call_id' | 'callback_call_id' | 'updated_at'>,
): void {
  db.prepare(
    `INSERT INTO phone_calls (id, source, call_id, from_number, from_norm, to_number, status, rang_at, created_at, updated_at)
     VALUES (@id, @source, @call_id, @from_number, @from_norm, @to_number, 'ringing', @rang_at, @created_at, @created_at)`,
  ).run({ ...row, from_norm: normalisePhone(row.from_number, phoneRegion(db)) });
}

/** The customer card's name for a number, if there is a card. */
export function callerNameOf(db: Db, fromNorm: string): string {
  if (fromNorm.length < 3) return '';
  return (db.prepare('SELECT name FROM customers WHERE phone_norm = ?').pluck().get(fromNorm) as string | undefined) ?? '';
}

export function ringingCalls(db: Db, source: PhoneSource, receivedAt: (callId: string) => number | undefined): RingingCall[] {
  const rows = db.prepare("SELECT * FROM phone_calls WHERE status = 'ringing' AND source = ? ORDER BY rang_at, created_at").all(source) as PhoneCallRow[];
  return rows.map((r) => ({
    callId: r.call_id,
    from: r.from_number,
    to: r.to_number,
    rangAt: r.rang_at,
    receivedAt: receivedAt(r.call_id) ?? Date.parse(r.created_at),
    callerName: callerNameOf(db, r.from_norm),
  }));
}

export function activeCall(db: Db, source: PhoneSource): PhoneCallRow | undefined {
  return db.prepare("SELECT * FROM phone_calls WHERE status = 'answered' AND source = ? ORDER BY answered_at DESC LIMIT 1").get(source) as
    PhoneCallRow | undefined;
}

export function missedCount(db: Db): number {
  return db.prepare("SELECT count(*) FROM phone_calls WHERE status = 'missed' AND callback_call_id IS NULL").pluck().get() as number;
}

export function listMissed(db: Db, includeDone: boolean, limit: number): MissedCall[] {
  const rows = db
    .prepare(`SELECT * FROM phone_calls WHERE status = 'missed' ${includeDone ? '' : 'AND callback_call_id IS NULL'} ORDER BY rang_at DESC LIMIT ?`)
    .all(limit) as PhoneCallRow[];
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    from: r.from_number,
    to: r.to_number,
    rangAt: r.rang_at,
    endedAt: r.ended_at ?? r.rang_at,
    cause: r.end_cause,
    callerName: callerNameOf(db, r.from_norm),
    callbackCallId: r.callback_call_id,
  }));
}
