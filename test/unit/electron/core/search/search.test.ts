// The search must answer exactly what a plain substring scan answers: every word of the query
// occurs in the record's text (ASCII case ignored), newest first.
import fc from 'fast-check';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { deferredCount, foldAscii, indexDeferred, queryTerms, rebuildSearchIndex, searchRefs } from '../../../../../electron/core/search/store';
import { newId } from '../../../../../electron/core/infra/ids';

const zh = Array.from('退款物流延迟张伟王芳投诉发票客户服务安装维修故障电话产品满意回访订单');
const en = Array.from('abcdeFGHxyz0123');
const alphabet = [...zh, ...en, ' ', ' ', '\n', '-', '"', "'", '*'];

function text(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)]!;
  return s;
}

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

let core: Core;
let clock: ReturnType<typeof fixedClock>;

/** Each record's text, built here from the source rows (not from the index's own table). */
function expectedTexts(): { id: string; at: string; text: string }[] {
  const calls = core.db
    .prepare('SELECT id, created_at AS at, caller_name, phone, phone_norm, region, address, category, subject, details, wants, next_step FROM calls')
    .all() as Record<string, string>[];
  const complaints = core.db.prepare('SELECT * FROM complaints').all() as Record<string, string>[];
  const clean = (parts: string[]) => foldAscii(parts.join(' ').replace(/[\r\n\t]/g, ' '));
  return [
    ...calls.map((c) => ({
      id: c.id!,
      at: c.at!,
      text: clean(['caller_name', 'phone', 'phone_norm', 'region', 'address', 'category', 'subject', 'details', 'wants', 'next_step'].map((k) => c[k]!)),
    })),
    ...complaints.map((c) => {
      const notes = (
        core.db
          .prepare("SELECT data FROM complaint_events WHERE complaint_id = ? AND kind IN ('note', 'reply', 'escalation', 'transfer') ORDER BY seq")
          .all(c.id) as { data: string }[]
      )
        .map((e) => JSON.parse(e.data) as { text?: string; why?: string })
        .map((d) => d.text ?? d.why ?? '');
      const fields = [
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
      ];
      return { id: c.id!, at: c.created_at!, text: clean([...fields.map((k) => c[k]!), ...notes]) };
    }),
  ];
}

beforeAll(async () => {
  clock = fixedClock('2026-11-01T00:00:00.000Z');
  core = memoryCore(clock);
  const rand = seeded(7);
  const insert = core.db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, subject, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  core.db.transaction(() => {
    for (let i = 0; i < 1200; i++) {
      // some records share a millisecond, some texts are long (the chunked pair index), some
      // longer than index-sql.ts LONG_DOC (left for the indexer thread: searches read them)
      const at = new Date(Date.parse('2026-10-01T00:00:00.000Z') + Math.floor(i / 3) * 1000).toISOString();
      const details = text(rand, i % 50 === 0 ? 900 : i % 50 === 25 ? 1_500 : 5 + Math.floor(rand() * 40));
      insert.run(newId(), text(rand, 3), '138' + i, '138' + i, text(rand, 8), details, at, at, at);
    }
  })();
  // edits go through the update trigger
  const ids = core.db.prepare('SELECT id FROM calls LIMIT 100').pluck().all() as string[];
  for (const id of ids.slice(0, 50)) await call(core, 'calls.update', { id, fields: { details: text(rand, 30) } }).catch(() => undefined);
  core.db.prepare('UPDATE calls SET details = ? WHERE id = ?').run(text(rand, 20), ids[60]);
  core.db.prepare('DELETE FROM calls WHERE id = ?').run(ids[70]);
  for (let i = 0; i < 60; i++) {
    clock.advance(60_000);
    const c = await call(core, 'complaints.create', {
      customerName: text(rand, 3),
      phone: '139' + i,
      matter: text(rand, 20),
      category: 'service',
      nextReplyDue: '2026-12-01T00:00:00.000Z',
    });
    await call(core, 'complaints.note', { id: c.complaint.id, text: text(rand, i % 7 === 0 ? 1_200 : 15) + '。' });
    if (i % 2) await call(core, 'complaints.edit', { id: c.complaint.id, fields: { matter: text(rand, 12) } });
  }
});
afterAll(() => core.close());

