// A damaged database at start gets a dialog: Restore the latest backup / Quit. Restore
// moves the damaged file aside (kept) and opens the restored copy; Quit changes nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
const core = vi.hoisted(() => ({
  startCore: vi.fn(),
  dispatch: vi.fn(async () => ({ ok: true, value: 'dispatched' })),
  close: vi.fn(),
}));
vi.mock('electron', () => fake.module);
vi.mock('../../../../electron/core/entry/start-core', () => ({ startCore: core.startCore }));

// the fake shell has no message box or locale; add them for this file
const showMessageBox = vi.fn(async (_options: { buttons?: string[]; detail?: string; message?: string }) => ({ response: 0 }));
Object.assign(fake.module.dialog, { showMessageBox });
const getLocale = vi.fn(() => 'en-US');
Object.assign(fake.module.app, { getLocale });

let temp: string;
let dbFile: string;
const savedDb = process.env.CALL_CONSOLE_DB;

beforeEach(() => {
  fake.reset();
  showMessageBox.mockReset().mockResolvedValue({ response: 0 });
  getLocale.mockReturnValue('en-US');
  temp = mkdtempSync(join(tmpdir(), 'call-console-main-recovery-'));
  dbFile = join(temp, 'data', 'test.db');
  mkdirSync(join(temp, 'data', 'backups'), { recursive: true });
  process.env.CALL_CONSOLE_DB = dbFile;
  writeFileSync(dbFile, 'this is not a database'.repeat(100));
});

afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
  if (savedDb === undefined) delete process.env.CALL_CONSOLE_DB;
  else process.env.CALL_CONSOLE_DB = savedDb;
});

function goodBackup(): string {
  const file = join(temp, 'data', 'backups', 'test-2026-11-26.db');
  const db = new Database(file);
  db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('from the backup')");
  db.close();
  return file;
}

/** boots main/index.ts with startCore failing as db_corrupt the first time, then working */
async function bootDamaged(): Promise<void> {
  vi.resetModules();
  const { AppError } = await import('../../../../shared/errors');
  let first = true;
  core.startCore.mockReset().mockImplementation(() => {
    if (first) {
      first = false;
      throw new AppError('db_corrupt', 'The file is not a readable Call Console database: file is not a database');
    }
    return { dispatch: core.dispatch, close: core.close };
  });
  await import('../../../../electron/main/index');
  await vi.waitFor(() => expect(fake.module.app.quit.mock.calls.length + fake.windows.length).toBeGreaterThan(0));
}

test('explains the damage and offers Restore / Quit, naming the backup', async () => {
  const backup = goodBackup();
  showMessageBox.mockResolvedValueOnce({ response: 1 });
  await bootDamaged();
  const options = showMessageBox.mock.calls[0]![0];
  expect(options).toMatchObject({ type: 'error', buttons: ['Restore the latest backup', 'Quit'], defaultId: 0, cancelId: 1 });
  expect(options.detail).toContain('not a readable Call Console database');
  expect(options.detail).toContain(backup);
  expect(options.detail).toMatch(/kept \(never deleted\)/);
});

test('Quit leaves the damaged file exactly where and as it was', async () => {
  goodBackup();
  const before = readFileSync(dbFile);
  showMessageBox.mockResolvedValueOnce({ response: 1 });
  await bootDamaged();
  expect(fake.module.app.quit).toHaveBeenCalled();
  expect(fake.windows).toHaveLength(0);
  expect(readFileSync(dbFile).equals(before)).toBe(true);
  expect(readdirSync(join(temp, 'data')).filter((n) => n.includes('damaged'))).toEqual([]);
});

test('Restore keeps the damaged file aside, puts the backup in place, then opens the window', async () => {
  const backup = goodBackup();
  const before = readFileSync(dbFile);
  await bootDamaged();
  await vi.waitFor(() => expect(showMessageBox).toHaveBeenCalledTimes(2));
  const kept = readdirSync(join(temp, 'data')).filter((n) => /^test\.damaged-\d{8}-\d{6}\.db$/.test(n));
  expect(kept).toHaveLength(1);
  expect(readFileSync(join(temp, 'data', kept[0]!)).equals(before)).toBe(true);
  expect(readFileSync(dbFile).equals(readFileSync(backup))).toBe(true);
  expect(existsSync(backup)).toBe(true);
  expect(core.startCore).toHaveBeenCalledTimes(2);
  expect(fake.windows).toHaveLength(1);
  expect(fake.module.app.quit).not.toHaveBeenCalled();
  expect(showMessageBox.mock.calls[1]![0].detail).toContain(kept[0]!);
  // security is installed once, not again for the second attempt
  expect(fake.module.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
});

test('in Chinese when the system speaks Chinese', async () => {
  goodBackup();
  getLocale.mockReturnValue('zh-CN');
  showMessageBox.mockResolvedValueOnce({ response: 1 });
  await bootDamaged();
  expect(showMessageBox.mock.calls[0]![0]).toMatchObject({ message: '来电工作台的数据库已损坏。', buttons: ['恢复最近的备份', '退出'] });
});

test('without a verified backup there is nothing to offer: the plain message, and quit', async () => {
  writeFileSync(join(temp, 'data', 'backups', 'test-2026-11-26.db'), 'damaged backup');
  await bootDamaged();
  expect(showMessageBox).not.toHaveBeenCalled();
  expect(fake.module.dialog.showErrorBox).toHaveBeenCalledWith('Call Console', expect.stringContaining('not a readable'));
  expect(fake.module.app.quit).toHaveBeenCalled();
});
