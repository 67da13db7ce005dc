// Who may act as team lead right now: the PIN (IT's managed hash wins over one set in the app) and
// the unlock window that each lead action renews.
import type { ServiceContext } from '../context';
import type { Agent, LeadState } from '../../../shared/schemas/agent';
import { AppError } from '../../../shared/errors';
import { LEAD_UNLOCK_MS, storedPinHash } from './lead-pin';

/**
 * Team-lead actions call this first; each use extends the unlock (it expires when unused). Returns
 * the agent who typed the PIN, under whose name the action is recorded.
 */
export function requireLead(ctx: ServiceContext): Agent | null {
  const now = ctx.clock.now().getTime();
  if (ctx.session.leadUntil <= now) throw new AppError('rule', 'This needs the team-lead PIN', { rule: 'lead' });
  ctx.session.leadUntil = now + LEAD_UNLOCK_MS;
  return ctx.session.leadAgent;
}

/** A PIN hash deployed by IT in the managed configuration wins over one set in the app. */
export function managedPinHash(ctx: ServiceContext): string | undefined {
  return ctx.runtime?.managed.config.leadPinHash ?? undefined;
}

export function effectivePinHash(ctx: ServiceContext): string | undefined {
  return managedPinHash(ctx) ?? storedPinHash(ctx.db);
}

export function leadState(ctx: ServiceContext): LeadState {
  const unlocked = ctx.session.leadUntil > ctx.clock.now().getTime();
  return {
    pinSet: effectivePinHash(ctx) !== undefined,
    pinManaged: managedPinHash(ctx) !== undefined,
    unlocked,
    until: unlocked ? new Date(ctx.session.leadUntil).toISOString() : null,
  };
}
