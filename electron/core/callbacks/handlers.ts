import { requireAgent } from '../agents/store';
import type { callbacksContract } from '../../../shared/contract/callbacks';
import type { DomainHandlers, ServiceContext } from '../context';

import { callbackQueue, cancelCallback, completeCallback, linkCallback, planCallbacks, scheduleCallback } from './store';

export function callbacksHandlers(ctx: ServiceContext): DomainHandlers<typeof callbacksContract> {
  const { db, clock } = ctx;
  return {
    'callbacks.schedule': (input) => scheduleCallback(db, clock, requireAgent(ctx), input),
    'callbacks.plan': (input) => planCallbacks(db, clock, requireAgent(ctx), input),
    'callbacks.queue': (input) => callbackQueue(db, clock, input),
    'callbacks.link': (input) => linkCallback(db, clock, input),
    'callbacks.complete': (input) => completeCallback(db, clock, requireAgent(ctx), input),
    'callbacks.cancel': (input) => cancelCallback(db, clock, requireAgent(ctx), input),
  };
}
