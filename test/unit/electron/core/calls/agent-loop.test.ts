// The service side of the agent's loop: unfinished calls per agent and paged, a reopened call that
// had no script gets one, a callback's result recorded in the call's wrap-up, the customer card.
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { newId } from '../../../../../electron/core/infra/ids';

const firstOutcome = async (core: ReturnType<typeof memoryCore>) => (await call(core, 'dispositions.list', {}))[0]!.id;

test('unfinished calls: mine by default with the true total, paged; everyone only for a team lead', async () => {
  const core = memoryCore();
  const mine = [];
  for (let i = 0; i < 3; i++) mine.push(await call(core, 'calls.start', {}));
  // another agent's open call
  const other = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Other', 'agent', '2026-01-01T00:00:00.000Z')").run(other);
  core.db
    .prepare(
      "INSERT INTO calls (id, direction, status, agent_id, agent_name, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'open', ?, 'Other', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
    )
    .run(newId(), other);

  const first = await call(core, 'calls.listUnfinished', { limit: 2 });
  expect(first.total).toBe(3);
  expect(first.calls.map((c) => c.id)).toEqual([mine[2]!.id, mine[1]!.id]);
  const second = await call(core, 'calls.listUnfinished', { limit: 2, offset: 2 });
  expect(second.calls.map((c) => c.id)).toEqual([mine[0]!.id]);

  expect(await core.dispatch('calls.listUnfinished', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  await call(core, 'lead.setPin', { pin: '246800' });
  const all = await call(core, 'calls.listUnfinished', { scope: 'all' });
  expect(all.total).toBe(4);
  expect(all.calls.some((c) => c.agentName === 'Other')).toBe(true);
  core.close();
});

test('an open call without a script (demo data, older version) gets the current one when opened; a finished call keeps none', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', { language: 'en' });
  core.db.prepare('UPDATE calls SET script_version_id = NULL WHERE id = ?').run(c.id);
  const view = await call(core, 'calls.open', { id: c.id });
  expect(view.script?.language).toBe('zh-CN'); // the team default language, nobody chose another
  expect((await call(core, 'calls.get', { id: c.id })).scriptVersionId).toBe(view.script?.id);

  const done = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: done.id, fields: { callerName: 'A', region: 'B', subject: 'C', wants: 'D' } });
  await call(core, 'calls.complete', { id: done.id, dispositionId: await firstOutcome(core) });
  core.db.prepare('UPDATE calls SET script_version_id = NULL WHERE id = ?').run(done.id);
  expect((await call(core, 'calls.open', { id: done.id })).script).toBeNull();
  core.close();
});

test('O3/O5: completing the call made for a callback records the result and score in the same wrap-up', async () => {
  const core = memoryCore(fixedClock('2026-11-27T02:00:00.000Z'));
  const cb = await call(core, 'callbacks.schedule', {
    customerName: '张伟',
    phone: '138 0013 8000',
    reason: 'Quarterly callback',
    dueAt: '2026-11-27T01:00:00.000Z',
  });
  const c = await call(core, 'calls.start', { direction: 'outbound' });
  await call(core, 'calls.update', {
    id: c.id,
    fields: { callerName: '张伟', phone: '138 0013 8000', region: '杭州', subject: '回访', wants: '了解使用情况', category: 'callback' },
  });
  await call(core, 'callbacks.link', { id: cb.id, callId: c.id });
  expect((await call(core, 'calls.open', { id: c.id })).callback).toMatchObject({ id: cb.id, reason: 'Quarterly callback' });

  // no result: refused, nothing done
  expect(await core.dispatch('calls.complete', { id: c.id, dispositionId: await firstOutcome(core) })).toMatchObject({
    ok: false,
    error: { code: 'rule', rule: 'O3-result' },
  });
  expect((await call(core, 'calls.get', { id: c.id })).status).toBe('open');

  await call(core, 'calls.complete', { id: c.id, dispositionId: await firstOutcome(core), callback: { result: 'Works well', satisfaction: 5 } });
  const [done] = await call(core, 'callbacks.queue', { scope: 'done' });
  expect(done).toMatchObject({ id: cb.id, status: 'done', result: 'Works well', satisfaction: 5, doneByName: 'Test Agent', overdue: false });
  expect(await call(core, 'callbacks.queue', { scope: 'due' })).toEqual([]);
  core.close();
});

test('O4: the caller history carries the customer card of the number, in any spelling', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', {
    id: c.id,
    fields: { callerName: 'Wang Fang', phone: '139-1234-5678', region: 'Ningbo', address: '8 Harbour Road', subject: 'Meter', wants: 'Repair' },
  });
  await call(core, 'calls.end', { id: c.id });
  const next = await call(core, 'calls.start', {});
  const history = await call(core, 'calls.history', { phone: '+86 139 1234 5678', excludeCallId: next.id });
  expect(history.customer).toMatchObject({ name: 'Wang Fang', region: 'Ningbo', address: '8 Harbour Road' });
  expect((await call(core, 'calls.history', { phone: '021 5555 0101' })).customer).toBeNull();
  core.close();
});
