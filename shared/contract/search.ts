import { method } from './define';
import { searchCountInput, searchInput, type SearchCount, type SearchHit } from '../schemas/search';

export const searchContract = {
  /** full-text search over complaints and calls, newest first (Chinese and English), a page at a time */
  'search.query': method<SearchHit[]>()(searchInput),
  /** how many records hold the words, counted up to SEARCH_COUNT_CAP */
  'search.count': method<SearchCount>()(searchCountInput),
};
