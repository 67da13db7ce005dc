// P9: the default region numbers are read in is a team setting (CN unless chosen), validated as an
// ISO region code, preset or locked by IT; changing it re-keys what is stored.
import { call, memoryCore } from '../../../../helpers/core';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { parseManagedConfig } from '../../../../../electron/core/infra/managed-config';

async function signedIn(managed?: object) {
  const core = managed
    ? startCore({
        dbFile: ':memory:',
        transport: 'browser',
        version: 'test',
        managedConfig: parseManagedConfig(JSON.stringify(managed), '/etc/call-console/config.json'),
      })
    : memoryCore();
  if (managed) {
    const agent = await call(core, 'agents.add', { name: '王芳' });
    await call(core, 'session.signIn', { agentId: agent.id });
  }
  return core;
}

test('CN by default; a lead sets another ISO region; anything else is refused with the field named', async () => {
  const core = await signedIn();
  expect((await call(core, 'settings.get', {})).phoneRegion).toBe('CN');
  expect(await core.dispatch('settings.update', { phoneRegion: 'HK' })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  await call(core, 'lead.setPin', { pin: '246800' });
  expect((await call(core, 'settings.update', { phoneRegion: 'hk' })).phoneRegion).toBe('HK');
  for (const bad of ['ZZ', 'CHN', '', '86']) {
    const result = await core.dispatch('settings.update', { phoneRegion: bad });
    expect(result, bad).toMatchObject({ ok: false, error: { code: 'validation', fields: [expect.objectContaining({ path: 'phoneRegion' })] } });
  }
  expect((await call(core, 'settings.get', {})).phoneRegion).toBe('HK');
  core.close();
});

test('a new region re-keys the stored numbers typed without country code: history finds them in the new reading', async () => {
  const core = await signedIn();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { phone: '2123 4567', callerName: '陈大文' } });
  // in China an 8-digit number without area code is no complete number: its digits are the key
  expect(core.db.prepare('SELECT phone_norm FROM calls WHERE id = ?').pluck().get(c.id)).toBe('21234567');
  await call(core, 'lead.setPin', { pin: '246800' });
  await call(core, 'settings.update', { phoneRegion: 'HK' });
  expect(core.db.prepare('SELECT phone_norm FROM calls WHERE id = ?').pluck().get(c.id)).toBe('+85221234567');
  const history = await call(core, 'calls.history', { phone: '+852 2123 4567' });
  expect(history.calls.map((x) => x.id)).toEqual([c.id]);
  // numbers typed from now on are read in Hong Kong too
  const d = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: d.id, fields: { phone: '9123 4567' } });
  expect(core.db.prepare('SELECT phone_norm FROM calls WHERE id = ?').pluck().get(d.id)).toBe('+85291234567');
  core.close();
});

test('IT presets or locks the region in the managed configuration; a bad value is reported and CN applies', async () => {
  const locked = await signedIn({ phoneRegion: 'GB', locked: ['phoneRegion'] });
  expect(await call(locked, 'settings.get', {})).toMatchObject({ phoneRegion: 'GB', locked: ['phoneRegion'] });
  await call(locked, 'lead.setPin', { pin: '246800' });
  expect(await locked.dispatch('settings.update', { phoneRegion: 'CN' })).toMatchObject({ ok: false, error: { rule: 'setting_locked' } });
  const c = await call(locked, 'calls.start', {});
  await call(locked, 'calls.update', { id: c.id, fields: { phone: '020 7946 0958' } });
  expect(locked.db.prepare('SELECT phone_norm FROM calls WHERE id = ?').pluck().get(c.id)).toBe('+442079460958');
  locked.close();

  const preset = await signedIn({ phoneRegion: 'GB' });
  await call(preset, 'lead.setPin', { pin: '246800' });
  expect((await call(preset, 'settings.update', { phoneRegion: 'CN' })).phoneRegion).toBe('CN');
  preset.close();

  const result = parseManagedConfig(JSON.stringify({ phoneRegion: 'XX', companyName: 'A' }), '/etc/call-console/config.json');
  expect(result.problems).toEqual([expect.objectContaining({ field: 'phoneRegion', code: 'invalid_value' })]);
  expect(result.config).toMatchObject({ companyName: 'A' });
  expect(result.config.phoneRegion ?? null).toBeNull();
});
