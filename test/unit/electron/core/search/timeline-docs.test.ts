// A complaint's timeline entries are search documents of their own (migration 0150): a note
// indexes only itself, however long the timeline already is, and the complaint is still found by
// the words of any entry, once.
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { searchRefs } from '../../../../../electron/core/search/store';
import { listComplaints } from '../../../../../electron/core/complaints/store';
import type { Input } from '../../../../../shared/contract';

const NOTES = 500;
const filler = (i: number) => `第${i}次跟进，客户仍在等待退款，物流信息没有更新。Customer still waits for the refund; courier silent. `.repeat(12);

let core: Core;
let clock: ReturnType<typeof fixedClock>;
let first: string;
let later: string;
/** rows written (by the statement and every trigger) per note, in order */
const written: number[] = [];
const noteMs: number[] = [];

beforeAll(async () => {
  clock = fixedClock('2026-11-02T01:00:00.000Z');
  core = memoryCore(clock);
  const create = async (phone: string, matter: string) =>
    (
      await call(core, 'complaints.create', {
        customerName: '张伟',
        phone,
        matter,
        category: 'service',
        nextReplyDue: '2026-12-01T00:00:00.000Z',
      })
    ).complaint.id;
  first = await create('138 0013 8000', '退款两周未到账');
  clock.advance(60_000);
  later = await create('139 8765 4321', '发票抬头错误');
  const changes = core.db.prepare('SELECT total_changes()').pluck();
  for (let i = 1; i <= NOTES; i++) {
    clock.advance(1_000);
    const text = i === 1 ? `alphaword 甲乙 ${filler(i)}` : i === NOTES ? `omegaword 丙丁 ${filler(i)}` : filler(i);
    const before = changes.get() as number;
    const t = performance.now();
    await call(core, 'complaints.note', { id: first, text });
    noteMs.push(performance.now() - t);
    written.push((changes.get() as number) - before);
  }
  // the other customer's complaint mentions the first one's number in a note
  await call(core, 'complaints.note', { id: later, text: '客户说另一位 138-0013-8000 也在等跟进' });
}, 120_000);
afterAll(() => core.close());

test('a note writes as many rows with 500 notes before it as with 1 (the index work does not grow with the timeline)', () => {
  const early = written.slice(1, 11).reduce((a, b) => a + b, 0) / 10;
  const late = written.slice(-10).reduce((a, b) => a + b, 0) / 10;
  // before, every action re-indexed the whole timeline: the 500th note wrote ~500 times the rows of the 2nd
  expect(late).toBeLessThan(early * 1.2);
  expect(late).toBeGreaterThan(0);
  // and the time: the last notes no slower than the first ones (generous: the machine is shared)
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  expect(median(noteMs.slice(-50))).toBeLessThan(median(noteMs.slice(1, 51)) * 3 + 5);
});

test('words of the 1st and the 500th note find the complaint, once, also both words together', async () => {
  for (const q of ['alphaword', 'omegaword', '甲乙', '丙丁', 'alphaword omegaword', '甲乙 丙丁 张伟', 'omegaword 退款两周']) {
    expect(
      searchRefs(core.db, q, { limit: 50 }).map((r) => r.refId),
      q,
    ).toEqual([first]);
  }
  // a word in the complaint's fields and one in a note: still the same record
  const hits = await call(core, 'search.query', { q: 'omegaword', limit: 50 });
  expect(hits).toMatchObject([{ kind: 'complaint', id: first, summary: '退款两周未到账' }]);
  expect(searchRefs(core.db, 'alphaword 发票', { limit: 50 })).toEqual([]);
});

test('a word in every note lists each complaint once, newest complaint first (by creation, not by note)', async () => {
  expect(searchRefs(core.db, '跟进', { limit: 50 }).map((r) => r.refId)).toEqual([later, first]);
  expect(searchRefs(core.db, 'courier', { limit: 50 }).map((r) => r.refId)).toEqual([first]);
  const page = await call(core, 'complaints.list', { view: 'all', q: '跟进', limit: 100 });
  expect(page.rows.map((r) => r.id)).toEqual([later, first]);
  // the next page starts after the complaints already listed, not after their documents
  const second = listComplaints(core.db, clock, 'nobody', { view: 'all', q: '跟进', offset: 1, limit: 100 } as Input<'complaints.list'>);
  expect(second.rows.map((r) => r.id)).toEqual([first]);
});

test("erasure scrubs every indexed note: the customer's own timeline and the mention in another complaint", async () => {
  const lead = await call(core, 'agents.add', { name: 'Lead Li' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked to be forgotten' });
  for (const q of ['alphaword', 'omegaword', '甲乙', 'courier', '13800138000', '0013']) expect(searchRefs(core.db, q, { limit: 50 }), q).toEqual([]);
  const bodies = core.db.prepare('SELECT body FROM search_docs').pluck().all() as string[];
  expect(bodies.filter((b) => /alphaword|omegaword|courier|13800138000|138-0013-8000/.test(b))).toEqual([]);
  const fts = core.db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck();
  for (const w of ['"alphaword"', '"omegaword"', '"courier"', '"0013"']) expect(fts.get(w), w).toBe(0);
  // the other complaint keeps its own words
  expect(searchRefs(core.db, '另一位', { limit: 50 }).map((r) => r.refId)).toEqual([later]);
});
