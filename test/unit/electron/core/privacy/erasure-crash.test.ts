// An erasure cut short and an erasure of a large file. The rows change in one transaction on the
// service's thread; the backups, damaged copies and the WAL are cleaned afterwards on a worker
// thread, from jobs recorded in that same transaction. Killed in between, the next start finishes
// the jobs; while a large backup is scrubbed, the service keeps answering agents.
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { backupIfDue, listBackups } from '../../../../../electron/core/db/backup';
import { createFileLogger } from '../../../../../electron/core/infra/logger';
import { newId } from '../../../../../electron/core/infra/ids';
import { normalisePhone } from '../../../../../shared/domain/phone';
import { call, fixedClock } from '../../../../helpers/core';
import { filesOnDisk, sixSpellings, tracesIn } from '../../../../helpers/disk-traces';
import { buildScrubWorker } from '../../../../helpers/scrub-worker';

const NAME = '欧阳娜娜';
const ADDRESS = '朝阳区光华路 88 号';

async function buildEraseChild(): Promise<string> {
  const root = process.env.CALL_CONSOLE_ROOT ?? process.cwd();
  const out = join(root, '.cache', 'erase-child');
  mkdirSync(out, { recursive: true });
  const outfile = join(out, `erase-child-${process.pid}.cjs`);
  await build({
    entryPoints: [join(root, 'test', 'helpers', 'erase-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.node.json'),
    logLevel: 'error',
  });
  return outfile;
}

/** a console with a lead (PIN 864200), the caller's call and a backup and a damaged copy holding it */
async function preparedFile(): Promise<{ dbFile: string; logDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-erase-crash-'));
  const dbFile = join(dir, 'console.db');
  const logDir = join(dir, 'logs');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', clock: fixedClock('2026-11-20T02:00:00.000Z') });
  await core.backup;
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: NAME, phone: '139 8765 4321', address: ADDRESS, details: '回拨 139/8765/4321' } });
  await call(core, 'calls.end', { id });
  await backupIfDue(core.db, dbFile, { now: new Date('2026-11-21T02:00:00.000Z') });
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(dbFile, join(dir, 'console.damaged-20261121-090000.db'));
  core.close();
  return { dbFile, logDir };
}

test('killed after the erasure committed and before its files were cleaned: the next start cleans them and the record says so', async () => {
  const [child, worker] = await Promise.all([buildEraseChild(), buildScrubWorker()]);
  const { dbFile, logDir } = await preparedFile();
  expect(tracesIn(filesOnDisk(dbFile, logDir), ['13987654321', NAME])).not.toEqual([]);

  const proc = spawn(process.execPath, [child, dbFile, worker, logDir, '13987654321'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const answer = await new Promise<{ files: { pending: number }; backups: number }>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const erased = /^erased (.*)$/m.exec(out);
      if (erased && out.includes('paused\n')) resolve(JSON.parse(erased[1]!) as { files: { pending: number }; backups: number });
    });
    proc.once('exit', (code) => reject(new Error(`the child exited (${code}) before the erasure: ${err}`)));
  });
  const killed = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await killed;

  // what the lead saw: rows erased; other records' mentions and the search index, the three
  // backups (two old ones, the child's start-up backup of today), the damaged copy and the WAL owed
  const backups = listBackups(dbFile).length;
  expect(backups).toBe(3);
  expect(answer).toMatchObject({ backups: 0, files: { pending: 5, index: true } });
  // the window is real: the backups and the damaged copy still hold the caller, and the jobs say so
  const dead = new Database(dbFile, { readonly: true });
  expect(dead.prepare('SELECT kind, state FROM erasure_scrubs ORDER BY seq').all()).toEqual([
    { kind: 'mentions', state: 'pending' },
    { kind: 'index', state: 'pending' },
    ...Array.from({ length: backups }, () => ({ kind: 'backup', state: 'pending' })),
    { kind: 'damaged', state: 'pending' },
    { kind: 'database', state: 'pending' },
  ]);
  dead.close();
  expect(tracesIn(listBackups(dbFile), ['13987654321'])).not.toEqual([]);

  // the next start finishes the jobs by itself
  const core = startCore({ dbFile, transport: 'browser', version: 'test', scrubWorkerFile: worker, logger: createFileLogger({ dir: logDir, level: 'debug' }) });
  await core.backup;
  await core.scrubs.idle();
  const [lead] = await call(core, 'agents.list', {});
  await call(core, 'session.signIn', { agentId: lead!.id });
  await call(core, 'lead.unlock', { pin: '864200' });
  const [record] = (await call(core, 'privacy.overview', {})).erasures;
  expect(record).toMatchObject({ backups: 3, counts: { calls: 1, damagedCopies: 1 }, files: { pending: 0, index: false, cleaning: false, failed: [] } });
  expect(core.db.prepare("SELECT count(*) FROM erasure_scrubs WHERE state <> 'done' OR scope IS NOT NULL").pluck().get()).toBe(0);
  core.close();
  const files = filesOnDisk(dbFile, logDir);
  expect(files.some((f) => f.includes('.damaged-'))).toBe(true);
  expect(tracesIn(files, [...sixSpellings, '139/8765/4321', NAME, ADDRESS])).toEqual([]);
}, 60_000);

