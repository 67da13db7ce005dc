import type { DomainHandlers, ServiceContext } from '../context';
import type { searchContract } from '../../../shared/contract/search';

import { countMatches, searchPage } from './results';
import { deferredCount } from './store';
import { bulkRead } from '../privacy/access';

export function searchHandlers(ctx: ServiceContext): DomainHandlers<typeof searchContract> {
  return {
    'search.query': (input) => {
      bulkRead(ctx, 'search.query', { offset: input.offset, limit: input.limit, q: input.q });
      return searchPage(ctx.db, input);
    },
    'search.count': (input) => countMatches(ctx.db, input.q, input.kind),
    // counts only, no personal data
    'search.status': () => ({ waiting: deferredCount(ctx.db) }),
  };
}
