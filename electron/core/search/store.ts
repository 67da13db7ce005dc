// Full-text search over complaints and calls (the index is built by triggers, migration 0031).
// A query is split on white space; every word must occur as a substring (ASCII case ignored).
//   - any word of ≥ 3 characters: FTS5 trigram MATCH, newest first by rowid;
//   - otherwise a two-character word with a non-ASCII character (退款, 张伟): the bigram index;
//   - otherwise (one character, or two ASCII letters): a scan of the texts, newest first, that
//     stops at the first page.
// The remaining words are checked with instr() on the same row, so the result is exactly what a
// plain substring scan returns (test/unit/core/search.test.ts checks 1,000 random queries).
import type { Db } from '../db/open';
import { cached } from '../db/statements';
import { bulkIndex, bulkIndexOf, callBody, indexTriggers } from './index-sql';

/** SQLite's lower() folds ASCII only; the query is folded the same way. */
export const foldAscii = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

export function queryTerms(q: string): string[] {
  const terms = foldAscii(q)
    .split(/[\s\u3000]+/)
    .filter((t) => t !== '');
  return [...new Set(terms)];
}

const length = (t: string) => Array.from(t).length;
const isAscii = (t: string) => /^\p{ASCII}*$/u.test(t);

export function gramOf(term: string): number {
  const [a, b] = Array.from(term);
  return a!.codePointAt(0)! * 1114112 + b!.codePointAt(0)!;
}

export interface MatchPlan {
  /** FROM … (must expose \`d\` = search_docs) */
  from: string;
  where: string[];
  params: unknown[];
  /** the column the newest-first order walks without sorting */
  order: string;
}

/** The record a document finds: the call or complaint itself, or the complaint of a timeline entry. */
export const recordOf = 'coalesce(d.record_id, d.ref_id)';

/**
 * \`?\` occurs in the record of document d: in d itself or, for a complaint, in another of its
 * documents (its own fields, or any timeline entry: migration 0150). Three parameters, the term.
 */
const inRecord = `(instr(d.body, ?) > 0 OR (d.kind = 'complaint' AND (
  EXISTS (SELECT 1 FROM search_docs o WHERE o.ref_id = ${recordOf} AND instr(o.body, ?) > 0)
  OR EXISTS (SELECT 1 FROM search_docs o WHERE o.record_id = ${recordOf} AND instr(o.body, ?) > 0))))`;

function rest(terms: string[], driver: string): { where: string[]; params: string[] } {
  const others = terms.filter((t) => t !== driver);
  return { where: others.map(() => inRecord), params: others.flatMap((t) => [t, t, t]) };
}

/**
 * How to find the documents whose record contains every term; null when there is nothing to
 * search. One term drives (an index walk newest first, that document contains it); the others may
 * sit in any document of the same record. A record with several matching documents comes once per
 * document: callers keep the first (distinctRecords).
 */
export function matchPlan(q: string): MatchPlan | null {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => length(t) >= 3);
  if (long.length > 0) {
    // the longest word drives: usually the rarest, so the fewest documents to check
    const driver = long.reduce((a, b) => (length(b) > length(a) ? b : a));
    const others = rest(terms, driver);
    return {
      from: 'search_fts f CROSS JOIN search_docs d ON d.rowid = f.rowid',
      where: ['search_fts MATCH ?', ...others.where],
      params: [`"${driver.replaceAll('"', '""')}"`, ...others.params],
      order: 'f.rowid',
    };
  }
  const indexed = terms.find((t) => length(t) === 2 && !isAscii(t));
  if (indexed) {
    const others = rest(terms, indexed);
    return {
      from: 'search_bigrams b CROSS JOIN search_docs d ON d.rowid = b.doc',
      // the pair is in the body; instr() confirms the exact word (the pair index stores code points)
      where: ['b.gram = ?', 'instr(d.body, ?) > 0', ...others.where],
      params: [gramOf(indexed), indexed, ...others.params],
      order: 'b.doc',
    };
  }
  const others = rest(terms, terms[0]!);
  return { from: 'search_docs d', where: ['instr(d.body, ?) > 0', ...others.where], params: [terms[0]!, ...others.params], order: 'd.rowid' };
}

/**
 * Rows newest first, each record once (its newest matching document; a record's documents share
 * its creation block, so this is the record's own place), after skipping \`offset\` records.
 */
