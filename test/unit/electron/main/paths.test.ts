import { join, resolve } from 'node:path';
import { dbFileName, devNativeBinding, devNativeBindingPath, resolveDbFile, resolveLogDir } from '../../../../electron/main/paths';

const userData = resolve('/data/Call Console');

describe('resolveDbFile', () => {
  it('uses call-console.db in the user data folder by default', () => {
    expect(resolveDbFile(['electron', '.'], {}, userData)).toBe(join(userData, dbFileName));
    expect(dbFileName).toBe('call-console.db');
  });

  it('lets CALL_CONSOLE_DB override the user data folder', () => {
    expect(resolveDbFile(['electron', '.'], { CALL_CONSOLE_DB: '/tmp/t1/test.db' }, userData)).toBe(resolve('/tmp/t1/test.db'));
  });

  it('lets --db <file> and --db=<file> override both', () => {
    const env = { CALL_CONSOLE_DB: '/tmp/env.db' };
    expect(resolveDbFile(['electron', '.', '--db', '/tmp/arg.db'], env, userData)).toBe(resolve('/tmp/arg.db'));
    expect(resolveDbFile(['electron', '.', '--db=/tmp/arg2.db'], env, userData)).toBe(resolve('/tmp/arg2.db'));
  });

  it('resolves a relative --db against the working directory', () => {
    expect(resolveDbFile(['app', '--db', 'local.db'], {}, userData)).toBe(resolve('local.db'));
  });

  it('ignores --db without a file and an empty CALL_CONSOLE_DB', () => {
    expect(resolveDbFile(['app', '--db'], { CALL_CONSOLE_DB: '' }, userData)).toBe(join(userData, dbFileName));
    expect(resolveDbFile(['app', '--db', '--inspect'], {}, userData)).toBe(join(userData, dbFileName));
  });
});

describe('devNativeBinding', () => {
  const root = resolve('/work/checkout');
  const built = join(root, devNativeBindingPath);

  it('finds the Electron build at the project root, from the root or from dist/electron', () => {
    const files = new Set([join(root, 'package.json'), built]);
    const exists = (f: string) => files.has(f);
    expect(devNativeBinding(root, false, exists)).toBe(built);
    expect(devNativeBinding(join(root, 'dist', 'electron'), false, exists)).toBe(built);
  });

  it('gives no option when the cache is missing or the app is packaged', () => {
    const withoutBuild = new Set([join(root, 'package.json')]);
    expect(devNativeBinding(root, false, (f) => withoutBuild.has(f))).toBeUndefined();
    expect(devNativeBinding(root, true, () => true)).toBeUndefined();
  });
});

describe('managed data folder and logs', () => {
  it("puts the database in IT's dataFolder unless --db or CALL_CONSOLE_DB say otherwise", () => {
    const dataFolder = resolve('/srv/call-console');
    expect(resolveDbFile(['app'], {}, userData, dataFolder)).toBe(join(dataFolder, dbFileName));
    expect(resolveDbFile(['app'], {}, userData, null)).toBe(join(userData, dbFileName));
    expect(resolveDbFile(['app'], { CALL_CONSOLE_DB: '/tmp/e.db' }, userData, dataFolder)).toBe(resolve('/tmp/e.db'));
    expect(resolveDbFile(['app', '--db', '/tmp/a.db'], {}, userData, dataFolder)).toBe(resolve('/tmp/a.db'));
  });

  it('logs go to logs/ in the user data folder; CALL_CONSOLE_LOG_DIR overrides', () => {
    expect(resolveLogDir({}, userData)).toBe(join(userData, 'logs'));
    expect(resolveLogDir({ CALL_CONSOLE_LOG_DIR: '/tmp/l' }, userData)).toBe(resolve('/tmp/l'));
  });
});
