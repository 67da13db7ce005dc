import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  applyManagedConfig,
  assertSettingsUnlocked,
  defaultConfigFile,
  loadManagedConfig,
  managedConfigFile,
  parseManagedConfig,
} from '../../../../../electron/core/infra/managed-config';
import { verifyPin } from '../../../../../electron/core/lead/lead-pin';
import { managedConfigDefaults, type ManagedConfig } from '../../../../../shared/schemas/managed-config';
import { AppError } from '../../../../../shared/errors';
import { call, memoryCore } from '../../../../helpers/core';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { listBackups } from '../../../../../electron/core/db/backup';

const root = resolve(__dirname, '../../../../..');
const FILE = '/etc/call-console/config.json';

describe('where the file is', () => {
  it('is the OS-wide place IT deploys to', () => {
    expect(defaultConfigFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Call Console\\config.json');
    expect(defaultConfigFile('win32', {})).toBe('C:\\ProgramData\\Call Console\\config.json');
    expect(defaultConfigFile('linux', {})).toBe('/etc/call-console/config.json');
    expect(defaultConfigFile('darwin', {})).toBe('/Library/Application Support/Call Console/config.json');
  });

  it('--config beats CALL_CONSOLE_CONFIG, which beats the OS default', () => {
    const env = { CALL_CONSOLE_CONFIG: '/tmp/env.json' };
    expect(managedConfigFile(['app', '--config', '/tmp/arg.json'], env, 'linux')).toBe(resolve('/tmp/arg.json'));
    expect(managedConfigFile(['app', '--config=/tmp/arg2.json'], env, 'linux')).toBe(resolve('/tmp/arg2.json'));
    expect(managedConfigFile(['app'], env, 'linux')).toBe(resolve('/tmp/env.json'));
    expect(managedConfigFile(['app', '--config'], { CALL_CONSOLE_CONFIG: '' }, 'linux')).toBe(FILE);
  });
});

describe('parseManagedConfig', () => {
  it('no file: not managed, defaults, no problems', () => {
    expect(parseManagedConfig(undefined, FILE)).toEqual({ file: FILE, found: false, config: managedConfigDefaults, problems: [] });
  });

  it('reads every field of the documented example file', () => {
    const text = readFileSync(join(root, 'build', 'config.example.json'), 'utf8');
    const result = parseManagedConfig(text, FILE);
    expect(result.problems).toEqual([]);
    expect(result.config).toMatchObject({
      companyName: expect.any(String),
      defaultLanguage: 'zh-CN',
      backupCount: 14,
      retentionMonths: 36,
      locked: expect.arrayContaining(['companyName']),
    });
    expect(result.config.leadPinHash).toMatch(/^scrypt\$/);
    expect(result.config.dataFolder).toBeTruthy();
  });

  it('a wrong field names the file and the field, falls back for that field only', () => {
    const result = parseManagedConfig(
      JSON.stringify({ companyName: '华信科技', backupCount: 'seven', defaultLanguage: 'fr', locked: ['companyName', 42, 'language'] }),
      FILE,
    );
    expect(result.file).toBe(FILE);
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['backupCount', 'invalid_value'],
      ['defaultLanguage', 'invalid_value'],
      ['locked.1', 'invalid_value'],
    ]);
    expect(result.config).toMatchObject({ companyName: '华信科技', backupCount: 7, defaultLanguage: null, locked: ['companyName', 'language'] });
  });

  it('reports a misspelt field instead of silently ignoring it', () => {
    const result = parseManagedConfig('{"backupcount": 3}', FILE);
    expect(result.problems).toEqual([expect.objectContaining({ field: 'backupcount', code: 'unknown_field' })]);
    expect(result.config.backupCount).toBe(7);
  });

  it('broken JSON, or JSON that is not an object: defaults and one problem for the whole file', () => {
    const broken = parseManagedConfig('{ "companyName": "x", }', FILE);
    expect(broken.found).toBe(true);
    expect(broken.config).toEqual(managedConfigDefaults);
    expect(broken.problems).toEqual([expect.objectContaining({ field: '', code: 'invalid_json' })]);
    expect(parseManagedConfig('[1,2]', FILE).problems).toEqual([expect.objectContaining({ code: 'not_object' })]);
  });

  it('accepts the byte-order mark Notepad writes', () => {
    expect(parseManagedConfig('\uFEFF{"backupCount": 3}', FILE)).toMatchObject({ problems: [], config: { backupCount: 3 } });
  });

  it('refuses relative folders and a PIN that is not a hash', () => {
    const result = parseManagedConfig(JSON.stringify({ dataFolder: 'data', exportFolder: 'C:\\Exports', leadPinHash: '1234' }), FILE);
    expect(result.problems.map((p) => p.field)).toEqual(['dataFolder', 'leadPinHash']);
    expect(result.config).toMatchObject({ dataFolder: null, exportFolder: 'C:\\Exports', leadPinHash: null });
  });
});

