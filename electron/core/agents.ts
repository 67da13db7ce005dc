import type { Db } from './db/open';
import type { Clock } from './clock';
import type { DomainHandlers, ServiceContext } from './service';
import type { agentsContract } from '../../shared/contract/agents';
import type { Input } from '../../shared/contract';
import type { Agent, LeadState } from '../../shared/schemas/agent';
import { checkPin, hashPin, LEAD_UNLOCK_MS, savePinHash, storedPinHash } from './lead-pin';
import { AppError } from '../../shared/errors';
import { newId } from './ids';

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
  if (existing) throw new AppError('conflict', `An agent named ${input.name} exists already`, { fields: [{ path: 'name', code: 'taken', message: 'name taken' }] });
  const id = newId();
  db.prepare('INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, input.name, input.role, clock.now().toISOString());
  return getAgent(db, id);
}

/** Team-lead actions call this first; each use extends the unlock (it expires when unused). */
export function requireLead(ctx: ServiceContext): void {
  const now = ctx.clock.now().getTime();
  if (ctx.session.leadUntil <= now) throw new AppError('rule', 'This needs the team-lead PIN', { rule: 'lead' });
  ctx.session.leadUntil = now + LEAD_UNLOCK_MS;
}

/** A PIN hash deployed by IT in the managed configuration wins over one set in the app. */
function managedPinHash(ctx: ServiceContext): string | undefined {
  return ctx.runtime?.managed.config.leadPinHash ?? undefined;
}

function effectivePinHash(ctx: ServiceContext): string | undefined {
  return managedPinHash(ctx) ?? storedPinHash(ctx.db);
}

function leadState(ctx: ServiceContext): LeadState {
  const unlocked = ctx.session.leadUntil > ctx.clock.now().getTime();
  return {
    pinSet: effectivePinHash(ctx) !== undefined,
    pinManaged: managedPinHash(ctx) !== undefined,
    unlocked,
    until: unlocked ? new Date(ctx.session.leadUntil).toISOString() : null,
  };
}

/** The signed-in agent, for handlers that must name who acted (O1, C5). */
export function requireAgent(ctx: ServiceContext): Agent {
  if (!ctx.session.agent) throw new AppError('rule', 'Sign in first: the console records who did what', { rule: 'signin' });
  return ctx.session.agent;
}

export function agentHandlers(ctx: ServiceContext): DomainHandlers<typeof agentsContract> {
  const { db, clock, session } = ctx;
  return {
    'agents.list': () => listAgents(db),
    'agents.add': (input) => addAgent(db, clock, input),
    'session.signIn': (input) => {
      const agent = getAgent(db, input.agentId);
      if (!agent.active) throw new AppError('rule', `${agent.name} is no longer active`, { rule: 'signin' });
      session.agent = agent;
      return agent;
    },
    'session.signOut': () => {
      session.agent = null;
      session.leadUntil = 0;
      return null;
    },
    'session.current': () => session.agent,
    'lead.state': () => leadState(ctx),
    'lead.unlock': (input) => {
      checkPin(db, clock, session.leadLock, input.pin, effectivePinHash(ctx));
      session.leadUntil = clock.now().getTime() + LEAD_UNLOCK_MS;
      return leadState(ctx);
    },
    'lead.lock': () => {
      session.leadUntil = 0;
      return leadState(ctx);
    },
    'lead.setPin': (input) => {
      if (managedPinHash(ctx) !== undefined) {
        throw new AppError('rule', 'The team-lead PIN is set by IT for this workstation', { rule: 'lead_pin_managed' });
      }
      if (storedPinHash(db) !== undefined) requireLead(ctx);
      savePinHash(db, hashPin(input.pin));
      session.leadUntil = clock.now().getTime() + LEAD_UNLOCK_MS;
      return leadState(ctx);
    },
  };
}