export function distinctRecords<T extends { refId: string }>(rows: Iterable<T>, offset: number, limit: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  if (limit <= 0) return out;
  for (const row of rows) {
    if (seen.has(row.refId)) continue;
    seen.add(row.refId);
    if (seen.size <= offset) continue;
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

/** Re-indexes the calls whose text changed since the last search (see migration 0033). */
export function flushPendingCalls(db: Db): void {
  if (cached(db, 'SELECT 1 FROM search_pending LIMIT 1').get() === undefined) return;
  db.transaction(() => {
    cached(
      db,
      `UPDATE search_docs SET body = ${callBody('c')} FROM calls c
       WHERE search_docs.ref_id = c.id AND c.id IN (SELECT ref_id FROM search_pending)`,
    ).run();
    cached(db, 'DELETE FROM search_pending').run();
  })();
}

/**
 * More documents than this waiting means a catch-up, which the indexer thread works through and
 * search.status reports; this many or fewer (long texts just written) a search indexes itself.
 */
const INDEX_BEFORE_SEARCH = 50;

/**
 * Makes everything written so far searchable: the calls edited since the last search, and the long
 * documents the indexer thread has not reached yet (index-sql.ts LONG_DOC), so a note saved a
 * moment ago is found.
 */
export function indexBeforeSearch(db: Db): void {
  flushPendingCalls(db);
  const waiting = cached(db, `SELECT count(*) FROM (SELECT 1 FROM search_deferred LIMIT ${INDEX_BEFORE_SEARCH + 1})`)
    .pluck()
    .get() as number;
  if (waiting > 0 && waiting <= INDEX_BEFORE_SEARCH) indexDeferred(db, INDEX_BEFORE_SEARCH);
}

/** The matching documents' ids, newest first. */
export function searchRefs(
  db: Db,
  q: string,
  { kind = 'all', limit = 50, offset = 0 }: { kind?: 'all' | 'complaint' | 'call'; limit?: number; offset?: number } = {},
): { kind: 'complaint' | 'call'; refId: string; at: string }[] {
  const plan = matchPlan(q);
  if (!plan) return [];
  indexBeforeSearch(db);
  const where = [...plan.where];
  const params = [...plan.params];
  if (kind !== 'all') {
    where.push('d.kind = ?');
    params.push(kind);
  }
  const rows = cached(db, `SELECT d.kind, ${recordOf} AS refId, d.at FROM ${plan.from} WHERE ${where.join(' AND ')} ORDER BY ${plan.order} DESC`).iterate(
    ...params,
  ) as IterableIterator<{ kind: 'complaint' | 'call'; refId: string; at: string }>;
  return distinctRecords(rows, offset, limit);
}

/** For lists that filter further (complaints.list): join on \`recordOf\`, keep each record once (distinctRecords). */
export const joinPlan = matchPlan;

const dropIndexTriggers =
  'DROP TRIGGER IF EXISTS search_docs_ai; DROP TRIGGER IF EXISTS search_docs_ai_deferred; DROP TRIGGER IF EXISTS search_docs_ad; DROP TRIGGER IF EXISTS search_docs_au; DROP TRIGGER IF EXISTS search_docs_au_long;';

/**
 * Rebuilds search_fts and search_bigrams from search_docs in one transaction, with the same
 * expressions as the triggers (pairs inserted in sorted order, much faster than row by row).
 * For bulk loads, and for repairs after the privacy-erasure path rewrites texts.
 */
export function rebuildSearchIndex(db: Db): void {
  flushPendingCalls(db);
  db.transaction(() => {
    db.exec(dropIndexTriggers);
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_bigrams; DELETE FROM search_deferred;");
    db.exec(bulkIndex);
    // one segment instead of the many a bulk insert leaves: fewer b-trees to read per query
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    db.exec(indexTriggers);
  })();
}

/** Runs `load` (which may commit many transactions) with the per-row index triggers off, then indexes everything at once. */
export function bulkLoad(db: Db, load: () => void): void {
  db.exec(dropIndexTriggers);
  try {
    load();
  } finally {
    rebuildSearchIndex(db);
  }
}

/** Documents written while indexing was deferred (a workstation catching up with its team) and not searchable yet. */
export function deferredCount(db: Db): number {
  return cached(db, 'SELECT count(*) FROM search_deferred').pluck().get() as number;
}

/**
 * Indexes up to \`limit\` deferred documents, newest first (recent calls are the ones looked for),
 * in one transaction and in bulk (sorted pairs); returns how many. Small chunks keep the service
 * answering between them.
 */
export function indexDeferred(db: Db, limit: number): number {
  return db.transaction(() => {
    const newest = cached(db, 'SELECT doc FROM search_deferred ORDER BY doc DESC LIMIT ?').pluck().all(limit) as number[];
    if (newest.length === 0) return 0;
    const from = newest.at(-1)!;
    // an integer read from the table, so safe to write into the statement
    db.exec(
      bulkIndexOf(`(SELECT d.rowid AS rowid, d.body AS body FROM search_deferred q JOIN search_docs d ON d.rowid = q.doc WHERE q.doc >= ${Math.trunc(from)})`),
    );
    cached(db, 'DELETE FROM search_deferred WHERE doc >= ?').run(from);
    return newest.length;
  })();
}
