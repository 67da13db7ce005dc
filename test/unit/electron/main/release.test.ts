// A release build: no DevTools, the app's own menu (no Toggle Developer Tools, no Reload), and
// debugging switches refused before anything starts. Development keeps DevTools.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appMenuTemplate, devToolsAllowed, refusedSwitches } from '../../../../electron/main/release';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);
const core = vi.hoisted(() => ({ startCore: vi.fn(), dispatch: vi.fn(), close: vi.fn() }));
vi.mock('../../../../electron/core/entry/start-core', async (original) => ({ ...(await original<object>()), startCore: core.startCore }));

// loading the main module the first time takes seconds on a busy machine
vi.setConfig({ testTimeout: 30_000 });

let temp: string;
const savedArgv = process.argv;
const savedEnv = { db: process.env.CALL_CONSOLE_DB, config: process.env.CALL_CONSOLE_CONFIG, logs: process.env.CALL_CONSOLE_LOG_DIR };

beforeEach(() => {
  fake.reset();
  core.startCore.mockReset().mockImplementation(() => ({ dispatch: core.dispatch, close: core.close }));
  temp = mkdtempSync(join(tmpdir(), 'call-console-release-'));
  process.env.CALL_CONSOLE_DB = join(temp, 'data', 'test.db');
  process.env.CALL_CONSOLE_CONFIG = join(temp, 'config.json');
  process.env.CALL_CONSOLE_LOG_DIR = join(temp, 'logs');
});

afterEach(() => {
  process.argv = savedArgv;
  rmSync(temp, { recursive: true, force: true });
  for (const [name, value] of [
    ['CALL_CONSOLE_DB', savedEnv.db],
    ['CALL_CONSOLE_CONFIG', savedEnv.config],
    ['CALL_CONSOLE_LOG_DIR', savedEnv.logs],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function boot(packaged: boolean, argv: string[] = []): Promise<void> {
  fake.module.app.isPackaged = packaged;
  process.argv = ['/opt/Call Console/call-console', ...argv];
  vi.resetModules();
  await import('../../../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

test('a release build opens its window without DevTools and installs its own menu', async () => {
  await boot(true);
  expect(fake.windows).toHaveLength(1);
  expect(fake.windows[0]!.options.webPreferences).toMatchObject({ devTools: false });
  expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalledOnce();
  const labels = JSON.stringify(fake.module.Menu.buildFromTemplate.mock.calls[0]![0]);
  expect(labels).not.toMatch(/toggleDevTools|reload|forceReload/i);
});

test("development (npm start) keeps DevTools and Electron's menu", async () => {
  await boot(false);
  expect(fake.windows[0]!.options.webPreferences).toMatchObject({ devTools: true });
  expect(fake.module.Menu.setApplicationMenu).not.toHaveBeenCalled();
});

test.each([['--remote-debugging-port=9222'], ['--inspect'], ['--inspect-brk=0.0.0.0:9229'], ['--remote-debugging-pipe']])(
  'a release build started with %s exits before opening anything',
  async (flag) => {
    await boot(true, [flag]);
    expect(fake.module.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
    expect(core.startCore).not.toHaveBeenCalled();
  },
);

test('the switch check and the menu template', () => {
  expect(refusedSwitches(['--db=x', '--remote-debugging-port=9222', '--inspect-port=1', '--inspector-nope'])).toEqual([
    '--remote-debugging-port=9222',
    '--inspect-port=1',
  ]);
  expect(devToolsAllowed(true)).toBe(false);
  expect(devToolsAllowed(false)).toBe(true);
  const roles = JSON.stringify(appMenuTemplate('linux'));
  expect(roles).not.toMatch(/viewMenu|toggleDevTools|reload/);
  expect(JSON.stringify(appMenuTemplate('darwin'))).toContain('appMenu');
});
