// What happened to a call besides its notes (P8 escalations, P10 transfers, completion, discarding,
// edits after completion). Append-only: a trigger refuses updates.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Agent } from '../../../shared/schemas/agent';
import type { CallEvent, CallEventKind } from '../../../shared/schemas/call';
import { newId } from '../infra/ids';

interface EventRow {
  id: string;
  call_id: string;
  kind: CallEventKind;
  agent_name: string;
  data: string;
  created_at: string;
}

const toEvent = (r: EventRow): CallEvent => ({
  id: r.id,
  callId: r.call_id,
  kind: r.kind,
  agentName: r.agent_name,
  data: JSON.parse(r.data) as Record<string, unknown>,
  createdAt: r.created_at,
});

export function addCallEvent(db: Db, clock: Clock, callId: string, kind: CallEventKind, agent: Agent, data: Record<string, unknown> = {}): CallEvent {
  const row: EventRow = { id: newId(), call_id: callId, kind, agent_name: agent.name, data: JSON.stringify(data), created_at: clock.now().toISOString() };
  db.prepare('INSERT INTO call_events (id, call_id, kind, agent_id, agent_name, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.call_id,
    row.kind,
    agent.id,
    row.agent_name,
    row.data,
    row.created_at,
  );
  return toEvent(row);
}

export function listCallEvents(db: Db, callId: string): CallEvent[] {
  return (db.prepare('SELECT * FROM call_events WHERE call_id = ? ORDER BY created_at, id').all(callId) as EventRow[]).map(toEvent);
}
