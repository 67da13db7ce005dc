import { requireAgent } from '../agents/store';
import { leadState } from '../lead/access';
import type { callsContract } from '../../../shared/contract/calls';
import type { DomainHandlers, ServiceContext } from '../context';
import { addCallEvent } from './call-events';
import { callerHistory } from './history';

import {
  amendCall,
  checkItem,
  completeCall,
  discardCall,
  endCall,
  getCall,
  listCallsOfDay,
  listUnfinished,
  markLate,
  openCall,
  requireCall,
  startCall,
  updateCall,
} from './store';

export function callsHandlers(ctx: ServiceContext): DomainHandlers<typeof callsContract> {
  const { db, clock } = ctx;
  return {
    'calls.start': (input) => startCall(db, clock, input, requireAgent(ctx), ctx.runtime?.managed.config),
    'calls.update': (input) => updateCall(db, clock, input),
    'calls.get': (input) => getCall(db, input.id),
    'calls.listDay': (input) => listCallsOfDay(db, clock, input),
    'calls.open': (input) => openCall(db, clock, input.id, ctx.runtime?.managed.config),
    'calls.listUnfinished': (input) => {
      const agent = requireAgent(ctx);
      return listUnfinished(db, input, agent, agent.role === 'lead' || leadState(ctx).unlocked);
    },
    'calls.markLate': (input) => markLate(db, clock, input),
    'calls.check': (input) => checkItem(db, clock, input),
    'calls.end': (input) => endCall(db, clock, input),
    'calls.complete': (input) => completeCall(db, clock, input, requireAgent(ctx)),
    'calls.discard': (input) => discardCall(db, clock, input, requireAgent(ctx)),
    // P8: recorded on the call with the reason, for the supervisor's instructions
    'calls.escalate': (input) => {
      const agent = requireAgent(ctx);
      requireCall(db, input.id);
      return addCallEvent(db, clock, input.id, 'escalated', agent, { reason: input.reason });
    },
    // P10: to whom, and the gist the colleague was told
    'calls.transfer': (input) => {
      const agent = requireAgent(ctx);
      requireCall(db, input.id);
      return addCallEvent(db, clock, input.id, 'transferred', agent, { to: input.to, gist: input.gist });
    },
    'calls.amend': (input) => amendCall(db, clock, input, requireAgent(ctx)),
    'calls.history': (input) => callerHistory(db, clock, input),
  };
}
