import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methodNames } from '../../../../shared/contract';
import type { CoreOptions } from '../../../../electron/core/entry/start-core';
import { openDatabase } from '../../../../electron/core/db/open';
import { insertCall } from '../../../helpers/exports';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
const core = vi.hoisted(() => ({
  startCore: vi.fn(),
  dispatch: vi.fn(async () => ({ ok: true, value: 'dispatched' })),
  close: vi.fn(),
}));
vi.mock('electron', () => fake.module);
// The core is tested on its own; here only what the lifecycle hands it and does with it matters.
vi.mock('../../../../electron/core/entry/start-core', () => ({ startCore: core.startCore }));

let temp: string;
const savedDb = process.env.CALL_CONSOLE_DB;
const savedIt = { config: process.env.CALL_CONSOLE_CONFIG, logs: process.env.CALL_CONSOLE_LOG_DIR };

beforeEach(() => {
  fake.reset();
  core.startCore.mockReset().mockImplementation(() => ({ dispatch: core.dispatch, close: core.close }));
  temp = mkdtempSync(join(tmpdir(), 'call-console-main-'));
  process.env.CALL_CONSOLE_DB = join(temp, 'data', 'test.db');
  // never the machine's real /etc/call-console/config.json, never a log under /fake
  process.env.CALL_CONSOLE_CONFIG = join(temp, 'config.json');
  process.env.CALL_CONSOLE_LOG_DIR = join(temp, 'logs');
});

afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
  if (savedDb === undefined) delete process.env.CALL_CONSOLE_DB;
  else process.env.CALL_CONSOLE_DB = savedDb;
  for (const [name, value] of [
    ['CALL_CONSOLE_CONFIG', savedIt.config],
    ['CALL_CONSOLE_LOG_DIR', savedIt.logs],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Runs electron/main/index.ts as Electron would: a fresh process, then the 'ready' event. */
async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** AppError as the freshly loaded main module sees it (resetModules gives each boot its own copy). */
async function freshAppError() {
  vi.resetModules();
  return (await import('../../../../shared/errors')).AppError;
}

function startOptions(): CoreOptions {
  expect(core.startCore).toHaveBeenCalledOnce();
  return core.startCore.mock.calls[0]![0] as CoreOptions;
}

describe('single instance', () => {
  it('a second instance quits without opening the database or a window', async () => {
    fake.module.app.requestSingleInstanceLock.mockReturnValue(false);
    await boot();
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.module.app.whenReady).not.toHaveBeenCalled();
    expect(core.startCore).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it("the first instance restores and focuses its window on 'second-instance'", async () => {
    await boot();
    const win = fake.windows[0]!;
    win.minimized = true;
    fake.module.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
    expect(fake.module.app.quit).not.toHaveBeenCalled();
  });
});

describe('start-up', () => {
  it('opens the database named by CALL_CONSOLE_DB for the electron transport', async () => {
    await boot();
    expect(startOptions()).toMatchObject({
      dbFile: join(temp, 'data', 'test.db'),
      transport: 'electron',
      version: '9.9.9',
    });
    expect(startOptions().nativeBinding).toBeUndefined();
  });

  it('gives the core a PDF printer that prints the report page in a hidden window of its own', async () => {
    await boot();
    const { printPdf } = startOptions();
    expect(fake.windows).toHaveLength(1);
    const bytes = await printPdf!('<!doctype html><title>report</title><p>月度服务监督报告</p>');
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/^%PDF-/);
    expect(fake.windows).toHaveLength(2); // the main window stays; the print window is gone again
    expect(fake.windows[1]!.destroyed).toBe(true);
    expect(fake.windows[0]!.destroyed).toBe(false);
  });

  it('secures the session, then wires every method, then creates one window', async () => {
    await boot();
    const { defaultSession } = fake.module.session;
    const { ipcMain } = fake.module;
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
    expect(fake.windows).toHaveLength(1);

    const secured = defaultSession.setPermissionRequestHandler.mock.invocationCallOrder[0]!;
    const opened = core.startCore.mock.invocationCallOrder[0]!;
    const wired = ipcMain.handle.mock.invocationCallOrder[0]!;
    const loaded = fake.windows[0]!.loadURL.mock.invocationCallOrder[0]!;
    expect(secured).toBeLessThan(opened);
    expect(opened).toBeLessThan(wired);
    expect(wired).toBeLessThan(loaded);
  });

  it('trusts IPC from exactly the page it loaded', async () => {
    await boot();
    const win = fake.windows[0]!;
    const loadedUrl = win.loadURL.mock.calls[0]![0];
    expect(loadedUrl).toBe('app://call-console/index.html');
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload\.js$/);

    const handler = fake.module.ipcMain.handlers.get('app.info')!;
    expect(await handler({ senderFrame: { url: loadedUrl } }, {})).toEqual({ ok: true, value: 'dispatched' });
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(core.dispatch).toHaveBeenCalledOnce();
  });

  it('uses the Electron build of better-sqlite3 from .cache in a dev checkout, not when packaged', async () => {
    const binding = join(temp, '.cache', 'electron-native', 'better_sqlite3.node');
    mkdirSync(join(temp, '.cache', 'electron-native'), { recursive: true });
    writeFileSync(binding, '');
    writeFileSync(join(temp, 'package.json'), '{}');
    fake.module.app.getAppPath.mockReturnValue(join(temp, 'dist', 'electron'));
    await boot();
    expect(startOptions().nativeBinding).toBe(binding);

    fake.reset();
    core.startCore.mockClear();
    fake.module.app.getAppPath.mockReturnValue(temp);
    fake.module.app.isPackaged = true;
    await boot();
    expect(startOptions().nativeBinding).toBeUndefined();
  });

  it.each(['db_newer', 'db_corrupt', 'db_unavailable'] as const)('shows the %s message and quits, with no window and no IPC', async (code) => {
    const AppError = await freshAppError();
    core.startCore.mockImplementation(() => {
      throw new AppError(code, `database problem ${code}`);
    });
    await import('../../../../electron/main/index');
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(fake.module.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('Call Console', `database problem ${code}`);
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.module.ipcMain.handle).not.toHaveBeenCalled();
  });
});

describe('managed configuration and logs', () => {
  it("hands the core IT's config and a logger, and puts the database in the config's dataFolder", async () => {
    delete process.env.CALL_CONSOLE_DB;
    const dataFolder = join(temp, 'managed-data');
    writeFileSync(join(temp, 'config.json'), JSON.stringify({ dataFolder, backupCount: 3 }));
    await boot();
    const options = startOptions();
    expect(options.dbFile).toBe(join(dataFolder, 'call-console.db'));
    expect(options.managedConfig).toMatchObject({ file: join(temp, 'config.json'), found: true, problems: [], config: { backupCount: 3 } });
    expect(options.logger?.dir).toBe(join(temp, 'logs'));
  });

  it('a broken config file does not stop the start: defaults, and the problem goes to the core', async () => {
    writeFileSync(join(temp, 'config.json'), '{ not json');
    await boot();
    expect(startOptions().managedConfig?.problems).toEqual([expect.objectContaining({ code: 'invalid_json' })]);
    expect(fake.windows).toHaveLength(1);
  });

  it('a start-up failure is logged by its code, without its message', async () => {
    const AppError = await freshAppError();
    core.startCore.mockImplementation(() => {
      throw new AppError('db_corrupt', 'The database at /home/wang.fang/x.db is damaged');
    });
    await import('../../../../electron/main/index');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const log = readFileSync(join(temp, 'logs', 'call-console.log'), 'utf8');
    expect(JSON.parse(log.trim())).toMatchObject({ level: 'error', event: 'app.startFailed', errorName: 'AppError', code: 'db_corrupt' });
    expect(log).not.toContain('wang.fang');
  });
});

describe('shutdown', () => {
  it("closes the core on 'will-quit'", async () => {
    await boot();
    expect(core.close).not.toHaveBeenCalled();
    fake.module.app.emit('will-quit', {});
    expect(core.close).toHaveBeenCalledOnce();
  });

  it('quits when the last window closes', async () => {
    await boot();
    expect(fake.module.app.quit).not.toHaveBeenCalled();
    fake.module.app.emit('window-all-closed');
    expect(fake.module.app.quit).toHaveBeenCalledOnce();
  });
});

describe('--cli: the installed app runs the command line without a window', () => {
  const savedArgv = process.argv;
  afterEach(() => {
    process.argv = savedArgv;
  });

  it('runs the CLI, exits with its code, and never opens a window or takes the instance lock', async () => {
    const missing = join(temp, 'no-such.db');
    process.argv = ['/opt/Call Console/call-console', '--cli', 'check', '--db', missing];
    await boot();
    await vi.waitFor(() => expect(fake.module.app.exit).toHaveBeenCalled());
    expect(fake.module.app.exit).toHaveBeenCalledWith(1); // no database there: a failure, not a crash
    expect(fake.module.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(core.startCore).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('prints a PDF report through a hidden window with no script, and does not quit when that window closes', async () => {
    const dbFile = join(temp, 'calls.db');
    const db = openDatabase(dbFile);
    insertCall(db, { createdAt: '2026-10-10T02:00:00.000Z', callerName: '张伟' });
    db.close();
    const out = join(temp, 'out');
    process.argv = ['call-console', '--cli', 'export', '--db', dbFile, '--month', '2026-10', '--format', 'pdf', '--out', out];
    await boot();
    await vi.waitFor(() => expect(fake.module.app.exit).toHaveBeenCalled());
    expect(fake.module.app.exit).toHaveBeenCalledWith(0);
    expect(readFileSync(join(out, 'service-report-2026-10.pdf'), 'latin1')).toMatch(/^%PDF-/);
    expect(fake.windows).toHaveLength(1);
    const [printWindow] = fake.windows;
    expect(printWindow!.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(printWindow!.options.webPreferences).not.toHaveProperty('preload');
    expect(printWindow!.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
    expect(printWindow!.destroyed).toBe(true);
    // Electron's default is to quit when the last window closes; the CLI ends by its own exit code
    fake.module.app.emit('window-all-closed');
    expect(fake.module.app.quit).not.toHaveBeenCalled();
    expect(fake.module.app.exit).toHaveBeenCalledOnce();
  });

  it('a usage error exits with 2', async () => {
    process.argv = ['call-console', '--cli', 'export', '--month', '2026-13'];
    await boot();
    await vi.waitFor(() => expect(fake.module.app.exit).toHaveBeenCalledWith(2));
  });
});
