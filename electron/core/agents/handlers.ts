import type { DomainHandlers, ServiceContext } from '../context';
import type { agentsContract } from '../../../shared/contract/agents';
import { effectivePinHash, requireLead } from '../lead/access';
import { addAgent, listAgents } from './store';

export function agentsHandlers(ctx: ServiceContext): DomainHandlers<typeof agentsContract> {
  const { db, clock } = ctx;
  return {
    'agents.list': () => listAgents(db),
    'agents.add': (input) => {
      // Anyone may add themselves as an agent at sign-in; making someone a team lead is a team-lead
      // action once the workstation has a PIN, set in the app or deployed by IT (before that there
      // is nobody to ask).
      if (input.role === 'lead' && effectivePinHash(ctx) !== undefined) requireLead(ctx);
      return addAgent(db, clock, input);
    },
  };
}
