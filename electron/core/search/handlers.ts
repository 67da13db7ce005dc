import type { DomainHandlers,ServiceContext } from '../context';
import type { searchContract } from '../../../shared/contract/search';

import { search } from './store';

export function searchHandlers(ctx: ServiceContext): DomainHandlers<typeof searchContract> {
  return { 'search.query': (input) => search(ctx.db, input) };
}
