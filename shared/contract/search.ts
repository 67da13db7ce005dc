import { method } from './define';
import { searchCountInput, searchInput, type SearchCount, type SearchHit } from '../schemas/search';
import { empty } from '../schemas/common';

/** The index's state: records written while catching up with the team wait to be indexed (search does not find them yet). */
export interface SearchStatus {
  /** records not searchable yet ("indexing N remaining"); 0 normally */
  waiting: number;
}

export const searchContract = {
  /** full-text search over complaints and calls, newest first (Chinese and English), a page at a time */
  'search.query': method<SearchHit[]>()(searchInput),
  /** how many records hold the words, counted up to SEARCH_COUNT_CAP */
  'search.count': method<SearchCount>()(searchCountInput),
  'search.status': method<SearchStatus>()(empty),
};
