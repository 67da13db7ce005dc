// Full-text search over complaints and calls (the index is built by triggers, migration 0031).
// A query is split on white space; every word must occur as a substring (ASCII case ignored).
//   - any word of ≥ 3 characters: FTS5 trigram MATCH, newest first by rowid;
//   - otherwise a two-character word with a non-ASCII character (退款, 张伟): the bigram index;
//   - otherwise (one character, or two ASCII letters): a scan of the texts, newest first, that
//     stops at the first page.
// The remaining words are checked with instr() on the same row, so the result is exactly what a
// plain substring scan returns (test/unit/core/search.test.ts checks 1,000 random queries).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { complaintDeskSql, teamDesk } from '../sync/labels';
import type { SearchHit } from '../../../shared/schemas/search';
import type { Input } from '../../../shared/contract';
import { bulkIndex, callBody, indexTriggers } from './index-sql';

const statements = new WeakMap<Db, Map<string, Statement>>();

/** Queries are few shapes repeated at typing speed: compile each once per connection. */
export function cached(db: Db, sql: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let statement = map.get(sql);
  if (!statement) map.set(sql, (statement = db.prepare(sql)));
  return statement;
}

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
  /** FROM … (must expose `d` = search_docs and an `order_key` to sort on) */
  from: string;
  where: string[];
  params: unknown[];
}

/** How to find the documents containing every term; null when there is nothing to search. */
export function matchPlan(q: string): MatchPlan | null {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => length(t) >= 3);
  if (long.length > 0) {
    const rest = terms.filter((t) => length(t) < 3);
    return {
      from: 'search_fts f CROSS JOIN search_docs d ON d.rowid = f.rowid',
      where: ['search_fts MATCH ?', ...rest.map(() => 'instr(d.body, ?) > 0')],
      params: [long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND '), ...rest],
    };
  }
  const indexed = terms.find((t) => length(t) === 2 && !isAscii(t));
  if (indexed) {
    const rest = terms.filter((t) => t !== indexed);
    return {
      from: 'search_bigrams b CROSS JOIN search_docs d ON d.rowid = b.doc',
      where: ['b.gram = ?', 'instr(d.body, ?) > 0', ...rest.map(() => 'instr(d.body, ?) > 0')],
      // the pair is in the body; instr() confirms the exact word (the pair index stores code points)
      params: [gramOf(indexed), indexed, ...rest],
    };
  }
  return { from: 'search_docs d', where: terms.map(() => 'instr(d.body, ?) > 0'), params: terms };
}

const orderKey = (plan: MatchPlan) => (plan.from.startsWith('search_fts') ? 'f.rowid' : plan.from.startsWith('search_bigrams') ? 'b.doc' : 'd.rowid');

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

/** The matching documents' ids, newest first. */
export function searchRefs(
  db: Db,
  q: string,
  { kind = 'all', limit = 50 }: { kind?: 'all' | 'complaint' | 'call'; limit?: number } = {},
): { kind: 'complaint' | 'call'; refId: string; at: string }[] {
  const plan = matchPlan(q);
  if (!plan) return [];
  flushPendingCalls(db);
  const where = [...plan.where];
  const params = [...plan.params];
  if (kind !== 'all') {
    where.push('d.kind = ?');
    params.push(kind);
  }
  return cached(db, `SELECT d.kind, d.ref_id AS refId, d.at FROM ${plan.from} WHERE ${where.join(' AND ')} ORDER BY ${orderKey(plan)} DESC LIMIT ?`).all(
    ...params,
    limit,
  ) as { kind: 'complaint' | 'call'; refId: string; at: string }[];
}

/** For lists that filter further (complaints.list): the plan plus its order key. */
export function joinPlan(q: string): (MatchPlan & { order: string }) | null {
  const plan = matchPlan(q);
  return plan && { ...plan, order: orderKey(plan) };
}

export function search(db: Db, input: Input<'search.query'>): SearchHit[] {
  const refs = searchRefs(db, input.q, { kind: input.kind, limit: input.limit });
  if (refs.length === 0) return [];
  const complaintRow = cached(
    db,
    `SELECT number, customer_name, matter, phone, status, owner_name AS agentName, ${complaintDeskSql('complaints')} AS workstation FROM complaints WHERE id = ?`,
  );
  const callRow = cached(db, 'SELECT caller_name, subject, phone, status, agent_name AS agentName, workstation FROM calls WHERE id = ?');
  type Who = { agentName: string; workstation: string | null };
  // team mode: each hit says who took it and at which desk
  const desk = teamDesk(db);
  const who = (r: Who) => (desk ? { agentName: r.agentName, workstation: r.workstation || desk } : {});
  return refs.map((r) => {
    if (r.kind === 'complaint') {
      const c = complaintRow.get(r.refId) as { number: string; customer_name: string; matter: string; phone: string; status: string } & Who;
      return {
        kind: r.kind,
        id: r.refId,
        at: r.at,
        title: `${c.number} ${c.customer_name}`.trim(),
        summary: c.matter,
        phone: c.phone,
        status: c.status,
        ...who(c),
      };
    }
    const c = callRow.get(r.refId) as { caller_name: string; subject: string; phone: string; status: string } & Who;
    return { kind: r.kind, id: r.refId, at: r.at, title: c.caller_name, summary: c.subject, phone: c.phone, status: c.status, ...who(c) };
  });
}

const dropIndexTriggers = 'DROP TRIGGER IF EXISTS search_docs_ai; DROP TRIGGER IF EXISTS search_docs_ad; DROP TRIGGER IF EXISTS search_docs_au;';

/**
 * Rebuilds search_fts and search_bigrams from search_docs in one transaction, with the same
 * expressions as the triggers (pairs inserted in sorted order, much faster than row by row).
 * For bulk loads, and for repairs after the privacy-erasure path rewrites texts.
 */
export function rebuildSearchIndex(db: Db): void {
  flushPendingCalls(db);
  db.transaction(() => {
    db.exec(dropIndexTriggers);
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_bigrams;");
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
