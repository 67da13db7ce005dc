// O4/P9: cards found to hold one number are merged and the merge is recorded; only a team lead
// lists merges and undoes one, and an undone merge stays undone.
import { call, memoryCore } from '../../../../helpers/core';

async function twoCardsOfOneHongKongNumber() {
  const core = memoryCore();
  for (const [phone, fields] of [
    ['2123 4567', { callerName: '陈大文', region: '九龙' }],
    ['+852 2123 4567', { callerName: '陈小明', address: '弥敦道1号' }],
  ] as const) {
    const c = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id: c.id, fields: { phone, ...fields } });
    await call(core, 'calls.end', { id: c.id });
  }
  // read in China, "2123 4567" is no complete number: two cards
  expect(core.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
  return core;
}

test('a new region merges the cards that now hold one number; a lead sees the merge and undoes it', async () => {
  const core = await twoCardsOfOneHongKongNumber();
  await call(core, 'lead.setPin', { pin: '246800' });
  await call(core, 'settings.update', { phoneRegion: 'HK' });
  const card = (await call(core, 'calls.history', { phone: '2123 4567' })).customer;
  // per field the newest value: the second call's name and address, the first call's region
  expect(card).toMatchObject({ name: '陈小明', region: '九龙', address: '弥敦道1号' });
  expect((await call(core, 'customers.lookup', { q: '2123 4567' })).people.map((p) => p.name)).toEqual(['陈小明']);

  const [merge] = await call(core, 'customers.merges', {});
  expect(merge).toMatchObject({ why: 'region', phoneNorm: '+85221234567', survivor: { name: '陈小明' }, merged: { name: '陈小明' }, moved: { calls: 1 } });
  // the first card survives (its id is the one other records know); the later one was merged into it

  const undone = await call(core, 'customers.unmerge', { mergeId: merge!.id });
  expect(undone).toMatchObject({ undoneBy: 'Test Agent' });
  expect(undone.undoneAt).not.toBeNull();
  // both cards are found by the number again, each with its own calls
  const people = (await call(core, 'customers.lookup', { q: '+852 2123 4567' })).people;
  // the survivor gets back the name and address it took; the number's calls count for it, the
  // card kept apart counts the call it had
  expect(people.map((p) => [p.name, p.address, p.calls]).sort()).toEqual([
    ['陈大文', '', 2],
    ['陈小明', '弥敦道1号', 1],
  ]);
  // the number itself still opens the surviving card
  expect((await call(core, 'calls.history', { phone: '+852 2123 4567' })).customer).toMatchObject({ name: '陈大文', region: '九龙' });
  expect(await core.dispatch('customers.unmerge', { mergeId: merge!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  expect(await core.dispatch('customers.unmerge', { mergeId: '0193a8e1-7c2b-7d4e-8f00-000000000001' })).toMatchObject({
    ok: false,
    error: { code: 'not_found' },
  });
  core.close();
});

test('listing and undoing merges needs the team-lead PIN', async () => {
  const core = await twoCardsOfOneHongKongNumber();
  await call(core, 'lead.setPin', { pin: '246800' });
  await call(core, 'settings.update', { phoneRegion: 'HK' });
  const [merge] = await call(core, 'customers.merges', {});
  await call(core, 'lead.lock', {});
  expect(await core.dispatch('customers.merges', {})).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  expect(await core.dispatch('customers.unmerge', { mergeId: merge!.id })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  expect(core.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
  core.close();
});

test('erasing the number deletes its merge records too: what they kept of either card is gone', async () => {
  const core = await twoCardsOfOneHongKongNumber();
  await call(core, 'lead.setPin', { pin: '246800' });
  await call(core, 'settings.update', { phoneRegion: 'HK' });
  expect(core.db.prepare('SELECT count(*) FROM card_merges').pluck().get()).toBe(1);
  await call(core, 'privacy.eraseCustomer', { phone: '2123-4567', reason: 'asked' });
  expect(core.db.prepare('SELECT count(*) FROM card_merges').pluck().get()).toBe(0);
  expect(core.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  core.close();
});
