// What the search screen shows of a match: true totals (counted up to a cap, so a common word stays
// fast on a team's file of millions), pages further on, and the field each hit was found in.
import type { Db } from '../db/open';
import type { Input } from '../../../shared/contract';
import type { SearchCount, SearchHit, SearchField } from '../../../shared/schemas/search';
import { SEARCH_COUNT_CAP } from '../../../shared/schemas/search';
import { cached } from '../db/statements';
import { foldAscii, indexBeforeSearch, joinPlan, queryTerms, recordOf, searchRefs } from './store';
import { complaintDeskSql, teamDesk } from '../sync/labels';

/**
 * How many records hold every word, counted up to `cap`. Counting stops at the cap: one more row
 * than the cap says "more than that", and a common word on 10 M calls never reads its whole list.
 */
export function countMatches(db: Db, q: string, kind: 'all' | 'complaint' | 'call', cap = SEARCH_COUNT_CAP): SearchCount {
  const plan = joinPlan(q);
  if (!plan) return { total: 0, capped: false };
  indexBeforeSearch(db);
  const where = [...plan.where];
  const params = [...plan.params];
  if (kind !== 'all') {
    where.push('d.kind = ?');
    params.push(kind);
  }
  // a complaint found by several of its documents (fields, timeline entries) counts once
  const n = cached(db, `SELECT count(DISTINCT r) FROM (SELECT ${recordOf} AS r FROM ${plan.from} WHERE ${where.join(' AND ')} LIMIT ?)`)
    .pluck()
    .get(...params, cap + 1) as number;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

const callFields: [SearchField, string][] = [
  ['name', 'caller_name'],
  ['phone', 'phone'],
  ['region', 'region'],
  ['address', 'address'],
  ['category', 'category'],
  ['subject', 'subject'],
  ['details', 'details'],
  ['wants', 'wants'],
  ['nextStep', 'next_step'],
];
const complaintFields: [SearchField, string][] = [
  ['number', 'number'],
  ['name', 'customer_name'],
  ['phone', 'phone'],
  ['matter', 'matter'],
  ['wants', 'wants'],
  ['result', 'result'],
  [
    'fault',
    "fault_time || ' ' || fault_place || ' ' || fault_symptom || ' ' || fault_plan || ' ' || fault_cause || ' ' || fault_impact || ' ' || fault_handling || ' ' || fault_actions",
  ],
];

/** fields the screen shows on a hit's line anyway; for the others an excerpt is sent */
const onTheLine = new Set<SearchField>(['name', 'number', 'phone', 'subject', 'matter']);
const AROUND = 30;

/**
 * The fields that hold at least one of the words (as the index sees them: ASCII case folded, line
 * breaks as spaces), and a short excerpt around the first word found in a field not on the line.
 */
function matchedFields(values: [SearchField, string][], terms: string[]): { matched: SearchField[]; excerpt?: string } {
  const matched: SearchField[] = [];
  let excerpt: string | undefined;
  for (const [field, value] of values) {
    const flat = value.replace(/[\r\n\t]/g, ' ');
    const text = foldAscii(flat);
    const digits = field === 'phone' ? value.replace(/\D/g, '') : '';
    const at = terms.map((t) => text.indexOf(t)).find((i) => i >= 0);
    if (at === undefined && !(digits !== '' && terms.some((t) => digits.includes(t)))) continue;
    matched.push(field);
    if (excerpt === undefined && at !== undefined && !onTheLine.has(field)) {
      // whole characters (Array.from), so a cut never splits a surrogate pair
      const before = Array.from(flat.slice(0, at));
      const after = Array.from(flat.slice(at));
      const head = before.slice(-AROUND).join('');
      const tail = after.slice(0, AROUND * 2).join('');
      excerpt = `${before.length > AROUND ? '…' : ''}${head}${tail}${after.length > AROUND * 2 ? '…' : ''}`;
    }
  }
  return excerpt === undefined ? { matched } : { matched, excerpt };
}

/** One page of hits, newest first, each naming the fields the words were found in. */
export function searchPage(db: Db, input: Input<'search.query'>): SearchHit[] {
  const refs = searchRefs(db, input.q, { kind: input.kind, limit: input.limit, offset: input.offset });
  if (refs.length === 0) return [];
  const terms = queryTerms(input.q);
  const complaintRow = cached(
    db,
    `SELECT number, customer_name, matter, phone, status, owner_name AS agentName, ${complaintDeskSql('complaints')} AS workstation, ${complaintFields.map(([f, sql]) => `${sql} AS "${f}"`).join(', ')} FROM complaints WHERE id = ?`,
  );
  const notes = cached(
    db,
    `SELECT coalesce(group_concat(coalesce(json_extract(data, '$.text'), json_extract(data, '$.why'), ''), ' '), '') FROM complaint_events
     WHERE complaint_id = ? AND kind IN ('note', 'reply', 'escalation', 'transfer')`,
  ).pluck();
  const callRow = cached(
    db,
    `SELECT caller_name, subject, phone, status, agent_name AS agentName, workstation, ${callFields.map(([f, sql]) => `${sql} AS "${f}"`).join(', ')} FROM calls WHERE id = ?`,
  );
  // team mode: each hit says who took it and at which desk
  const desk = teamDesk(db);
  const who = (r: Record<string, string | null>) => (desk ? { agentName: r.agentName ?? '', workstation: r.workstation || desk } : {});
  return refs.map((r): SearchHit => {
    if (r.kind === 'complaint') {
      const c = complaintRow.get(r.refId) as Record<string, string>;
      const team = who(c);
      const values = complaintFields.map(([f]) => [f, c[f] ?? ''] as [SearchField, string]);
      values.push(['notes', notes.get(r.refId) as string]);
      return {
        kind: r.kind,
        id: r.refId,
        at: r.at,
        title: `${c.number} ${c.customer_name}`.trim(),
        summary: c.matter!,
        phone: c.phone!,
        status: c.status!,
        ...team,
        ...matchedFields(values, terms),
      };
    }
    const c = callRow.get(r.refId) as Record<string, string>;
    return {
      kind: r.kind,
      id: r.refId,
      at: r.at,
      title: c.caller_name!,
      summary: c.subject!,
      phone: c.phone!,
      status: c.status!,
      ...who(c),
      ...matchedFields(
        callFields.map(([f]) => [f, c[f] ?? '']),
        terms,
      ),
    };
  });
}
