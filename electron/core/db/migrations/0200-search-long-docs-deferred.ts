// C5: a complaint action answers within a keystroke's patience. Indexing a long text as it is
// written (a 5,000-character note: trigram FTS plus thousands of character pairs, each on its own
// page of the pair index) took most of the action's time. A document longer than 1,000 characters
// is now only listed in search_deferred, like a catch-up's documents (0151): the search indexer
// thread indexes the list in bulk, and a search indexes the few still listed before it reads
// (search/store.ts), so nothing written is ever missing from a search. Shorter texts (nearly every
// call and note) are still indexed as they are written. The helpers are 0151's frozen ones.
import { deleteGrams, insertGrams, waiting } from './0151-search-deferred-index';

const LONG = 1000;

export const sql = /* sql */ `
DROP TRIGGER search_docs_ai;
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs
  WHEN (SELECT deferring FROM search_state) = 0 AND length(new.body) <= ${LONG}
BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

DROP TRIGGER search_docs_ai_deferred;
CREATE TRIGGER search_docs_ai_deferred AFTER INSERT ON search_docs
  WHEN (SELECT deferring FROM search_state) = 1 OR length(new.body) > ${LONG}
BEGIN
  INSERT INTO search_deferred (doc) VALUES (new.rowid);
END;

DROP TRIGGER search_docs_au;
CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs
  WHEN old.body <> new.body AND NOT ${waiting('old.rowid')} AND length(new.body) <= ${LONG}
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

CREATE TRIGGER search_docs_au_long AFTER UPDATE OF body ON search_docs
  WHEN old.body <> new.body AND NOT ${waiting('old.rowid')} AND length(new.body) > ${LONG}
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_deferred (doc) VALUES (new.rowid);
END;
`;
