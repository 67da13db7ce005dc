import type { DomainHandlers, ServiceContext } from '../context';
import type { dispositionsContract } from '../../../shared/contract/dispositions';
import { requireLead } from '../lead/access';
import { listDispositions, saveDispositions } from './store';

export function dispositionsHandlers(ctx: ServiceContext): DomainHandlers<typeof dispositionsContract> {
  const { db, clock } = ctx;
  return {
    'dispositions.list': (input) => listDispositions(db, input.includeRetired),
    'dispositions.save': (input) => {
      requireLead(ctx);
      return saveDispositions(db, clock, input);
    },
  };
}
