import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { ServiceContext } from '../context';
import type { Input } from '../../../shared/contract';
import type { Agent } from '../../../shared/schemas/agent';
import { AppError } from '../../../shared/errors';
import { newId } from '../infra/ids';

interface AgentRow {
  id: string;
  name: string;
  role: Agent['role'];
  active: number;
  created_at: string;
}

const toAgent = (r: AgentRow): Agent => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1, createdAt: r.created_at });

export function listAgents(db: Db): Agent[] {
  return (db.prepare('SELECT * FROM agents WHERE active = 1 ORDER BY name').all() as AgentRow[]).map(toAgent);
}

export function getAgent(db: Db, id: string): Agent {
  const row = db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
  if (!row) throw new AppError('not_found', `No agent with id ${id}`);
  return toAgent(row);
}

export function addAgent(db: Db, clock: Clock, input: Input<'agents.add'>): Agent {
  const existing = db.prepare('SELECT id FROM agents WHERE name = ?').pluck().get(input.name) as string | undefined;
  if (existing)
    throw new AppError('conflict', `An agent named ${input.name} exists already`, { fields: [{ path: 'name', code: 'taken', message: 'name taken' }] });
  const id = newId();
  db.prepare('INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, input.name, input.role, clock.now().toISOString());
  return getAgent(db, id);
}

/** The signed-in agent, for handlers that must name who acted (O1, C5). */
export function requireAgent(ctx: ServiceContext): Agent {
  if (!ctx.session.agent) throw new AppError('rule', 'Sign in first: the console records who did what', { rule: 'signin' });
  return ctx.session.agent;
}
