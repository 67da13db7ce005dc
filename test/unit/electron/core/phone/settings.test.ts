// Phone settings: the team lead sets them; IT's managed configuration presets them or locks them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { parseManagedConfig } from '../../../../../electron/core/infra/managed-config';
import { newId } from '../../../../../electron/core/infra/ids';
import { call, fixedClock } from '../../../../helpers/core';

function coreWith(configText: string | undefined) {
  const core = startCore({
    dbFile: ':memory:',
    transport: 'browser',
    version: 't',
    clock: fixedClock('2026-12-01T02:00:00.000Z'),
    managedConfig: parseManagedConfig(configText, '/etc/call-console/config.json'),
  });
  const agentId = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Lead', 'lead', '2026-01-01T00:00:00.000Z')").run(agentId);
  void core.dispatch('session.signIn', { agentId });
  return core;
}

test('defaults: no source (F2 as before), 5 s per ring, baresip on 127.0.0.1:4444; only the lead changes them', async () => {
  const core = coreWith(undefined);
  expect(await call(core, 'phone.settings', {})).toMatchObject({
    source: 'none',
    extension: '',
    ringCadenceSeconds: 5,
    baresipAddress: '127.0.0.1:4444',
    httpPort: 0,
    locked: [],
    endpoint: null,
  });
  expect(await core.dispatch('phone.configure', { source: 'http' })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  await call(core, 'lead.setPin', { pin: '246800' });
  expect(await call(core, 'phone.configure', { source: 'http', extension: '8001', ringCadenceSeconds: 1.5 })).toMatchObject({
    source: 'http',
    extension: '8001',
    ringCadenceSeconds: 1.5,
  });
  expect(await core.dispatch('phone.configure', { ringCadenceSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(await core.dispatch('phone.configure', { baresipAddress: 'not an address' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  core.close();
});

test('IT presets and locks: the locked value wins and changing it is refused; the example file is valid', async () => {
  const example = readFileSync(join(__dirname, '../../../../../build/config.example.json'), 'utf8');
  expect(parseManagedConfig(example, 'x').problems).toEqual([]);
  const core = coreWith(
    JSON.stringify({
      phoneSource: 'baresip',
      baresipAddress: '127.0.0.1:1',
      ringCadenceSeconds: 4,
      phoneExtension: '8001',
      locked: ['phoneSource', 'ringCadenceSeconds'],
    }),
  );
  await call(core, 'lead.setPin', { pin: '246800' });
  expect(await call(core, 'phone.settings', {})).toMatchObject({
    source: 'baresip',
    ringCadenceSeconds: 4,
    extension: '8001',
    locked: ['phoneSource', 'ringCadenceSeconds'],
  });
  expect(await core.dispatch('phone.configure', { source: 'http' })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'setting_locked' } });
  // the unlocked preset is only a default
  expect(await call(core, 'phone.configure', { extension: '8002', source: 'baresip' })).toMatchObject({ extension: '8002', source: 'baresip' });
  expect(parseManagedConfig(JSON.stringify({ phoneSource: 'skype', ringCadenceSeconds: 0 }), 'x').problems.map((p) => p.field)).toEqual([
    'phoneSource',
    'ringCadenceSeconds',
  ]);
  core.close();
});
