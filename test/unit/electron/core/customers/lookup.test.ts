import { call, memoryCore } from '../../../../helpers/core';

test('O4: people by name or number with true totals of calls, complaints and callbacks, and the field that matched', async () => {
  const core = memoryCore();
  for (let i = 0; i < 3; i++) {
    const c = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', phone: '138 0013 8000', region: '杭州', subject: `第${i}次` } });
    await call(core, 'calls.end', { id: c.id });
  }
  // another caller whose notes mention 张伟 is not a person called 张伟
  const other = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: other.id, fields: { callerName: '李娜', phone: '139 1234 5678', details: '帮张伟问发票' } });
  await call(core, 'calls.end', { id: other.id });
  await call(core, 'complaints.create', {
    customerName: '张伟',
    phone: '13800138000',
    matter: '退款',
    wants: '到账',
    category: 'service',
    severity: 'normal',
    nextReplyDue: '2027-06-01T00:00:00.000Z',
  });
  await call(core, 'callbacks.schedule', { customerName: '张伟', phone: '13800138000', reason: '回访', dueAt: '2027-06-01T00:00:00.000Z' });

  const byName = await call(core, 'customers.lookup', { q: '张伟' });
  expect(byName.total).toBe(1);
  expect(byName.people).toMatchObject([{ name: '张伟', region: '杭州', matched: 'name', calls: 3, complaints: 1, openComplaints: 1, pendingCallbacks: 1 }]);
  const byPhone = await call(core, 'customers.lookup', { q: '+86 138-0013' });
  expect(byPhone.people).toMatchObject([{ name: '张伟', matched: 'phone' }]);
  expect((await call(core, 'customers.lookup', { q: '100%' })).total).toBe(0); // taken literally
  expect(await core.dispatch('customers.lookup', { q: ' ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  core.close();
});
