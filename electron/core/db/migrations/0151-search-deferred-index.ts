// A workstation joining a team pulls the whole team's history (a million calls and more). Indexing
// each pulled call as it is written (trigram FTS + character pairs, by trigger) dominated the
// catch-up. While search_state.deferring is 1 (set by the apply of a large pull, inside its own
// transaction) a new document is only listed in search_deferred; the list is indexed afterwards in
// chunks, in bulk (search/store.ts indexDeferred), and search says how many are still waiting.
// A listed document's edits wait for that chunk (it reads the body then); deleting it unlists it.
const CHUNK = 256;
const SHORT = 300;

/**
 * INSERT OR IGNORE of the character pairs of \`text\` for document \`doc\`. Only pairs with at
 * least one non-ASCII character are kept (两字词 such as 退款, 张伟; ASCII two-letter terms are
 * answered by a scan): English words would triple the index.
 */
export function insertGrams(text: string, doc: string): string {
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

export function deleteGrams(text: string, doc: string, when = '1'): string {
  // Removing by (gram, doc) needs the old text's pairs; all of them, without the filters, is simplest.
  return `
  DELETE FROM search_bigrams WHERE doc = ${doc} AND ${when} AND gram IN (
    WITH RECURSIVE
      k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE (n + 1) * ${CHUNK} < length(${text})),
      chunks(c) AS MATERIALIZED (SELECT substr(${text}, n * ${CHUNK} + 1, ${CHUNK + 1}) FROM k)
    SELECT unicode(substr(chunks.c, p.n, 1)) * 1114112 + unicode(substr(chunks.c, p.n + 1, 1))
    FROM chunks JOIN search_numbers p ON p.n < length(chunks.c) AND p.n <= ${CHUNK});`;
}

export const waiting = (doc: string) => `EXISTS (SELECT 1 FROM search_deferred WHERE doc = ${doc})`;

export const sql = /* sql */ `
CREATE TABLE search_state (
  only       INTEGER PRIMARY KEY CHECK (only = 1),
  deferring  INTEGER NOT NULL DEFAULT 0 CHECK (deferring IN (0, 1))
) STRICT;
INSERT INTO search_state (only) VALUES (1);

CREATE TABLE search_deferred (doc INTEGER PRIMARY KEY) STRICT;

DROP TRIGGER search_docs_ai;
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs WHEN (SELECT deferring FROM search_state) = 0
BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

CREATE TRIGGER search_docs_ai_deferred AFTER INSERT ON search_docs WHEN (SELECT deferring FROM search_state) = 1
BEGIN
  INSERT INTO search_deferred (doc) VALUES (new.rowid);
END;

DROP TRIGGER search_docs_ad;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid AND NOT ${waiting('old.rowid')};
  ${deleteGrams('old.body', 'old.rowid', `NOT ${waiting('old.rowid')}`)}
  DELETE FROM search_deferred WHERE doc = old.rowid;
END;

DROP TRIGGER search_docs_au;
CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs WHEN old.body <> new.body AND NOT ${waiting('old.rowid')}
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;
`;
