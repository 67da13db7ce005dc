// Storage trouble: a full disk, a locked database and a read-only folder give a clear, typed error
// (db_unavailable with rule disk_full / db_locked / db_readonly, and a message that says what to
// do), and nothing that was saved before is lost; once the cause is gone, saving works again.
//
// How the conditions are made here: as root, a tiny tmpfs is mounted in a temp folder (full disk)
// and remounted read-only (root ignores permission bits, so chmod would prove nothing). Without
// root, the read-only case uses chmod 0555 instead and the full-disk case is skipped (mounting needs
// root). RLIMIT_FSIZE (prlimit) is not a full disk: Node ignores SIGXFSZ, write() fails with EFBIG
// and SQLite reports SQLITE_IOERR_WRITE; it runs as its own case, "the disk refuses a write".
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { openDatabase } from '../../../../../electron/core/db/open';
import { call } from '../../../../helpers/core';

const isRoot = process.getuid?.() === 0;

function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const mounted: string[] = [];
afterEach(() => {
  while (mounted.length) {
    const dir = mounted.pop()!;
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
  }
});

async function signedIn(dbFile: string, extra: { busyTimeoutMs?: number } = {}): Promise<Core> {
  const core = startCore({ dbFile, transport: 'browser', version: 'test', ...extra });
  await core.backup;
  const agents = await call(core, 'agents.list', {});
  const agent = agents[0] ?? (await call(core, 'agents.add', { name: 'Agent Sun' }));
  await call(core, 'session.signIn', { agentId: agent.id });
  return core;
}

describe('disk full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-full-'));
  const canMount = isRoot && mountTmpfs(dir, '1m');
  if (canMount) execFileSync('umount', [dir]);

  test.skipIf(!canMount)('a save on a full disk is refused with "disk full", earlier data intact, and works once space is freed', async () => {
    mountTmpfs(dir, '4m');
    mounted.push(dir);
    const dbFile = join(dir, 'console.db');
    const core = await signedIn(dbFile);
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id, fields: { callerName: '张伟', phone: '138 0013 8000', details: 'first notes' } });

    // the WAL reuses its own file after a checkpoint; start from an empty one so the next write needs new space
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    // fill the disk to the last byte
    const filler = join(dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    try {
      for (;;) writeSync(fd, chunk, 0, 512);
    } catch {
      /* full */
    }
    closeSync(fd);

    const long = '客户反映发票地址写错，要求重新开具并寄到新地址。'.repeat(600);
    const refused = await core.dispatch('calls.update', { id, fields: { details: long } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'db_unavailable', rule: 'disk_full' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/disk is full.*Free some space/);
    // what was saved before is still there and readable
    expect(await call(core, 'calls.get', { id })).toMatchObject({ callerName: '张伟', details: 'first notes' });

    rmSync(filler);
    expect(await call(core, 'calls.update', { id, fields: { details: long } })).toMatchObject({ details: long });
    core.close();
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT caller_name, details FROM calls WHERE id = ?').get(id)).toEqual({ caller_name: '张伟', details: long });
    db.close();
  });
});

describe('the disk refuses a write (file-size limit)', () => {
  const hasPrlimit = (() => {
    try {
      execFileSync('prlimit', ['--version'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  })();
  const setFileSizeLimit = (limit: string) => execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${limit}:`], { stdio: 'pipe' });

  test.skipIf(!hasPrlimit)('a failing write gives a clear db_io error, nothing is half-written, and the retry works', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-fsize-')), 'console.db');
    const core = await signedIn(dbFile);
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id, fields: { callerName: '赵磊', details: 'before' } });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const long = '客户反映发票地址写错，要求重新开具并寄到新地址。'.repeat(600);
    setFileSizeLimit('16384');
    let refused;
    try {
      refused = await core.dispatch('calls.update', { id, fields: { details: long } });
    } finally {
      setFileSizeLimit('unlimited');
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'db_unavailable', rule: 'db_io' } });
    expect(await call(core, 'calls.get', { id })).toMatchObject({ callerName: '赵磊', details: 'before' });
    expect(await call(core, 'calls.update', { id, fields: { details: long } })).toMatchObject({ details: long });
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    core.close();
  });
});

describe('locked database', () => {
  test('a write while another program holds the lock fails clearly after the busy timeout; retry works after release', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-locked-')), 'console.db');
    const core = await signedIn(dbFile, { busyTimeoutMs: 150 });
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id, fields: { callerName: '李娜' } });

    const other = new Database(dbFile);
    other.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    const refused = await core.dispatch('calls.update', { id, fields: { details: 'typed while locked' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(refused).toMatchObject({ ok: false, error: { code: 'db_unavailable', rule: 'db_locked' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/locked by another program.*save again/);
    // reading still works (WAL), and nothing was half-written
    expect(await call(core, 'calls.get', { id })).toMatchObject({ callerName: '李娜', details: '' });

    other.exec('COMMIT');
    other.close();
    expect(await call(core, 'calls.update', { id, fields: { details: 'typed while locked' } })).toMatchObject({ details: 'typed while locked' });
    core.close();
  });
});

describe('read-only folder', () => {
  /** makes `dir` read-only the way that works for this user; returns a function that undoes it */
  function makeReadOnly(dir: string): (() => void) | undefined {
    if (!isRoot) {
      chmodSync(dir, 0o555);
      return () => chmodSync(dir, 0o755);
    }
    try {
      execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
      return () => execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'pipe' });
    } catch {
      return undefined;
    }
  }

  function readOnlyCapableDir(): string | undefined {
    const dir = mkdtempSync(join(tmpdir(), 'cc-ro-'));
    if (!isRoot) return dir;
    if (!mountTmpfs(dir, '8m')) return undefined;
    mounted.push(dir);
    return dir;
  }

  test('an existing database in a read-only folder is refused with a clear message and left unchanged', async (ctx) => {
    const dir = readOnlyCapableDir();
    if (!dir) return ctx.skip();
    const dbFile = join(dir, 'console.db');
    const core = await signedIn(dbFile);
    const { id } = await call(core, 'calls.start', {});
    await call(core, 'calls.update', { id, fields: { callerName: '王芳' } });
    core.close();
    const before = readFileSync(dbFile);

    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip();
    try {
      let error: unknown;
      try {
        startCore({ dbFile, transport: 'browser', version: 'test' }).close();
      } catch (err) {
        error = err;
      }
      expect(error).toMatchObject({ code: 'db_unavailable', rule: 'db_readonly' });
      expect((error as Error).message).toMatch(/cannot be written.*writable/);
      expect(readFileSync(dbFile).equals(before)).toBe(true);
    } finally {
      undo();
    }
    const again = await signedIn(dbFile);
    expect(await call(again, 'calls.get', { id })).toMatchObject({ callerName: '王芳' });
    again.close();
  });

  test('creating a database in a read-only folder is refused with a clear message', (ctx) => {
    const dir = readOnlyCapableDir();
    if (!dir) return ctx.skip();
    mkdirSync(join(dir, 'data'));
    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip();
    try {
      expect(() => openDatabase(join(dir, 'data', 'console.db'))).toThrow(expect.objectContaining({ code: 'db_unavailable', rule: 'db_readonly' }));
    } finally {
      undo();
    }
  });
});
