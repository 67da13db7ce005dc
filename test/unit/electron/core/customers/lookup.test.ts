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

// P9: one customer, many spellings
const landline = ['010-6655-4433', '+86 10 6655 4433', '0086 10 6655 4433', '(010) 66554433', '０１０－６６５５－４４３３', '86-10-6655-4433 转 8021'];
const mobile = ['138 0013 8000', '+86 138-0013-8000', '0086 13800138000', '8613800138000', '１３８００１３８０００', '138.0013.8000 ext. 5'];

test.each([
  ['a landline', landline, '+861066554433'],
  ['a mobile', mobile, '+8613800138000'],
])('P9: %s typed six ways is one customer: one card, one history, the returning-caller fill, one erasure', async (_, spellings, e164) => {
  const core = memoryCore();
  const ids: string[] = [];
  for (const [i, phone] of spellings.entries()) {
    const c = await call(core, 'calls.start', {});
    // the first call gives the name, a later one the address: the card holds both
    const fields = i === 0 ? { callerName: '张伟', region: '北京' } : i === 3 ? { address: '朝阳路1号' } : {};
    await call(core, 'calls.update', { id: c.id, fields: { phone, subject: `第${i}次`, ...fields } });
    await call(core, 'calls.end', { id: c.id });
    ids.push(c.id);
  }
  // another caller's note names the number in two of its spellings
  const other = await call(core, 'calls.start', {});
  await call(core, 'calls.update', {
    id: other.id,
    fields: { callerName: '李娜', phone: '139 1234 5678', details: `请回电 ${spellings[0]} 或 ${spellings[1]}` },
  });
  await call(core, 'calls.end', { id: other.id });

  expect(core.db.prepare("SELECT phone_norm FROM customers WHERE name = '张伟'").pluck().all()).toEqual([e164]);
  for (const phone of spellings) {
    const history = await call(core, 'calls.history', { phone });
    expect(history.phoneNorm, phone).toBe(e164);
    expect(history.calls.map((c) => c.id).sort(), phone).toEqual([...ids].sort());
    // the returning-caller fill (Alt+F) offers the card whatever the spelling
    expect(history.customer, phone).toMatchObject({ name: '张伟', region: '北京', address: '朝阳路1号' });
    const found = await call(core, 'customers.lookup', { q: phone.replace(/ (转|ext\.) \d+$/, '') });
    expect(
      found.people.map((p) => p.name),
      phone,
    ).toEqual(['张伟']);
    expect(found.people[0]!.calls, phone).toBe(6);
  }
  // part of the number in its national form still finds the card
  expect((await call(core, 'customers.lookup', { q: spellings[0]!.slice(0, 7) })).people.map((p) => p.name)).toEqual(['张伟']);

  await call(core, 'lead.setPin', { pin: '246800' });
  const erased = await call(core, 'privacy.eraseCustomer', { phone: spellings[4]!, reason: 'asked to be forgotten' });
  expect(erased.counts).toMatchObject({ calls: 6, customers: 1 });
  for (const phone of spellings) {
    expect((await call(core, 'calls.history', { phone })).calls, phone).toEqual([]);
    expect((await call(core, 'customers.lookup', { q: phone.replace(/ (转|ext\.) \d+$/, '') })).total, phone).toBe(0);
  }
  const note = (await call(core, 'calls.get', { id: other.id })).details;
  expect(note).not.toMatch(/6655|0013/);
  // erasing again, in yet another spelling, is safe and answers the same erasure
  expect((await call(core, 'privacy.eraseCustomer', { phone: spellings[2]!, reason: 'again' })).id).toBe(erased.id);
  core.close();
});