/** the trigrams of a word only the caller's note holds: the search index stores each as a term of its own */
const WORD = 'zqxwvjkb';
const wordTerms = Array.from({ length: WORD.length - 2 }, (_, i) => WORD.slice(i, i + 3));

/**
 * The live file grown by `calls` other callers' calls (indexed by the app's own triggers), so the
 * search index has many segments and its rewrite takes many slices, and one more call of the
 * caller's with WORD in its note.
 */
function growLive(dbFile: string, calls: number): void {
  const db = new Database(dbFile);
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, address, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, ?, ?, '西湖区文三路 90 号', ?, ?, ?, ?)`,
  );
  for (let i = 0; i <= calls; i++) {
    const at = new Date(Date.UTC(2026, 10, 19) - i * 60_000).toISOString();
    const phone = i === calls ? '13987654321' : `137${String(i).padStart(8, '0')}`;
    // one row per transaction, as agents save them: the index grows in many small segments
    insert.run(
      newId(),
      i === calls ? NAME : `客户${i}`,
      phone,
      normalisePhone(phone),
      i === calls ? `note ${WORD}` : `客户询问发票寄送进度 order ${i * 7919}`,
      at,
      at,
      at,
    );
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

test('killed in the middle of the search index rewrite: the next start finishes it and the erased words are gone from the file', async () => {
  const [child, worker] = await Promise.all([buildEraseChild(), buildScrubWorker()]);
  const { dbFile, logDir } = await preparedFile();
  growLive(dbFile, 3000);
  // the test can fail: the index pages hold the caller's word before the erasure
  expect(tracesIn([dbFile], wordTerms)).not.toEqual([]);

  const proc = spawn(process.execPath, [child, dbFile, worker, logDir, '13987654321', 'slices'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  // killed once the rewrite has committed a few slices, well before it is done
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if ((out.match(/^slice index$/gm) ?? []).length >= 3) resolve();
    });
    void exited.then(() => reject(new Error(`the child exited before the rewrite: ${err}`)));
  });
  proc.kill('SIGKILL');
  await exited;
  expect(out).toMatch(/^erased /m);

  const dead = new Database(dbFile, { readonly: true });
  expect(dead.prepare("SELECT kind, state FROM erasure_scrubs WHERE kind IN ('mentions', 'index') ORDER BY seq").all()).toEqual([
    { kind: 'mentions', state: 'done' },
    { kind: 'index', state: 'pending' },
  ]);
  // searching never found the caller meanwhile: the rows and their index entries went with the erasure
  expect(dead.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(`"${WORD}"`)).toBe(0);
  dead.close();

  const core = startCore({ dbFile, transport: 'browser', version: 'test', scrubWorkerFile: worker, logger: createFileLogger({ dir: logDir, level: 'debug' }) });
  await core.backup;
  await core.scrubs.idle();
  expect(core.db.prepare("SELECT count(*) FROM erasure_scrubs WHERE state <> 'done' OR scope IS NOT NULL").pluck().get()).toBe(0);
  // the other callers are still found
  expect(core.db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get('"order 7919"')).toBeGreaterThan(0);
  core.close();
  const files = filesOnDisk(dbFile, logDir);
  expect(tracesIn(files, [...wordTerms, ...sixSpellings, NAME, ADDRESS])).toEqual([]);
}, 120_000);

/**
 * A large backup: today's backup grown by `calls` calls with long notes (one of them the caller's),
 * written straight into the copy without the search triggers, so the test does not spend a minute
 * indexing them.
 */
function growBackup(file: string, calls: number): void {
  const copy = new Database(file);
  copy.pragma('synchronous = OFF');
  for (const trigger of copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'calls'").pluck().all() as string[]) {
    copy.exec(`DROP TRIGGER "${trigger}"`);
  }
  const insert = copy.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, address, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, ?, ?, '西湖区文三路 90 号', ?, ?, ?, ?)`,
  );
  copy.transaction(() => {
    for (let i = 0; i < calls; i++) {
      const at = new Date(Date.UTC(2026, 10, 20) - i * 60_000).toISOString();
      const phone = i === 7 ? '13987654321' : `137${String(i).padStart(8, '0')}`;
      insert.run(
        newId(),
        i === 7 ? NAME : `客户${i}`,
        phone,
        normalisePhone(phone),
        `客户询问发票寄送进度，并希望改为电子发票。第 ${i} 次`.repeat(12),
        at,
        at,
        at,
      );
    }
  })();
  copy.close();
}

