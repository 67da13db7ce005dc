// From a ringing phone call to the console call the agent types into: the phone's ring time, the
// answer time, the caller's number (and name, region, address from the customer card) go in.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { startCall, getCall, toCall } from '../calls/store';
import type { Agent } from '../../../shared/schemas/agent';
import type { Call } from '../../../shared/schemas/call';
import type { ManagedConfig } from '../../../shared/schemas/managed-config';
import { needsApology } from '../../../shared/schemas/phone';
import type { ScriptLanguage } from '../../../shared/schemas/script';
import type { PhoneCallRow } from './store';

interface CardRow {
  name: string;
  region: string;
  address: string;
}

/**
 * Creates the console call for an answered phone call and links it. P1: the apology comes first
 * when it rang five times or more (answer time ÷ ring cadence), with no tick needed.
 */
export function openConsoleCall(
  db: Db,
  clock: Clock,
  row: PhoneCallRow,
  answeredAt: string,
  agent: Agent,
  options: { cadenceSeconds: number; config?: ManagedConfig; language?: ScriptLanguage },
): Call {
  const started = startCall(
    db,
    clock,
    { direction: 'inbound', rangAt: row.rang_at, ...(options.language ? { language: options.language } : {}) },
    agent,
    options.config,
  );
  const late = needsApology(Date.parse(answeredAt) - Date.parse(row.rang_at), options.cadenceSeconds);
  const card = db.prepare('SELECT name, region, address FROM customers WHERE phone_norm = ?').get(row.from_norm) as CardRow | undefined;
  const updated = db
    .prepare(
      `UPDATE calls SET answered_at = @answeredAt, late_answer = @late, phone = @phone, phone_norm = @phoneNorm,
         caller_name = @name, region = @region, address = @address WHERE id = @id RETURNING *`,
    )
    .all({
      id: started.id,
      answeredAt,
      late: late ? 1 : 0,
      phone: row.from_number,
      phoneNorm: row.from_norm,
      name: card?.name ?? '',
      region: card?.region ?? '',
      address: card?.address ?? '',
    })[0] as Parameters<typeof toCall>[0];
  db.prepare('UPDATE phone_calls SET console_call_id = ?, updated_at = ? WHERE id = ?').run(started.id, clock.now().toISOString(), row.id);
  return toCall(updated);
}

/** O3/P9: an outbound call to a missed caller, linked to the missed call. */
export function openCallback(db: Db, clock: Clock, row: PhoneCallRow, agent: Agent, options: { config?: ManagedConfig; language?: ScriptLanguage }): Call {
  const started = startCall(db, clock, { direction: 'outbound', ...(options.language ? { language: options.language } : {}) }, agent, options.config);
  const card = db.prepare('SELECT name, region, address FROM customers WHERE phone_norm = ?').get(row.from_norm) as CardRow | undefined;
  db.prepare('UPDATE calls SET phone = ?, phone_norm = ?, caller_name = ?, region = ?, address = ? WHERE id = ?').run(
    row.from_number,
    row.from_norm,
    card?.name ?? '',
    card?.region ?? '',
    card?.address ?? '',
    started.id,
  );
  db.prepare('UPDATE phone_calls SET callback_call_id = ?, updated_at = ? WHERE id = ?').run(started.id, clock.now().toISOString(), row.id);
  return getCall(db, started.id);
}
