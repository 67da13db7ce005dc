import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { hashPin, verifyPin } from '../../../../../electron/core/lead/lead-pin';

test('the PIN is stored only as an scrypt hash', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '864200' });
  const stored = core.db.prepare("SELECT value FROM settings WHERE key = 'lead.pinHash'").pluck().get() as string;
  expect(stored).toMatch(/^scrypt\$/);
  expect(stored).not.toContain('864200');
  expect(verifyPin('864200', stored)).toBe(true);
  expect(verifyPin('8643', stored)).toBe(false);
  expect(hashPin('864200')).not.toBe(hashPin('864200')); // salted
  core.close();
});

test('unlock opens team-lead mode for ten minutes, lock closes it', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  expect(await call(core, 'lead.state', {})).toEqual({ pinSet: false, pinManaged: false, unlocked: false, until: null });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'lead.lock', {});
  expect(await call(core, 'lead.unlock', { pin: '864200' })).toMatchObject({ unlocked: true, until: '2026-11-27T02:10:00.000Z' });
  clock.advance(10 * 60_000 + 1);
  expect(await call(core, 'lead.state', {})).toMatchObject({ unlocked: false });
  // changing the PIN once set needs the PIN
  expect(await core.dispatch('lead.setPin', { pin: '111111' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  core.close();
});

test('wrong PINs are rate-limited, and the wait grows', async () => {
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  const core = memoryCore(clock);
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'lead.lock', {});
  for (let i = 0; i < 3; i++) {
    expect(await core.dispatch('lead.unlock', { pin: '000000' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  }
  // even the right PIN waits now
  expect(await core.dispatch('lead.unlock', { pin: '864200' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '000000' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '864200' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_000);
  expect(await call(core, 'lead.unlock', { pin: '864200' })).toMatchObject({ unlocked: true });
  core.close();
});

test('signing out locks team-lead mode', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '864200' });
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
  expect(await core.dispatch('lead.setPin', { pin: '123456' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_managed' } });
  expect(await core.dispatch('lead.unlock', { pin: '123400' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  expect(await call(core, 'lead.unlock', { pin: '97531' })).toMatchObject({ unlocked: true });
  core.close();
});

test('the back-off survives a restart: three wrong PINs, restart, and the wait is still there', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startCore } = await import('../../../../../electron/core/entry/start-core');
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-pin-')), 'console.db');
  const clock = fixedClock('2026-11-27T02:00:00.000Z');
  let core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await core.backup;
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'lead.lock', {});
  for (let i = 0; i < 3; i++) await core.dispatch('lead.unlock', { pin: '000000' });
  core.close();
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await core.backup;
  // no fresh three guesses: even the right PIN waits
  expect(await core.dispatch('lead.unlock', { pin: '864200' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '111111' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wrong' } });
  // the fourth failure doubles the wait, also after a restart
  core.close();
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await core.backup;
  clock.advance(5_001);
  expect(await core.dispatch('lead.unlock', { pin: '864200' })).toMatchObject({ ok: false, error: { rule: 'lead_pin_wait' } });
  clock.advance(5_000);
  expect(await call(core, 'lead.unlock', { pin: '864200' })).toMatchObject({ unlocked: true });
  core.close();
});

test.each(['1234', '12345', 'abcdefg', ''])('a new PIN %j is too weak: validation, nothing stored', async (pin) => {
  const core = memoryCore();
  expect(await core.dispatch('lead.setPin', { pin })).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'pin' }] } });
  expect(await call(core, 'lead.state', {})).toMatchObject({ pinSet: false });
  core.close();
});

test.each(['123456', 'correct horse'])('a new PIN %j is accepted', async (pin) => {
  const core = memoryCore();
  expect(await call(core, 'lead.setPin', { pin })).toMatchObject({ pinSet: true, unlocked: true });
  core.close();
});

test('another agent signing in locks lead mode; lead actions are recorded under who typed the PIN', async () => {
  const core = memoryCore(fixedClock('2026-11-27T02:00:00.000Z'));
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  const other = await call(core, 'agents.add', { name: 'Agent Wu' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: '张伟', phone: '13800138000' } });
  // the lead walks away without signing out; another agent signs in
  await call(core, 'session.signIn', { agentId: other.id });
  expect(await call(core, 'lead.state', {})).toMatchObject({ unlocked: false });
  expect(await core.dispatch('privacy.eraseCustomer', { phone: '13800138000', reason: 'x' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  // the PIN typed while Wu is signed in: the erasure is recorded under Wu, who is at the desk
  await call(core, 'lead.unlock', { pin: '864200' });
  const record = await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked' });
  expect(record.agentName).toBe('Agent Wu');
  // signing out locks as well
  await call(core, 'session.signOut', {});
  await call(core, 'session.signIn', { agentId: other.id });
  expect(await call(core, 'lead.state', {})).toMatchObject({ unlocked: false });
  core.close();
});

test('agents.add {role: lead} needs the PIN when IT deployed the hash (none set in the app)', async () => {
  const { startCore } = await import('../../../../../electron/core/entry/start-core');
  const { parseManagedConfig } = await import('../../../../../electron/core/infra/managed-config');
  const managedConfig = parseManagedConfig(JSON.stringify({ leadPinHash: hashPin('975310') }), '/etc/call-console/config.json');
  const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', managedConfig });
  const before = core.db.prepare('SELECT count(*) FROM agents').pluck().get();
  expect(await core.dispatch('agents.add', { name: 'Self-made Lead', role: 'lead' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  expect(core.db.prepare('SELECT count(*) FROM agents').pluck().get()).toBe(before);
  // an ordinary agent may still add themselves at sign-in
  await call(core, 'agents.add', { name: 'New Agent' });
  await call(core, 'lead.unlock', { pin: '975310' });
  expect(await call(core, 'agents.add', { name: 'Real Lead', role: 'lead' })).toMatchObject({ role: 'lead' });
  core.close();
});
