// On POSIX the database, WAL, backups, logs and exports are this user's only: files 0600, folders
// 0700, also when an older version left them 0644.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { backupIfDue } from '../../../../../electron/core/db/backup';
import { createFileLogger } from '../../../../../electron/core/infra/logger';
import { privateFiles, protectExisting } from '../../../../../electron/core/infra/file-modes';
import { call, fixedClock } from '../../../../helpers/core';

const mode = (p: string) => statSync(p).mode & 0o777;

test.skipIf(process.platform === 'win32')(
  'database, WAL, backups, logs and exports are created 0600 in 0700 folders; old 0644 files are tightened',
  async () => {
    const previous = process.umask(0o022);
    try {
      const root = mkdtempSync(join(tmpdir(), 'cc-modes-'));
      const folder = join(root, 'data');
      mkdirSync(folder, { mode: 0o755 });
      const dbFile = join(folder, 'console.db');
      // an older version's file, world-readable
      writeFileSync(join(folder, 'console.damaged-20261101-090000.db'), 'old');
      chmodSync(join(folder, 'console.damaged-20261101-090000.db'), 0o644);
      const logDir = join(folder, 'logs');
      const logger = createFileLogger({ dir: logDir, level: 'debug' });
      const core = startCore({ dbFile, transport: 'browser', version: 'test', clock: fixedClock('2026-11-27T02:00:00.000Z'), logger, logDir });
      await core.backup;
      await backupIfDue(core.db, dbFile, { now: new Date('2026-11-28T02:00:00.000Z') });
      const agent = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
      await call(core, 'session.signIn', { agentId: agent.id });
      await call(core, 'lead.setPin', { pin: '864200' });
      const exports = join(folder, 'exports');
      const job = await call(core, 'exports.start', { period: { month: '2026-11' }, format: 'csv', folder: exports, language: 'en' });
      for (let i = 0; i < 200 && (await call(core, 'exports.progress', { jobId: job.jobId })).state === 'running'; i++)
        await new Promise((r) => setTimeout(r, 25));
      const files = [
        dbFile,
        `${dbFile}-wal`,
        `${dbFile}-shm`,
        join(folder, 'console.damaged-20261101-090000.db'),
        ...readdirSync(join(folder, 'backups')).map((f) => join(folder, 'backups', f)),
        ...readdirSync(logDir).map((f) => join(logDir, f)),
      ];
      const exported: string[] = [];
      const walk = (d: string) =>
        readdirSync(d, { withFileTypes: true }).forEach((e) =>
          e.isDirectory() ? (expect(mode(join(d, e.name))).toBe(0o700), walk(join(d, e.name))) : exported.push(join(d, e.name)),
        );
      walk(exports);
      expect(exported.length).toBeGreaterThan(0);
      for (const f of [...files, ...exported]) expect([f, mode(f)]).toEqual([f, 0o600]);
      for (const d of [folder, join(folder, 'backups'), logDir, exports]) expect([d, mode(d)]).toEqual([d, 0o700]);
      core.close();
    } finally {
      process.umask(previous);
    }
  },
);

test.skipIf(process.platform === 'win32')(
  'a database kept in a shared folder (sticky, like /tmp) leaves that folder open to others; its own files are tightened',
  () => {
    const shared = mkdtempSync(join(tmpdir(), 'cc-shared-'));
    chmodSync(shared, 0o1777);
    const dbFile = join(shared, 'console.db');
    writeFileSync(dbFile, 'x');
    chmodSync(dbFile, 0o644);
    protectExisting(dbFile);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(mode(dbFile)).toBe(0o600);
  },
);

test('Windows is left to its per-user profile folder', () => {
  expect(privateFiles('win32')).toBe(false);
  expect(privateFiles('linux')).toBe(true);
  expect(privateFiles('darwin')).toBe(true);
});
