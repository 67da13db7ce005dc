import type { DomainHandlers, ServiceContext } from '../context';
import type { searchContract } from '../../../shared/contract/search';

import { deferredCount, search } from './store';
import { bulkRead } from '../privacy/access';

export function searchHandlers(ctx: ServiceContext): DomainHandlers<typeof searchContract> {
  return {
    'search.query': (input) => {
      bulkRead(ctx, 'search.query', { offset: 0, limit: input.limit, q: input.q });
      return search(ctx.db, input);
    },
    // counts only, no personal data
    'search.status': () => ({ waiting: deferredCount(ctx.db) }),
  };
}
