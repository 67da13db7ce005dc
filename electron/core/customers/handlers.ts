import type { DomainHandlers, ServiceContext } from '../context';
import type { customersContract } from '../../../shared/contract/customers';
import { lookupPeople } from './lookup';

export function customersHandlers(ctx: ServiceContext): DomainHandlers<typeof customersContract> {
  return { 'customers.lookup': (input) => lookupPeople(ctx.db, input) };
}
