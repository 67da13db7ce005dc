// Full-text search over complaints and calls, in Chinese and English.
//
// search_docs: one row per complaint or call, `body` = its searchable text, lower-cased (ASCII)
//   with line breaks turned into spaces. The rowid follows the record's creation time
//   (unix ms × 4096 + n), so "newest first" is simply rowid DESC in every index below.
// search_fts: FTS5 trigram index of body: any word of three or more characters.
// search_bigrams: every overlapping pair of characters (no spaces) as an integer
//   (code point × 1114112 + code point) → doc: two-character words such as 退款 or 张伟,
//   which the trigram index cannot find.
// All three are kept in step by triggers, so no code path can forget them.
const CHUNK = 256;
const SHORT = 300;

/**
 * INSERT OR IGNORE of the character pairs of \`text\` for document \`doc\`. Only pairs with at
 * least one non-ASCII character are kept (两字词 such as 退款, 张伟; ASCII two-letter terms are
 * answered by a scan, see electron/core/search.ts): English words would triple the index.
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

function deleteGrams(text: string, doc: string): string {
  // Removing by (gram, doc) needs the old text's pairs; all of them, without the filters, is simplest.
  return `
  DELETE FROM search_bigrams WHERE doc = ${doc} AND gram IN (
    WITH RECURSIVE
      k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE (n + 1) * ${CHUNK} < length(${text})),
      chunks(c) AS MATERIALIZED (SELECT substr(${text}, n * ${CHUNK} + 1, ${CHUNK + 1}) FROM k)
    SELECT unicode(substr(chunks.c, p.n, 1)) * 1114112 + unicode(substr(chunks.c, p.n + 1, 1))
    FROM chunks JOIN search_numbers p ON p.n < length(chunks.c) AND p.n <= ${CHUNK});`;
}

/** rowid for a document created at \`at\`: time-ordered, unique within one millisecond. */
const msOf = (at: string) => `CAST(round((julianday(${at}) - 2440587.5) * 86400000) AS INTEGER)`;

function docRowid(at: string): string {
  const base = `(${msOf(at)} * 4096)`;
  return `coalesce((SELECT max(rowid) + 1 FROM search_docs WHERE rowid >= ${base} AND rowid < ${base} + 4096), ${base})`;
}

const clean = (expr: string) => `lower(replace(replace(replace(${expr}, char(13), ' '), char(10), ' '), char(9), ' '))`;

const callBody = (r: string) =>
  clean(
    ['caller_name', 'phone', 'phone_norm', 'region', 'address', 'category', 'subject', 'details', 'wants', 'next_step']
      .map((c) => `${r}.${c}`)
      .join(" || ' ' || "),
  );

const complaintBody = (r: string) =>
  clean(
    [
      ...[
        'number',
        'customer_name',
        'phone',
        'phone_norm',
        'matter',
        'wants',
        'result',
        'fault_time',
        'fault_place',
        'fault_symptom',
        'fault_plan',
        'fault_cause',
        'fault_impact',
        'fault_handling',
        'fault_actions',
      ].map((c) => `${r}.${c}`),
      // notes, replies, escalations and transfer reasons are part of what the register says
      `coalesce((SELECT group_concat(coalesce(json_extract(e.data, '$.text'), json_extract(e.data, '$.why'), ''), ' ')
        FROM complaint_events e WHERE e.complaint_id = ${r}.id AND e.kind IN ('note', 'reply', 'escalation', 'transfer')), '')`,
    ].join(" || ' ' || "),
  );

/** The triggers that keep search_fts and search_bigrams in step with search_docs. */
const indexTriggers = /* sql */ `
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs
BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
END;

CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs WHEN old.body <> new.body
BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
  ${deleteGrams('old.body', 'old.rowid')}
  INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body);
  ${insertGrams('new.body', 'new.rowid')}
END;
`;

export const sql = /* sql */ `
CREATE TABLE search_docs (
  rowid   INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('complaint', 'call')),
  ref_id  TEXT NOT NULL UNIQUE,
  at      TEXT NOT NULL,
  body    TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE search_fts USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1');

-- 1 … ${SHORT}: positions inside a text, walked by the pair triggers without a recursive query
CREATE TABLE search_numbers (n INTEGER PRIMARY KEY) STRICT;
WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < ${SHORT}) INSERT INTO search_numbers SELECT n FROM p;

CREATE TABLE search_bigrams (
  gram  INTEGER NOT NULL,
  doc   INTEGER NOT NULL,
  PRIMARY KEY (gram, doc)
) STRICT, WITHOUT ROWID;

${indexTriggers}
CREATE TRIGGER calls_search_ai AFTER INSERT ON calls
BEGIN
  INSERT INTO search_docs (rowid, kind, ref_id, at, body) VALUES (${docRowid('new.created_at')}, 'call', new.id, new.created_at, ${callBody('new')});
END;

CREATE TRIGGER calls_search_au AFTER UPDATE OF caller_name, phone, phone_norm, region, address, category, subject, details, wants, next_step ON calls
BEGIN
  UPDATE search_docs SET body = ${callBody('new')} WHERE ref_id = new.id;
END;

CREATE TRIGGER calls_search_ad AFTER DELETE ON calls
BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id;
END;

CREATE TRIGGER complaints_search_ai AFTER INSERT ON complaints
BEGIN
  INSERT INTO search_docs (rowid, kind, ref_id, at, body) VALUES (${docRowid('new.created_at')}, 'complaint', new.id, new.created_at, ${complaintBody('new')});
END;

CREATE TRIGGER complaints_search_au AFTER UPDATE ON complaints
BEGIN
  UPDATE search_docs SET body = ${complaintBody('new')} WHERE ref_id = new.id;
END;

CREATE TRIGGER complaints_search_ad AFTER DELETE ON complaints
BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id;
END;

-- Calls that existed before this version become searchable too.
-- (One statement cannot see its own rows, so the millisecond's sequence comes from row_number().)
INSERT INTO search_docs (rowid, kind, ref_id, at, body)
  SELECT ${msOf('c.created_at')} * 4096 + row_number() OVER (PARTITION BY ${msOf('c.created_at')} ORDER BY c.id) - 1,
    'call', c.id, c.created_at, ${callBody('c')} FROM calls c ORDER BY c.created_at;
`;
