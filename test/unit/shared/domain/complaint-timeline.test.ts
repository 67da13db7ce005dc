// A screen's copy of a complaint timeline, merged with an action's answer (C5): the service's fold
// order, the fold's current verdicts, untouched entries kept as they were, and a clear "read it all
// again" when the copy cannot be trusted.
import { compareEvents, mergeTimeline } from '../../../../shared/domain/complaint-timeline';
import type { Complaint, ComplaintChange, ComplaintDetail, ComplaintEvent } from '../../../../shared/schemas/complaint';

const complaint = { id: 'c1', status: 'in_progress' } as Complaint;
const entry = (id: string, arrival: number, at: string, seq = arrival): ComplaintEvent => ({
  id,
  complaintId: 'c1',
  seq,
  arrival,
  kind: 'note',
  at,
  agentId: null,
  agentName: 'A',
  data: { text: id },
});
const held = (events: ComplaintEvent[], over: Partial<ComplaintDetail> = {}): ComplaintDetail => ({
  complaint,
  events,
  overdue: false,
  order: 'time',
  cursor: Math.max(0, ...events.map((e) => e.arrival)),
  rewrites: 0,
  ...over,
});
const change = (newEvents: ComplaintEvent[], total: number, over: Partial<ComplaintChange> = {}): ComplaintChange => ({
  complaint: { ...complaint, status: 'resolved' },
  overdue: false,
  newEvents,
  appended: 1,
  total,
  notApplied: {},
  order: 'time',
  cursor: Math.max(...newEvents.map((e) => e.arrival)),
  rewrites: 0,
  ...over,
});

test('team order: time, then id; an entry written earlier elsewhere goes before the ones shown, and all are numbered again', () => {
  const one = entry('01a', 1, '2026-12-01T09:00:00.000Z');
  const two = entry('03c', 2, '2026-12-01T11:00:00.000Z');
  const pulled = entry('02b', 3, '2026-12-01T10:00:00.000Z', 2);
  const mine = entry('04d', 4, '2026-12-01T12:00:00.000Z', 4);
  const { detail, complete } = mergeTimeline(held([one, two]), change([pulled, mine], 4));
  expect(complete).toBe(true);
  expect(detail.events.map((e) => [e.id, e.seq])).toEqual([
    ['01a', 1],
    ['02b', 2],
    ['03c', 3],
    ['04d', 4],
  ]);
  expect(detail.cursor).toBe(4);
  expect(detail.complaint.status).toBe('resolved');
  // unmoved entries are the same objects (the list redraws only what changed)
  expect(detail.events[0]).toBe(one);
  expect(detail.events[2]).not.toBe(two);
});

test('same instant: the id decides, as in the service (SQLite BINARY order)', () => {
  const at = '2026-12-01T09:00:00.000Z';
  expect([entry('b', 1, at), entry('a', 2, at)].sort(compareEvents('time')).map((e) => e.id)).toEqual(['a', 'b']);
  expect([entry('b', 1, at), entry('a', 2, at)].sort(compareEvents('arrival')).map((e) => e.id)).toEqual(['b', 'a']);
});

test("the fold's verdicts replace the ones shown: a move no longer applied is marked, one applied again is not", () => {
  const close = { ...entry('02', 2, '2026-12-01T10:00:00.000Z'), notApplied: 'old reason' };
  const other = entry('03', 3, '2026-12-01T11:00:00.000Z');
  const { detail } = mergeTimeline(
    held([entry('01', 1, '2026-12-01T09:00:00.000Z'), close, other]),
    change([entry('04', 4, '2026-12-01T12:00:00.000Z')], 4, { notApplied: { '03': 'the complaint was already closed' } }),
  );
  expect(detail.events.map((e) => e.notApplied)).toEqual([undefined, undefined, 'the complaint was already closed', undefined]);
});

test('the copy is not trusted when entries were rewritten (erasure), are missing, or the order changed', () => {
  const shown = held([entry('01', 1, '2026-12-01T09:00:00.000Z')]);
  const next = entry('02', 2, '2026-12-01T10:00:00.000Z');
  expect(mergeTimeline(shown, change([next], 2)).complete).toBe(true);
  expect(mergeTimeline(shown, change([next], 2, { rewrites: 1 })).complete).toBe(false);
  expect(mergeTimeline(shown, change([next], 3)).complete).toBe(false);
  expect(mergeTimeline(shown, change([next], 2, { order: 'arrival' })).complete).toBe(false);
});
