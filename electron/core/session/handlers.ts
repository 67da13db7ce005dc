import type { DomainHandlers, ServiceContext } from '../context';
import type { sessionContract } from '../../../shared/contract/session';
import { AppError } from '../../../shared/errors';
import { getAgent } from '../agents/store';

export function sessionHandlers(ctx: ServiceContext): DomainHandlers<typeof sessionContract> {
  const { db, session } = ctx;
  return {
    'session.signIn': (input) => {
      const agent = getAgent(db, input.agentId);
      if (!agent.active) throw new AppError('rule', `${agent.name} is no longer active`, { rule: 'signin' });
      // Lead mode belongs to the person who typed the PIN: a change of agent always locks it.
      session.agent = agent;
      session.leadUntil = 0;
      session.leadAgent = null;
      return agent;
    },
    'session.signOut': () => {
      session.agent = null;
      session.leadUntil = 0;
      session.leadAgent = null;
      return null;
    },
    'session.current': () => session.agent,
  };
}