test('while a large backup is scrubbed, the service answers an agent within 200 ms (p95)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-erase-big-'));
  const dbFile = join(dir, 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', scrubWorkerFile: await buildScrubWorker() });
  await core.backup;
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  const caller = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: caller.id, fields: { callerName: NAME, phone: '139 8765 4321' } });
  // ~60 MB: the worker needs a second or more to erase, VACUUM and check it
  growBackup(listBackups(dbFile)[0]!, 40_000);
  const open = await call(core, 'calls.start', {});

  await call(core, 'privacy.eraseCustomer', { phone: '139 8765 4321', reason: 'asked' });
  const started = performance.now();
  let scrubbing = true;
  const done = core.scrubs.idle().then(() => (scrubbing = false));
  const answers: number[] = [];
  while (scrubbing) {
    const t = performance.now();
    await call(core, 'calls.update', { id: open.id, fields: { details: `typing ${answers.length}` } });
    answers.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await done;
  const scrubMs = performance.now() - started;
  answers.sort((a, b) => a - b);
  const p95 = answers[Math.floor(answers.length * 0.95)]!;
  const slowest = answers.at(-1)!;
  // the scrub took long enough to matter, and the agent's saves went on meanwhile: 95 % within
  // 200 ms, and none waited for the scrub (on the service's thread the first save would wait all of
  // it). The slowest is not held to 200 ms: on the shared 2-core CI machine the thread is sometimes
  // simply not scheduled for that long.
  expect(scrubMs).toBeGreaterThan(1000);
  expect(answers.length).toBeGreaterThan(10);
  expect(p95).toBeLessThan(200);
  expect(slowest).toBeLessThan(scrubMs / 3);
  const [record] = (await call(core, 'privacy.overview', {})).erasures;
  expect(record).toMatchObject({ backups: 1, files: { pending: 0 } });
  core.close();
  expect(tracesIn(listBackups(dbFile), ['13987654321', NAME])).toEqual([]);
}, 120_000);

test('a scrub worker that cannot load does not leave the backups dirty: the work is done on the service thread', async () => {
  const { writeFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'cc-erase-noworker-'));
  const broken = join(dir, 'scrub-worker.js');
  writeFileSync(broken, "throw new Error('packaged without its dependencies')");
  const dbFile = join(dir, 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', scrubWorkerFile: broken });
  await core.backup;
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: NAME, phone: '139 8765 4321' } });
  await backupIfDue(core.db, dbFile, { now: new Date('2030-01-01T02:00:00.000Z') });
  await call(core, 'privacy.eraseCustomer', { phone: '13987654321', reason: 'asked' });
  await core.scrubs.idle();
  const [record] = (await call(core, 'privacy.overview', {})).erasures;
  expect(record).toMatchObject({ backups: 2, files: { pending: 0, failed: [] } });
  core.close();
  expect(tracesIn(filesOnDisk(dbFile), [...sixSpellings, NAME])).toEqual([]);
}, 60_000);
