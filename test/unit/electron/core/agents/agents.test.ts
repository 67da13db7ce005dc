import { call, fixedClock, memoryCore } from '../../../../helpers/core';

test('an agent signs in by picking their name, and their calls carry it (O1)', async () => {
  const core = memoryCore(fixedClock('2026-11-27T02:00:00.000Z'), { signedIn: false });
  const fang = await call(core, 'agents.add', { name: '王芳' });
  await call(core, 'agents.add', { name: 'Li Na', role: 'lead' });
  expect((await call(core, 'agents.list', {})).map((a) => a.name)).toEqual(['Li Na', '王芳']);

  expect(await core.dispatch('calls.start', {})).toMatchObject({ ok: false, error: { code: 'rule', rule: 'signin' } });
  await call(core, 'session.signIn', { agentId: fang.id });
  expect(await call(core, 'session.current', {})).toMatchObject({ name: '王芳' });
  const c = await call(core, 'calls.start', {});
  expect(c).toMatchObject({ agentId: fang.id, agentName: '王芳' });
  await call(core, 'session.signOut', {});
  expect(await call(core, 'session.current', {})).toBeNull();
  core.close();
});

test('two agents cannot share a name', async () => {
  const core = memoryCore();
  await call(core, 'agents.add', { name: 'Zhang Wei' });
  expect(await core.dispatch('agents.add', { name: 'zhang wei' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  expect(await core.dispatch('agents.add', { name: '   ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  core.close();
});

test('a call with a phone number creates one customer card when it ends, updated by later calls (O4)', async () => {
  // The card is linked when the call ends, not per keystroke: autosave stays one UPDATE.
  const core = memoryCore();
  const first = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: first.id, fields: { phone: '138 0013 8000', callerName: '张伟' } });
  await call(core, 'calls.end', { id: first.id });
  const second = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: second.id, fields: { phone: '+86 13800138000', region: '杭州' } });
  const saved = await call(core, 'calls.end', { id: second.id });
  const customers = core.db.prepare('SELECT name, region, phone_norm FROM customers').all();
  expect(customers).toEqual([{ name: '张伟', region: '杭州', phone_norm: '+8613800138000' }]);
  expect(saved.customerId).toBe((await call(core, 'calls.get', { id: first.id })).customerId);
  core.close();
});