let cached: ReturnType<typeof expectedTexts> | undefined;
function scan(q: string): string[] {
  const terms = queryTerms(q);
  if (terms.length === 0) return [];
  return (cached ??= expectedTexts())
    .filter((d) => terms.every((t) => d.text.includes(t)))
    .map((d) => d.id)
    .sort();
}

test('1,000 random queries return exactly what a substring scan returns, newest first', () => {
  const texts = expectedTexts();
  const rand = seeded(11);
  let nonEmpty = 0;
  for (let i = 0; i < 1000; i++) {
    const words = 1 + Math.floor(rand() * 2);
    const parts: string[] = [];
    for (let w = 0; w < words; w++) {
      const len = 1 + Math.floor(rand() * 5);
      // half taken from a real record (so they hit), half random
      if (rand() < 0.6) {
        const source = texts[Math.floor(rand() * texts.length)]!.text;
        const start = Math.floor(rand() * Math.max(1, source.length - len));
        parts.push(source.slice(start, start + len).trim() || 'x');
      } else parts.push(text(rand, len).trim() || 'y');
    }
    const q = rand() < 0.3 ? parts.join(' ').toUpperCase() : parts.join(' ');
    const got = searchRefs(core.db, q, { limit: 100_000 });
    expect(got.map((r) => r.refId).sort(), `query ${JSON.stringify(q)}`).toEqual(scan(q));
    const ats = got.map((r) => r.at);
    expect(ats).toEqual([...ats].sort().reverse());
    if (got.length) nonEmpty++;
  }
  expect(nonEmpty).toBeGreaterThan(300);
});

test('two-character Chinese words are found (the trigram index alone finds nothing for them)', () => {
  const got = searchRefs(core.db, '退款', { limit: 100_000 });
  expect(got.length).toBeGreaterThan(0);
  expect(got.map((r) => r.refId).sort()).toEqual(scan('退款'));
  expect(core.db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH '退款'").pluck().get()).toBe(0);
});

test('the first page is the newest matches', () => {
  const all = searchRefs(core.db, '张伟', { limit: 100_000 });
  const page = searchRefs(core.db, '张伟', { limit: 10 });
  expect(page.map((r) => r.at)).toEqual(all.slice(0, 10).map((r) => r.at));
});

test('search.query names the hit: a complaint by number, a call by caller', async () => {
  const hits = await call(core, 'search.query', { q: 'TS-202611-0001' });
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ kind: 'complaint' });
  expect(hits[0]!.title).toMatch(/^TS-202611-0001/);
  const calls = await call(core, 'search.query', { q: '1385', kind: 'call' });
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((h) => h.kind === 'call')).toBe(true);
  expect(await call(core, 'search.query', { q: '   ' })).toEqual([]);
});

test('any text, including quotes and operators, is a literal (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...alphabet, 'AND', 'OR', 'NEAR', '(', ')', '^'), maxLength: 6 }), (q) => {
      expect(
        searchRefs(core.db, q, { limit: 100_000 })
          .map((r) => r.refId)
          .sort(),
      ).toEqual(scan(q));
    }),
    { numRuns: 200 },
  );
});

test('a bulk rebuild gives the same index as the triggers, and the triggers work again afterwards', async () => {
  const pairs = () => JSON.stringify(core.db.prepare('SELECT gram, doc FROM search_bigrams ORDER BY gram, doc').raw().all());
  const queries = ['退款', '张伟 a', 'abc', '物流延', 'fgh', '0123', '服务'];
  const before = queries.map((q) => searchRefs(core.db, q, { limit: 100_000 }));
  // the long texts waiting for the indexer thread, indexed in bulk as it does
  expect(deferredCount(core.db)).toBeGreaterThan(0);
  while (indexDeferred(core.db, 7) > 0);
  expect(queries.map((q) => searchRefs(core.db, q, { limit: 100_000 }))).toEqual(before);
  const grams = pairs();
  rebuildSearchIndex(core.db);
  expect(pairs()).toBe(grams);
  expect(queries.map((q) => searchRefs(core.db, q, { limit: 100_000 }))).toEqual(before);
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { subject: '独一无二的词' } });
  expect(searchRefs(core.db, '无二').map((r) => r.refId)).toEqual([started.id]);
});
