// Nobody signed in, no PIN: no personal data. A signed-in agent reads what the work needs; paging
// through many records is a lead's action and is recorded (who, which page, never the rows).
import { methodNames, type Method } from '../../../../../shared/contract';
import { personalDataMethods, withoutPersonalData } from '../../../../../electron/core/privacy/access';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { samples } from '../../../../helpers/samples';

test('every method is declared as holding personal data or not (a new method forces the decision)', () => {
  const undeclared = methodNames.filter((m) => personalDataMethods.has(m) === withoutPersonalData.has(m));
  expect(undeclared, 'add it to exactly one list in electron/core/privacy/access.ts').toEqual([]);
});

test.each([...personalDataMethods])('%s with nobody signed in is refused (sign in first)', async (method) => {
  const core = memoryCore(undefined, { signedIn: false });
  const result = await core.dispatch(method, samples[method as Method]);
  expect(result.ok).toBe(false);
  if (!result.ok && result.error.code !== 'validation') expect(result.error).toMatchObject({ code: 'rule', rule: 'signin' });
  core.close();
});

test('the rows behind a report figure: an agent gets the first page; a lead pages on and it is recorded', async () => {
  const core = memoryCore(fixedClock('2026-11-27T02:00:00.000Z'), { signedIn: false });
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  const agent = await call(core, 'agents.add', { name: 'Agent Wu' });
  await call(core, 'session.signIn', { agentId: agent.id });
  for (let i = 0; i < 3; i++) {
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id, fields: { callerName: `客户${i}`, phone: `1380013800${i}` } });
  }
  const period = { month: '2026-11' };
  expect((await call(core, 'reports.rows', { period, limit: 100 })).rows).toHaveLength(3);
  expect(await core.dispatch('reports.rows', { period, offset: 100, limit: 100 })).toMatchObject({ ok: false, error: { rule: 'lead-bulk' } });
  expect(await core.dispatch('reports.rows', { period, limit: 500 })).toMatchObject({ ok: false, error: { rule: 'lead-bulk' } });
  expect(await core.dispatch('search.query', { q: '客户', limit: 200 })).toMatchObject({ ok: false, error: { rule: 'lead-bulk' } });
  expect(await core.dispatch('complaints.list', { q: '客户', offset: 100 })).toMatchObject({ ok: false, error: { rule: 'lead-bulk' } });
  expect(core.db.prepare('SELECT count(*) FROM access_log').pluck().get()).toBe(0);

  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  expect((await call(core, 'reports.rows', { period, offset: 0, limit: 500 })).rows).toHaveLength(3);
  await call(core, 'search.query', { q: '客户', limit: 200 });
  expect(core.db.prepare('SELECT agent_name, method, page FROM access_log ORDER BY at, method').all()).toEqual([
    { agent_name: 'Lead Li', method: 'reports.rows', page: '{"offset":0,"limit":500,"search":false}' },
    { agent_name: 'Lead Li', method: 'search.query', page: '{"offset":0,"limit":200,"search":true}' },
  ]);
  core.close();
});
