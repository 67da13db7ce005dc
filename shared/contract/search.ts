import { method } from './define';
import { searchInput, type SearchHit } from '../schemas/search';

export const searchContract = {
  /** full-text search over complaints and calls, newest first (Chinese and English) */
  'search.query': method<SearchHit[]>()(searchInput),
};
