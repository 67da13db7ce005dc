// A damaged database at start: detected, explained, restored from the newest verified backup on
// request; the damaged file (and its -wal/-shm) kept aside under a dated name, never overwritten.
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { backupIfDue, listBackups } from '../../../../../electron/core/db/backup';
import { openDatabase } from '../../../../../electron/core/db/open';
import { damagedName, openOrRecover, recoverFromLatestBackup, restoreCommand } from '../../../../../electron/core/db/recovery';
import { call } from '../../../../helpers/core';

/** a database with calls, a verified backup of yesterday, then a call made after that backup */
async function databaseWithBackup(): Promise<{ dbFile: string; backup: string }> {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-recover-')), 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'test' });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: 'Agent Zhao' });
  await call(core, 'session.signIn', { agentId: agent.id });
  const insert = core.db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, ?, '2026-11-26T01:00:00.000Z', '2026-11-26T01:00:00.000Z', '2026-11-26T01:00:00.000Z')`,
  );
  core.db.transaction(() => {
    for (let i = 0; i < 120; i++) insert.run(`call-${i}`, `客户 ${i}`, '备注 '.repeat(80));
  })();
  const { file: backup } = await backupIfDue(core.db, dbFile, { now: new Date(Date.now() + 86_400_000) });
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: 'after the backup' } });
  core.close();
  return { dbFile, backup };
}

const damages: [string, (file: string) => void][] = [
  ['truncated to half', (f) => truncateSync(f, Math.floor(readFileSync(f).length / 2))],
  [
    'pages scribbled over',
    (f) => {
      const bytes = readFileSync(f);
      bytes.fill(0x5a, 8192, 8192 + 4096 * 6);
      writeFileSync(f, bytes);
    },
  ],
  ['zero length', (f) => truncateSync(f, 0)],
  ['random bytes', (f) => writeFileSync(f, randomBytes(64 * 1024))],
];

describe.each(damages)('a database %s', (_label, damage) => {
  test('is refused at start, then restored from the newest verified backup; the damaged file is kept', async () => {
    const { dbFile, backup } = await databaseWithBackup();
    damage(dbFile);
    const damagedBytes = readFileSync(dbFile);
    expect(() => startCore({ dbFile, transport: 'browser', version: 'test' })).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
    expect(readFileSync(dbFile).equals(damagedBytes)).toBe(true); // refusing did not touch it

    const now = new Date(2026, 10, 27, 9, 30, 5);
    const result = recoverFromLatestBackup(dbFile, { now });
    expect(result.restoredFrom).toBe(backup);
    expect(result.damagedKeptAt).toBe(join(dbFile, '..', 'console.damaged-20261127-093005.db'));
    expect(readFileSync(result.damagedKeptAt!).equals(damagedBytes)).toBe(true);
    expect(existsSync(backup)).toBe(true);

    const core = startCore({ dbFile, transport: 'browser', version: 'test' });
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(120);
    core.close();
  });
});

test('a zero-length database file is not silently treated as a fresh one when backups exist', async () => {
  // SQLite opens an empty file as a new, empty database; the user would see all calls gone.
  const { dbFile } = await databaseWithBackup();
  truncateSync(dbFile, 0);
  expect(() => startCore({ dbFile, transport: 'browser', version: 'test' })).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
});

test('the -wal and -shm of the damaged file move with it, and a second restore never overwrites the first', async () => {
  const { dbFile } = await databaseWithBackup();
  writeFileSync(dbFile, randomBytes(8192));
  writeFileSync(`${dbFile}-wal`, 'wal of the damaged file');
  writeFileSync(`${dbFile}-shm`, 'shm');
  const now = new Date(2026, 10, 27, 9, 30, 5);
  const first = recoverFromLatestBackup(dbFile, { now });
  expect(readFileSync(`${first.damagedKeptAt}-wal`, 'utf8')).toBe('wal of the damaged file');
  expect(existsSync(`${dbFile}-wal`)).toBe(false);
  writeFileSync(dbFile, randomBytes(8192));
  const second = recoverFromLatestBackup(dbFile, { now });
  expect(second.damagedKeptAt).not.toBe(first.damagedKeptAt);
  expect(existsSync(first.damagedKeptAt!)).toBe(true);
  expect(damagedName(dbFile, now)).toMatch(/console\.damaged-20261127-093005-3\.db$/);
});

test('a backup that fails its own check is skipped for an older good one; none good means nothing moves', async () => {
  const { dbFile, backup } = await databaseWithBackup();
  const older = listBackups(dbFile)[0]!;
  expect(older).not.toBe(backup);
  writeFileSync(backup, randomBytes(16384)); // the newest backup is damaged too
  writeFileSync(dbFile, randomBytes(8192));
  expect(recoverFromLatestBackup(dbFile).restoredFrom).toBe(older);

  writeFileSync(older, randomBytes(16384));
  writeFileSync(dbFile, randomBytes(8192));
  const before = readFileSync(dbFile);
  expect(() => recoverFromLatestBackup(dbFile)).toThrow(expect.objectContaining({ code: 'not_found' }));
  expect(readFileSync(dbFile).equals(before)).toBe(true);
});

describe('browser mode', () => {
  const open = (dbFile: string) => () => startCore({ dbFile, transport: 'browser', version: 'test' });

  test('explains the damage and prints the exact command that restores', async () => {
    const { dbFile, backup } = await databaseWithBackup();
    writeFileSync(dbFile, randomBytes(8192));
    let message = '';
    try {
      openOrRecover(dbFile, open(dbFile), false);
    } catch (err) {
      expect(err).toMatchObject({ code: 'db_corrupt' });
      message = (err as Error).message;
    }
    expect(message).toContain(backup);
    expect(message).toContain(`npm run browser -- --db ${dbFile} --restore-latest-backup`);
    expect(restoreCommand("/data/Call Console/it's.db")).toBe(`npm run browser -- --db '/data/Call Console/it'\\''s.db' --restore-latest-backup`);
  });

  test('--restore-latest-backup restores and opens; on a healthy database it does nothing', async () => {
    const { dbFile } = await databaseWithBackup();
    const log: string[] = [];
    const healthy = openOrRecover(dbFile, open(dbFile), true, (l) => log.push(l));
    expect(healthy.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(121);
    healthy.close();
    expect(log).toEqual(['The database is not damaged; nothing was restored.']);

    writeFileSync(dbFile, randomBytes(8192));
    const core = openOrRecover(dbFile, open(dbFile), true, (l) => log.push(l));
    expect(core.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(120);
    core.close();
    expect(readdirSync(join(dbFile, '..')).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
  });

  test('the real command line: refuses with the command, then the flag restores', async () => {
    const { dbFile } = await databaseWithBackup();
    writeFileSync(dbFile, randomBytes(8192));
    const entry = join(process.cwd(), 'dist', 'node', 'browser.js');
    execFileSync(process.execPath, ['build/scripts/bundle.mjs', '--quiet']); // this checkout's code, not an old build
    let stderr = '';
    try {
      execFileSync(process.execPath, [entry, '--db', dbFile, '--port', '0'], { encoding: 'utf8', stdio: 'pipe', timeout: 15_000 });
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
    }
    expect(stderr).toContain('not a readable Call Console database');
    expect(stderr).toContain(`npm run browser -- --db ${dbFile} --restore-latest-backup`);

    const child = spawn(process.execPath, [entry, '--db', dbFile, '--port', '0', '--restore-latest-backup'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('#token=')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    child.kill();
    expect(out).toMatch(/Restored .* from the backup/);
  });
});

test('openDatabase itself still refuses an unreadable file untouched', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-recover-')), 'x.db');
  writeFileSync(file, randomBytes(4096));
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
});
