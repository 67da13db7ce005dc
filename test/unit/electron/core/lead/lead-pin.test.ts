import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { hashPin, verifyPin } from '../../../../../electron/core/lead/lead-pin';

test('the PIN is stored only as an scrypt hash', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '8642' });
  const stored = core.db.prepare("SELECT value FROM settings WHERE key = 'lead.pinHash'").pluck().get() as string;
  expect(stored).toMatch(/^scrypt\$/);
  expect(stored).not.toContain('8642');
  expect(verifyPin('8642', stored)).toBe(true);
  expect(verifyPin('8643', stored)).toBe(false);
  expect(hashPin('8642')).not.toBe(hashPin('8642')); // salted
  core.close();
});

test('unlock opens team-lead mode for ten minutes, lock closes it', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  expect(await call(core, 'lead.state', {})).toEqual({ pinSet: false, pinManaged: false, unlocked: false, until: null });
  await call(core, 'lead.setPin', { pin: '8642' });
  await call(core, 'lead.lock', {});
  expect(await call(core, 'lead.unlock', { pin: '8642' })).toMatchObject({ unlocked: true, until: '2026-11-27T02:10:00.000Z' });
  clock.advance(10 * 60_000 + 1);
  expect(await call(core, 'lead.state', {})).toMatchObject({ unlocked: false });
  // changing the PIN once set needs the PIN
  expect(await core.dispatch('lead.setPin', { pin: '1111' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  core.close();
});

test('wrong PINs are rate-limited, and the wait grows', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  await call(core, 'lead.setPin', { pin: '8642' });
  await call(core, 'lead.lock', {});
  for (let i = 0; i < 3; i++) {
    expect(await core.dispatch('lead.unlock', { pin: '0000' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  }
  // even the right PIN waits now
  expect(await core.dispatch('lead.unlock', { pin: '8642' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '0000' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '8642' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_000);
  expect(await call(core, 'lead.unlock', { pin: '8642' })).toMatchObject({ unlocked: true });
  core.close();
});

test('signing out locks team-lead mode', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '8642' });
  await call(core, 'session.signOut', {});
  expect(await call(core, 'lead.state', {})).toMatchObject({ unlocked: false });
  core.close();
});

test('a PIN hash deployed by IT unlocks team-lead mode and cannot be replaced in the app', async () => {
  const { startCore } = await import('../../../../../electron/core/entry/start-core');
  const { parseManagedConfig } = await import('../../../../../electron/core/infra/managed-config');
  const managedConfig = parseManagedConfig(JSON.stringify({ leadPinHash: hashPin('97531') }), '/etc/call-console/config.json');
  const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', managedConfig });
  expect(await call(core, 'lead.state', {})).toMatchObject({ pinSet: true, pinManaged: true, unlocked: false });
  expect(await core.dispatch('lead.setPin', { pin: '1234' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_managed' } });
  expect(await core.dispatch('lead.unlock', { pin: '1234' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  expect(await call(core, 'lead.unlock', { pin: '97531' })).toMatchObject({ unlocked: true });
  core.close();
});
