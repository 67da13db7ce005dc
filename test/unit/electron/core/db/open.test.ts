import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../../electron/core/db/open';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cc-open-')), 'console.db');

test('opens in WAL mode with foreign keys and synchronous=FULL', () => {
  const db = openDatabase(tempFile());
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  db.close();
});

test('a file that is not a database is refused as corrupt and kept as it was', () => {
  const file = tempFile();
  writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(200));
  const before = readFileSync(file);
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
  expect(readFileSync(file).equals(before)).toBe(true);
});

test('a database whose pages are damaged fails the quick check', () => {
  const file = tempFile();
  const db = openDatabase(file);
  const insert = db.prepare(
    "INSERT INTO calls (id, direction, status, details, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'open', ?, 'a', 'b', 'c')",
  );
  for (let i = 0; i < 400; i++) insert.run(`id-${i}`, 'x'.repeat(500));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = readFileSync(file);
  // Scribble over the middle of the file, past the header, where b-tree pages live.
  bytes.fill(0x5a, 8192, 8192 + 4096 * 4);
  writeFileSync(file, bytes);
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_corrupt' }));
});

test('a folder that cannot hold a database gives db_unavailable', () => {
  expect(() => openDatabase('/nonexistent-folder/for/sure/console.db')).toThrow(expect.objectContaining({ code: 'db_unavailable' }));
});

test('a save that reads before it writes waits for a writer on another thread instead of failing as locked', async () => {
  const file = tempFile();
  const db = openDatabase(file);
  db.exec('CREATE TABLE other_writer (n INTEGER)');
  // another connection on a worker thread commits small transactions as fast as it can (the
  // search indexer, the erasure's scrub and sync all write from threads of their own)
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const db = new (require(workerData.module))(workerData.file);
     db.pragma('busy_timeout = 5000');
     const insert = db.prepare('INSERT INTO other_writer VALUES (?)');
     const write = db.transaction(() => { for (let i = 0; i < 50; i++) insert.run(i); }).immediate;
     parentPort.postMessage('started');
     const until = Date.now() + 1500;
     while (Date.now() < until) write();
     db.close();
     parentPort.postMessage('done');`,
    { eval: true, workerData: { file, module: require.resolve('better-sqlite3') } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  const read = db.prepare('SELECT count(*) FROM calls').pluck();
  const insert = db.prepare(
    "INSERT INTO calls (id, direction, status, details, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'open', '', 'a', 'b', 'c')",
  );
  const save = db.transaction((id: string) => {
    read.get();
    insert.run(id);
  });
  const failures: string[] = [];
  let saved = 0;
  const until = Date.now() + 1000;
  while (Date.now() < until) {
    try {
      save(`call-${saved}`);
      saved++;
    } catch (err) {
      failures.push((err as { code?: string }).code ?? String(err));
    }
  }
  await new Promise((resolve) => worker.once('exit', resolve));
  expect(failures).toEqual([]);
  expect(saved).toBeGreaterThan(10);
  expect(read.get()).toBe(saved);
  db.close();
});
