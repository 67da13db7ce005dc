import type { DomainHandlers, ServiceContext } from '../context';
import type { customersContract } from '../../../shared/contract/customers';
import { requireLead } from '../lead/access';
import { phoneRegion } from '../settings/phone-region';
import { lookupPeople } from './lookup';
import { listMerges, unmergeCard } from './merges';

export function customersHandlers(ctx: ServiceContext): DomainHandlers<typeof customersContract> {
  return {
    'customers.lookup': (input) => lookupPeople(ctx.db, input),
    'customers.merges': (input) => {
      requireLead(ctx);
      return listMerges(ctx.db, input.limit);
    },
    'customers.unmerge': (input) => {
      const lead = requireLead(ctx);
      return unmergeCard(ctx.db, ctx.clock.now().toISOString(), input.mergeId, lead, phoneRegion(ctx.db));
    },
  };
}
