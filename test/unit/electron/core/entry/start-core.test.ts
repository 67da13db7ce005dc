// Start-up must not grow with the file: a large database is served at once and its quick_check
// runs afterwards on another thread; damage found there is reported, never silently ignored.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { QUICK_CHECK_AT_OPEN_MAX_BYTES, startCore } from '../../../../../electron/core/entry/start-core';
import type { Logger } from '../../../../../electron/core/infra/logger';
import { nullLogger } from '../../../../../electron/core/infra/logger';

/** A console database just over the open-time check limit (a filler table of ordinary b-tree pages). */
function largeDatabase(): string {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-start-')), 'console.db');
  startCore({ dbFile, transport: 'browser', version: 'test' }).close();
  const db = new Database(dbFile);
  const rows = Math.ceil((QUICK_CHECK_AT_OPEN_MAX_BYTES * 1.1) / 1000);
  db.exec(`CREATE TABLE filler (n INTEGER PRIMARY KEY, body BLOB NOT NULL);
    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${rows})
    INSERT INTO filler SELECT n, randomblob(1000) FROM k;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return dbFile;
}

function recordingLogger(): { logger: Logger; events: string[] } {
  const events: string[] = [];
  const record = (event: string) => void events.push(event);
  const logger: Logger = { ...nullLogger, log: (_level, event) => record(event), debug: record, info: record, warn: record, error: record };
  return { logger, events };
}

test('a large healthy database is served before its quick_check, which then reports ok', async () => {
  const dbFile = largeDatabase();
  const { logger, events } = recordingLogger();
  const core = startCore({ dbFile, transport: 'browser', version: 'test', logger });
  const first = await core.dispatch('app.info', {});
  expect(first.ok).toBe(true);
  expect(await core.integrity).toBe('ok');
  expect(events).toContain('db.checked');
  await core.backup;
  core.close();
}, 60_000);

test('damage in a large database found after start-up is logged as db.damaged', async () => {
  const dbFile = largeDatabase();
  const bytes = readFileSync(dbFile);
  // scribble over pages in the middle of the calls table (the header and schema stay readable)
  const middle = Math.floor(bytes.length / 2 / 4096) * 4096;
  bytes.fill(0x5a, middle, middle + 4096 * 8);
  writeFileSync(dbFile, bytes);
  const { logger, events } = recordingLogger();
  const core = startCore({ dbFile, transport: 'browser', version: 'test', logger });
  expect((await core.dispatch('app.info', {})).ok).toBe(true);
  expect(await core.integrity).not.toBe('ok');
  expect(events).toContain('db.damaged');
  await core.backup;
  core.close();
}, 60_000);

test('a small database is still checked at open, so damage is refused before anything is served', () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-start-')), 'console.db');
  startCore({ dbFile, transport: 'browser', version: 'test' }).close();
  const bytes = readFileSync(dbFile);
  bytes.fill(0x5a, 8192, 8192 + 4096 * 4);
  writeFileSync(dbFile, bytes);
  expect(() => startCore({ dbFile, transport: 'browser', version: 'test' })).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
});
