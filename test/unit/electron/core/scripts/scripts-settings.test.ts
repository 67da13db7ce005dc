import { call, memoryCore } from '../../../../helpers/core';
import { sampleScript } from '../../../../helpers/samples-calls';

test('editing a script needs the team-lead PIN and makes the next version; old calls keep theirs', async () => {
  const core = memoryCore();
  const v1 = await call(core, 'scripts.current', { language: 'en' });
  const oldCall = await call(core, 'calls.start', { language: 'en' });
  expect(await core.dispatch('scripts.save', { language: 'en', basedOn: v1.id, content: sampleScript })).toMatchObject({
    ok: false,
    error: { code: 'rule', rule: 'lead' },
  });
  await call(core, 'lead.setPin', { pin: '246800' });
  const v2 = await call(core, 'scripts.save', { language: 'en', basedOn: v1.id, content: sampleScript });
  // the shipped script is at version 2 (the read-back of region and why, migration 0110)
  expect(v1.version).toBe(2);
  expect(v2).toMatchObject({ version: 3, language: 'en', createdBy: 'Test Agent' });
  expect((await call(core, 'scripts.current', { language: 'en' })).id).toBe(v2.id);
  expect((await call(core, 'calls.open', { id: oldCall.id })).script?.id).toBe(v1.id);
  const newCall = await call(core, 'calls.start', { language: 'en' });
  expect(newCall.scriptVersionId).toBe(v2.id);
  expect((await call(core, 'scripts.versions', { language: 'en' })).map((v) => [v.version, v.calls])).toEqual([
    [3, 1],
    [2, 1],
    [1, 0],
  ]);
  // an edit started from version 1 after version 2 exists would overwrite someone's work
  expect(await core.dispatch('scripts.save', { language: 'en', basedOn: v1.id, content: sampleScript })).toMatchObject({
    ok: false,
    error: { code: 'conflict' },
  });
  core.close();
});

test('a script with an unknown placeholder is refused with the place named', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '246800' });
  const v1 = await call(core, 'scripts.current', { language: 'zh-CN' });
  const bad = structuredClone(sampleScript);
  bad.steps[0]!.lines = ['您好，这里是{公司}'];
  const result = await core.dispatch('scripts.save', { language: 'zh-CN', basedOn: v1.id, content: bad });
  expect(result).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'content.steps.0.lines.0' }] } });
  expect((await call(core, 'scripts.versions', { language: 'zh-CN' })).length).toBe(2); // the shipped ones only
  core.close();
});

test('settings: team settings need the PIN, an agent sets their own language, which picks the script', async () => {
  const core = memoryCore();
  expect(await call(core, 'settings.get', {})).toEqual({
    companyName: '',
    lateAnswerSeconds: 15,
    defaultLanguage: 'zh-CN',
    myLanguage: null,
    phoneRegion: 'CN',
    locked: [],
  });
  expect(await core.dispatch('settings.update', { companyName: 'X' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  expect(await call(core, 'settings.setMyLanguage', { language: 'en' })).toMatchObject({ myLanguage: 'en' });
  const c = await call(core, 'calls.start', {});
  expect(c.scriptVersionId).toBe((await call(core, 'scripts.current', { language: 'en' })).id);
  await call(core, 'lead.setPin', { pin: '246800' });
  expect(await call(core, 'settings.update', { companyName: '华东服务公司', lateAnswerSeconds: 20 })).toMatchObject({
    companyName: '华东服务公司',
    lateAnswerSeconds: 20,
  });
  core.close();
});

test('outcomes: the lead renames, adds and retires; a retired outcome stays for old calls but cannot be chosen', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '246800' });
  const [first, second] = await call(core, 'dispositions.list', {});
  const saved = await call(core, 'dispositions.save', {
    items: [
      { id: second!.id, labelZh: '已告知', labelEn: 'Told', active: true },
      { labelZh: '新结果', labelEn: 'New outcome', active: true },
    ],
  });
  expect(saved.filter((d) => d.active).map((d) => d.labelEn)).toEqual(['Told', 'New outcome']);
  expect(saved.find((d) => d.id === first!.id)?.active).toBe(false);
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { callerName: 'a', region: 'b', subject: 'c', wants: 'd' } });
  expect(await core.dispatch('calls.complete', { id: c.id, dispositionId: first!.id })).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(await core.dispatch('dispositions.save', { items: [{ id: second!.id, labelZh: 'x', labelEn: 'x', active: false }] })).toMatchObject({ ok: false });
  core.close();
});

describe('managed configuration over settings', () => {
  async function managedCore(config: object) {
    const { startCore } = await import('../../../../../electron/core/entry/start-core');
    const { parseManagedConfig } = await import('../../../../../electron/core/infra/managed-config');
    const managedConfig = parseManagedConfig(JSON.stringify(config), '/etc/call-console/config.json');
    const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', managedConfig });
    const agent = await call(core, 'agents.add', { name: '王芳' });
    await call(core, 'session.signIn', { agentId: agent.id });
    await call(core, 'lead.setPin', { pin: '246800' });
    return core;
  }

  test('a locked company name and language win over what was stored, and cannot be changed', async () => {
    const core = await managedCore({ companyName: '华信科技', defaultLanguage: 'en', locked: ['companyName', 'myLanguage'] });
    core.db.prepare("INSERT INTO settings (key, value) VALUES ('company.name', 'Old name')").run();
    expect(await call(core, 'settings.get', {})).toMatchObject({ companyName: '华信科技', defaultLanguage: 'en', locked: ['companyName', 'myLanguage'] });
    expect(await core.dispatch('settings.update', { companyName: 'Other' })).toMatchObject({ ok: false, error: { rule: 'setting_locked' } });
    expect(await core.dispatch('settings.setMyLanguage', { language: 'zh-CN' })).toMatchObject({ ok: false, error: { rule: 'setting_locked' } });
    // the settings form sends every field: re-sending the locked value unchanged is not a change
    expect(await call(core, 'settings.update', { companyName: '华信科技', lateAnswerSeconds: 20 })).toMatchObject({ lateAnswerSeconds: 20 });
    // the greeting uses the managed company name and the call is scripted in the managed language
    const started = await call(core, 'calls.start', {});
    const script = core.db.prepare('SELECT language FROM script_versions WHERE id = ?').pluck().get(started.scriptVersionId);
    expect(script).toBe('en');
    core.close();
  });

  test('an unlocked managed value is only the default: the team lead may change it', async () => {
    const core = await managedCore({ companyName: '华信科技' });
    expect(await call(core, 'settings.get', {})).toMatchObject({ companyName: '华信科技', locked: [] });
    expect(await call(core, 'settings.update', { companyName: '华信科技（杭州）' })).toMatchObject({ companyName: '华信科技（杭州）' });
    core.close();
  });
});
