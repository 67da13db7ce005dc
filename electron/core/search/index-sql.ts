import { columnsWith } from '../db/records';

// The search index's SQL as the running app uses it (rebuilds and lazy call re-indexing). Migrations
// 0031 and 0151 keep their own frozen copies: a shipped migration never changes, the runtime may.
const CHUNK = 256;
const SHORT = 300;
/**
 * C5: a longer document is indexed by the search indexer thread (indexer.ts), not by the action
 * that wrote it; a search indexes the few still waiting first (store.ts), so none is ever missed.
 */
export const LONG_DOC = 1000;

/**
 * INSERT OR IGNORE of the character pairs of \`text\` for document \`doc\`. Only pairs with at
 * least one non-ASCII character are kept (两字词 such as 退款, 张伟; ASCII two-letter terms are
 * answered by a scan, see search/store.ts): English words would triple the index.
 */
function insertGrams(text: string, doc: string): string {
  return `
  INSERT OR IGNORE INTO search_bigrams (gram, doc)
    SELECT a1 * 1114112 + a2, ${doc} FROM (
      SELECT unicode(substr(${text}, p.n, 1)) AS a1, unicode(substr(${text}, p.n + 1, 1)) AS a2
      FROM search_numbers p WHERE p.n < length(${text}) AND length(${text}) <= ${SHORT})
    WHERE (a1 > 127 OR a2 > 127) AND a1 <> 32 AND a2 <> 32;
  -- substr() walks UTF-8 from the start, so a long text is cut into chunks of ${CHUNK} characters
  -- (overlapping by one) and pairs are taken inside each chunk: linear instead of quadratic.
  INSERT OR IGNORE INTO search_bigrams (gram, doc)
    WITH RECURSIVE
      k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE (n + 1) * ${CHUNK} < length(${text})),
      chunks(c) AS MATERIALIZED (SELECT substr(${text}, n * ${CHUNK} + 1, ${CHUNK + 1}) FROM k WHERE length(${text}) > ${SHORT})
    SELECT b1 * 1114112 + b2, ${doc} FROM (
      SELECT unicode(substr(chunks.c, p.n, 1)) AS b1, unicode(substr(chunks.c, p.n + 1, 1)) AS b2
      FROM chunks JOIN search_numbers p ON p.n < length(chunks.c) AND p.n <= ${CHUNK})
    WHERE (b1 > 127 OR b2 > 127) AND b1 <> 32 AND b2 <> 32;`;
}

function deleteGrams(text: string, doc: string, when = '1'): string {
  // Removing by (gram, doc) needs the old text's pairs; all of them, without the filters, is simplest.
  return `
  DELETE FROM search_bigrams WHERE doc = ${doc} AND ${when} AND gram IN (
    WITH RECURSIVE
      k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE (n + 1) * ${CHUNK} < length(${text})),
      chunks(c) AS MATERIALIZED (SELECT substr(${text}, n * ${CHUNK} + 1, ${CHUNK + 1}) FROM k)
    SELECT unicode(substr(chunks.c, p.n, 1)) * 1114112 + unicode(substr(chunks.c, p.n + 1, 1))
    FROM chunks JOIN search_numbers p ON p.n < length(chunks.c) AND p.n <= ${CHUNK});`;
}

const clean = (expr: string) => `lower(replace(replace(replace(${expr}, char(13), ' '), char(10), ' '), char(9), ' '))`;

/** A call's searchable text: its columns declared `search` in db/records.ts, in declaration order. */
export const callBody = (r: string) =>
  clean(
    columnsWith('calls', 'search')
      .map((c) => `${r}.${c}`)
      .join(" || ' ' || "),
  );

/** a document written while indexing was deferred (catch-up) and not indexed yet */
const waiting = (doc: string) => `EXISTS (SELECT 1 FROM search_deferred WHERE doc = ${doc})`;

/**
 * The triggers that keep search_fts and search_bigrams in step with search_docs. A new document is
 * only listed in search_deferred while search_state.deferring is 1 (a workstation applying a large
 * pull, sync/local.ts) or when it is longer than LONG_DOC; indexDeferred (search/store.ts) and the
 * indexer thread index those in bulk. A listed document's later edits wait for that (it reads the
 * body then); its delete unlists it.
 */
export const indexTriggers = /* sql */ `
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs
  WHEN (SELECT deferring FROM search_state) = 0 AND length(new.body) <= ${LONG_DOC}
BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

CREATE TRIGGER search_docs_ai_deferred AFTER INSERT ON search_docs
  WHEN (SELECT deferring FROM search_state) = 1 OR length(new.body) > ${LONG_DOC}
BEGIN
  INSERT INTO search_deferred (doc) VALUES (new.rowid);
END;

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid AND NOT ${waiting('old.rowid')};
  ${deleteGrams('old.body', 'old.rowid', `NOT ${waiting('old.rowid')}`)}
  DELETE FROM search_deferred WHERE doc = old.rowid;
END;

CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs
  WHEN old.body <> new.body AND NOT ${waiting('old.rowid')} AND length(new.body) <= ${LONG_DOC}
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

CREATE TRIGGER search_docs_au_long AFTER UPDATE OF body ON search_docs
  WHEN old.body <> new.body AND NOT ${waiting('old.rowid')} AND length(new.body) > ${LONG_DOC}
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_deferred (doc) VALUES (new.rowid);
END;
`;

/**
 * Indexes the documents \`docs\` selects (a FROM item with columns rowid and body) at once, pairs
 * in sorted order: bulk loads, repairs, and the chunks of deferred documents.
 */
export const bulkIndexOf = (docs: string) => /* sql */ `
INSERT INTO search_fts (rowid, body) SELECT rowid, body FROM ${docs};
INSERT OR IGNORE INTO search_bigrams (gram, doc)
  SELECT a1 * 1114112 + a2, doc FROM (
    SELECT d.rowid AS doc, unicode(substr(d.body, p.n, 1)) AS a1, unicode(substr(d.body, p.n + 1, 1)) AS a2
    FROM ${docs} d JOIN search_numbers p ON p.n < length(d.body) WHERE length(d.body) <= ${SHORT})
  WHERE (a1 > 127 OR a2 > 127) AND a1 <> 32 AND a2 <> 32
  ORDER BY 1, 2;
INSERT OR IGNORE INTO search_bigrams (gram, doc)
  WITH RECURSIVE
    k(doc, n, body) AS (
      SELECT rowid, 0, body FROM ${docs} WHERE length(body) > ${SHORT}
      UNION ALL SELECT doc, n + 1, body FROM k WHERE (n + 1) * ${CHUNK} < length(body)),
    -- each chunk cut once: unmaterialised, substr() would walk the whole text again for every pair
    chunks(doc, c) AS MATERIALIZED (SELECT doc, substr(body, n * ${CHUNK} + 1, ${CHUNK + 1}) FROM k)
  SELECT a1 * 1114112 + a2, doc FROM (
    SELECT chunks.doc, unicode(substr(chunks.c, p.n, 1)) AS a1, unicode(substr(chunks.c, p.n + 1, 1)) AS a2
    FROM chunks JOIN search_numbers p ON p.n < length(chunks.c) AND p.n <= ${CHUNK})
  WHERE (a1 > 127 OR a2 > 127) AND a1 <> 32 AND a2 <> 32
  ORDER BY 1, 2;
`;

/** Index every row of search_docs at once. */
export const bulkIndex = bulkIndexOf('search_docs');
