// C5: a complaint's timeline as a screen holds it. The service folds and shows events in one
// deterministic order (complaints/store.ts: alone, the order they were recorded here; in team mode
// (time, id), the same on every desk); an action answers with only the entries the screen lacks, and
// `mergeTimeline` puts them where that order says, also when team sync delivered entries in between
// that belong before the ones the screen already shows.
import type { ComplaintChange, ComplaintDetail, ComplaintEvent, TimelineOrder } from '../schemas/complaint';

type Ordered = Pick<ComplaintEvent, 'arrival' | 'at' | 'id'>;

/** The service's ORDER BY, as a comparator (times are ISO instants and ids ASCII, so < is SQLite's BINARY order). */
export function compareEvents(order: TimelineOrder): (a: Ordered, b: Ordered) => number {
  if (order === 'arrival') return (a, b) => a.arrival - b.arrival;
  return (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : a.arrival - b.arrival);
}

/**
 * The screen's timeline after an action: what it held plus the change's entries, in fold order,
 * numbered again, with the fold's current verdicts. Entries that did not move keep their object, so a
 * list keyed by id redraws only what is new. `complete` is false when the screen must read the whole
 * timeline again: entries were rewritten (erasure), or some are still missing.
 */
export function mergeTimeline(held: ComplaintDetail, change: ComplaintChange): { detail: ComplaintDetail; complete: boolean } {
  const byId = new Map<string, ComplaintEvent>();
  for (const e of held.events) byId.set(e.id, e);
  for (const e of change.newEvents) byId.set(e.id, e);
  const sorted = [...byId.values()].sort(compareEvents(change.order));
  const events = sorted.map((e, i) => {
    const notApplied = change.notApplied[e.id];
    if (e.seq === i + 1 && e.notApplied === notApplied) return e;
    const { notApplied: _, ...rest } = e;
    void _;
    return { ...rest, seq: i + 1, ...(notApplied !== undefined ? { notApplied } : {}) };
  });
  const detail: ComplaintDetail = {
    complaint: change.complaint,
    overdue: change.overdue,
    order: change.order,
    cursor: Math.max(held.cursor, change.cursor),
    rewrites: change.rewrites,
    events,
  };
  const complete = held.rewrites === change.rewrites && held.order === change.order && events.length === change.total;
  return { detail, complete };
}