describe('loadManagedConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'call-console-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file is not a problem', () => {
    expect(loadManagedConfig(join(dir, 'none.json'))).toMatchObject({ found: false, problems: [] });
  });

  it('reads the file from disk', () => {
    writeFileSync(join(dir, 'config.json'), '{"retentionMonths": 24}');
    expect(loadManagedConfig(join(dir, 'config.json'))).toMatchObject({ found: true, problems: [], config: { retentionMonths: 24 } });
  });

  it('an unreadable file is a problem, not a crash', () => {
    const read = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect(loadManagedConfig(join(dir, 'config.json'), read)).toMatchObject({
      found: true,
      config: managedConfigDefaults,
      problems: [{ field: '', code: 'unreadable', detail: 'EACCES' }],
    });
  });
});

describe('applyManagedConfig: per-user settings cannot override a locked value', () => {
  const it_ = (over: Partial<ManagedConfig>): ManagedConfig => ({ ...managedConfigDefaults, ...over });

  it('an unlocked managed value is only the default: the agent may change it', () => {
    const config = it_({ companyName: '华信科技', defaultLanguage: 'zh-CN' });
    expect(applyManagedConfig({}, config)).toEqual({ effective: { companyName: '华信科技', defaultLanguage: 'zh-CN' }, locked: [] });
    expect(applyManagedConfig({ defaultLanguage: 'en', lateAnswerRings: 4 }, config).effective).toEqual({
      companyName: '华信科技',
      defaultLanguage: 'en',
      lateAnswerRings: 4,
    });
  });

  it("a locked managed value wins over the agent's", () => {
    const config = it_({ companyName: '华信科技', locked: ['companyName'] });
    const { effective, locked } = applyManagedConfig({ companyName: 'My own name', defaultLanguage: 'en' }, config);
    expect(effective).toEqual({ companyName: '华信科技', defaultLanguage: 'en' });
    expect(locked).toEqual(['companyName']);
  });

  it("a locked setting IT gave no value for ignores the agent's value (the app default applies)", () => {
    const config = it_({ locked: ['lateAnswerRings'] });
    expect(applyManagedConfig({ lateAnswerRings: 9, defaultLanguage: 'en' }, config).effective).toEqual({ defaultLanguage: 'en' });
  });

  it('a change to a locked setting is refused with rule setting_locked, naming the setting', () => {
    const config = it_({ locked: ['companyName'] });
    expect(() => assertSettingsUnlocked({ defaultLanguage: 'en' }, config)).not.toThrow();
    try {
      assertSettingsUnlocked({ companyName: 'x', defaultLanguage: 'en' }, config);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).toShape()).toMatchObject({ code: 'rule', rule: 'setting_locked', fields: [{ path: 'companyName' }] });
    }
  });
});

describe('the core under a managed config', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'call-console-managed-'))));
  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps backupCount backups', async () => {
    const dbFile = join(dir, 'console.db');
    const managedConfig = parseManagedConfig('{"backupCount": 2}', FILE);
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) {
      const core = startCore({ dbFile, transport: 'browser', version: 'test', managedConfig, clock: { now: () => new Date(`${day}T04:00:00Z`) } });
      await core.backup;
      core.close();
    }
    expect(listBackups(dbFile).map((f) => f.slice(-13))).toEqual(['2026-11-26.db', '2026-11-27.db']);
  });

  it('shows the file, its problems and the values in force in about.diagnostics, never the PIN hash', async () => {
    const managedConfig = parseManagedConfig(
      JSON.stringify({ companyName: '华信科技', backupCount: 0, leadPinHash: readHashFromExample(), locked: ['companyName'] }),
      FILE,
    );
    const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', managedConfig });
    const d = await call(core, 'about.diagnostics', {});
    expect(d.managedConfig).toMatchObject({
      file: FILE,
      found: true,
      problems: [{ field: 'backupCount', code: 'invalid_value' }],
      effective: { companyName: '华信科技', backupCount: 7, locked: ['companyName'], leadPinSet: true },
    });
    expect(JSON.stringify(d)).not.toContain('scrypt$');
    core.close();
  });
});

function readHashFromExample(): string {
  return JSON.parse(readFileSync(join(root, 'build', 'config.example.json'), 'utf8')).leadPinHash;
}

test('the README one-liner makes a hash that hashPin/verifyPin accept, and the app accepts in the config', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- hash-pin -->\s*```sh\n([^\n]+)\n```/.exec(readme)?.[1];
  expect(block, 'README has the hash-pin one-liner after <!-- hash-pin -->').toBeTruthy();
  const match = /^node -e "(.+)" (\S+)$/.exec(block!);
  expect(match).toBeTruthy();
  const hash = execFileSync(process.execPath, ['-e', match![1]!.replace(/\\\$/g, '$'), '4812'], { encoding: 'utf8' }).trim();
  expect(verifyPin('4812', hash)).toBe(true);
  expect(verifyPin('4813', hash)).toBe(false);
  expect(parseManagedConfig(JSON.stringify({ leadPinHash: hash }), FILE).problems).toEqual([]);
});

test('memoryCore (no managed config) reports "not managed" with defaults', async () => {
  const core = memoryCore();
  const d = await call(core, 'about.diagnostics', {});
  expect(d.managedConfig).toMatchObject({ found: false, problems: [], effective: { backupCount: 7, leadPinSet: false, locked: [] } });
  core.close();
});
