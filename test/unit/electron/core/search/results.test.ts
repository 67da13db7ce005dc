// The search screen's numbers and pages: true totals (capped, and saying so), "More" that pages on
// without repeating or skipping a row, the first 100 rows an agent's, further pages a lead's and
// recorded, and the field each hit was found in.
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { countMatches } from '../../../../../electron/core/search/results';

let core: Core;

beforeEach(async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  core = memoryCore(clock);
  // 130 calls naming 张伟, 3 of them also about 退款 in the details
  for (let i = 0; i < 130; i++) {
    clock.advance(1000);
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', {
      id,
      fields: { callerName: `张伟${i}`, phone: `1380013${String(i).padStart(4, '0')}`, subject: '发票', details: i < 3 ? '客户要求退款' : '' },
    });
  }
  // 5 complaints about 退款; one also mentions 张伟 only in a note
  for (let i = 0; i < 5; i++) {
    clock.advance(1000);
    const { complaint } = await call(core, 'complaints.create', {
      customerName: `王芳${i}`,
      phone: '13900000000',
      matter: '退款迟迟未到账',
      category: 'service',
      nextReplyDue: '2026-11-30T08:00:00.000Z',
    });
    if (i === 0) await call(core, 'complaints.note', { id: complaint.id, text: '转给张伟处理' });
  }
});

afterEach(() => core.close());

test('the totals are true, per kind, not the length of a page', async () => {
  expect(await call(core, 'search.count', { q: '张伟', kind: 'call' })).toEqual({ total: 130, capped: false });
  expect(await call(core, 'search.count', { q: '张伟', kind: 'complaint' })).toEqual({ total: 1, capped: false });
  expect(await call(core, 'search.count', { q: '退款', kind: 'all' })).toEqual({ total: 8, capped: false });
  expect(await call(core, 'search.count', { q: 'nothing-like-this' })).toEqual({ total: 0, capped: false });
  // the complaint tracker with words says how many there are, not how many fit on the page
  expect(await call(core, 'complaints.list', { view: 'all', q: '退款', limit: 2 })).toMatchObject({ total: 5 });
});

test('above the cap the total says "more than"', () => {
  expect(countMatches(core.db, '张伟', 'call', 100)).toEqual({ total: 100, capped: true });
  expect(countMatches(core.db, '张伟', 'call', 130)).toEqual({ total: 130, capped: false });
});

test('"More" pages on: newest first, nothing repeated or skipped', async () => {
  const pages = [];
  for (let offset = 0; offset < 100; offset += 20) pages.push(...(await call(core, 'search.query', { q: '张伟', kind: 'call', offset, limit: 20 })));
  const once = await call(core, 'search.query', { q: '张伟', kind: 'call', limit: 100 });
  expect(pages.map((h) => h.id)).toEqual(once.map((h) => h.id));
  expect(new Set(pages.map((h) => h.id)).size).toBe(100);
  expect(pages[0]!.title).toBe('张伟129');
});

test('an agent reads the first 100 rows; further pages need the lead PIN and are recorded', async () => {
  expect(await call(core, 'search.query', { q: '张伟', kind: 'call', offset: 80, limit: 20 })).toHaveLength(20);
  expect(await core.dispatch('search.query', { q: '张伟', kind: 'call', offset: 100, limit: 20 })).toMatchObject({ ok: false, error: { rule: 'lead-bulk' } });
  expect(core.db.prepare('SELECT count(*) FROM access_log').pluck().get()).toBe(0);

  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  const beyond = await call(core, 'search.query', { q: '张伟', kind: 'call', offset: 100, limit: 20 });
  expect(beyond.map((h) => h.title)).toEqual(Array.from({ length: 20 }, (_, i) => `张伟${29 - i}`));
  expect(core.db.prepare('SELECT agent_name, method, page FROM access_log').all()).toEqual([
    { agent_name: 'Lead Li', method: 'search.query', page: '{"offset":100,"limit":20,"search":true}' },
  ]);
});

test('a long field is cut to a few words around the match', async () => {
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: '赵敏', details: `${'很长的说明'.repeat(20)} 投诉退款 ${'后面还有'.repeat(30)}` } });
  const [hit] = await call(core, 'search.query', { q: '投诉退款', kind: 'call' });
  expect(hit!.excerpt).toBe(`…长的说明${'很长的说明'.repeat(5)} 投诉退款 ${'后面还有'.repeat(13)}后面还…`);
  expect(Array.from(hit!.excerpt!).length).toBe(30 + 60 + 2);
});

test('a complaint with a long timeline: the excerpt comes from the note that holds the word, cut around it', async () => {
  const created = await call(core, 'complaints.create', {
    customerName: '钱多多',
    phone: '139 0000 1111',
    matter: '空调漏水',
    category: 'service',
    nextReplyDue: '2026-12-01T00:00:00.000Z',
  });
  const id = created.complaint.id;
  for (let i = 0; i < 120; i++) {
    const word = i === 90 ? ' 压缩机更换 ' : '';
    await call(core, 'complaints.note', { id, text: `第${i}次跟进${word}`.padEnd(3_000, '客户仍在等待上门维修，') });
  }
  const [hit] = await call(core, 'search.query', { q: '压缩机更换', kind: 'complaint' });
  expect(hit!.matched).toEqual(['notes']);
  // from its own note (the timeline is not joined into one text: that took a second at 500 long notes)
  expect(hit!.excerpt).toBe(`第90次跟进 压缩机更换 ${'客户仍在等待上门维修，'.repeat(4)}客户仍在等待上门维修…`);
});

test('each hit names the fields the words were found in', async () => {
  const byName = await call(core, 'search.query', { q: '张伟129', kind: 'call' });
  expect(byName.map((h) => h.matched)).toEqual([['name']]);
  const byPhone = await call(core, 'search.query', { q: '13800130007', kind: 'call' });
  expect(byPhone.map((h) => h.matched)).toEqual([['phone']]);
  const both = await call(core, 'search.query', { q: '张伟1 退款', kind: 'call' });
  expect(both.map((h) => [h.title, h.matched, h.excerpt])).toEqual([['张伟1', ['name', 'details'], '客户要求退款']]);
  const inNote = await call(core, 'search.query', { q: '张伟', kind: 'complaint' });
  expect(inNote.map((h) => [h.matched, h.excerpt])).toEqual([[['notes'], '转给张伟处理']]);
  expect(byName[0]!.excerpt).toBeUndefined(); // the name is on the line already
  const matter = await call(core, 'search.query', { q: '退款', kind: 'complaint', limit: 1 });
  expect(matter[0]!.matched).toEqual(['matter']);
});
