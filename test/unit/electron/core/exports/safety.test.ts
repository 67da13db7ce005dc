// Progress and safety: a failed or cancelled export leaves no file behind (not even a temporary
// one), says which folder could not be written, and is recorded as failed.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openDatabase, type Db } from '../../../../../electron/core/db/open';
import { planExport, runExport, writeExport, type ExportRequest } from '../../../../../electron/core/exports/run';
import { ExportJobs } from '../../../../../electron/core/exports/jobs';
import { resolvePeriod } from '../../../../../shared/domain/period';
import { AppError } from '../../../../../shared/errors';
import { filesIn, insertCall, tempFolder } from '../../../../helpers/exports';

// Child processes and whole exports: this 2-core machine is shared, so allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  for (let i = 0; i < 500; i++) insertCall(db, { createdAt: new Date(Date.UTC(2026, 9, 2, 0, 0, i)).toISOString(), details: `通话 ${i}, "note"\n第二行` });
});
afterEach(() => db.close());

const now = () => new Date('2026-11-01T00:00:00.000Z');
const request = (folder: string, format: ExportRequest['format']): ExportRequest => ({
  period: resolvePeriod({ month: '2026-10' }),
  format,
  folder,
  language: 'en',
  actor: { agentId: null, name: 'Lead' },
});

/** a disk that fills up after `room` bytes */
function fullDiskAfter(room: number) {
  return () => {
    let written = 0;
    return new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > room) {
          const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          done(err);
        } else done();
      },
    });
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the export to fail');
}

test.each(['csv', 'xlsx'] as const)('%s: a disk that fills up mid-export gives io naming the folder and leaves no file', async (format) => {
  const folder = tempFolder();
  // the injected stream writes nothing to disk; the real temp file name must not exist either
  const err = await failure(runExport(db, request(folder, format), { now, batchSize: 50, openStream: fullDiskAfter(20_000) }));
  expect(err.code).toBe('io');
  expect(err.message).toContain(folder);
  expect(err.message).toContain('ENOSPC');
  expect(filesIn(folder)).toEqual([]);
  expect(db.prepare('SELECT status, error FROM exports_log').get()).toMatchObject({ status: 'failed', error: expect.stringContaining('io') });
});

test.each(['csv', 'xlsx'] as const)('%s: a real temporary file is removed when the write fails', async (format) => {
  const folder = tempFolder();
  const { createWriteStream } = await import('node:fs');
  let opened = '';
  const failingAfterOpen = (path: string) => {
    opened = path;
    const real = createWriteStream(path, { flags: 'wx' });
    let n = 0;
    const wrapper = new Writable({
      write(chunk: Buffer, enc, done) {
        if ((n += chunk.length) > 30_000) return done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
        real.write(chunk, enc, done);
      },
      final(done) {
        real.end(done);
      },
      destroy(err, done) {
        real.destroy();
        done(err);
      },
    });
    return wrapper;
  };
  const err = await failure(runExport(db, request(folder, format), { now, batchSize: 50, openStream: failingAfterOpen }));
  expect(err.code).toBe('io');
  expect(opened).toMatch(/\.partial$/);
  expect(filesIn(folder)).toEqual([]);
});

test('a folder path that is a file gives io naming it, and nothing is recorded as written', async () => {
  const parent = tempFolder();
  const file = join(parent, 'not-a-folder');
  writeFileSync(file, 'x');
  const err = await failure(runExport(db, request(join(file, 'exports'), 'csv'), { now }));
  expect(err.code).toBe('io');
  expect(err.message).toContain(join(file, 'exports'));
  expect(filesIn(parent)).toEqual(['not-a-folder']);
  // refused at the folder check, and still in the record (R4): who tried, when, which folder, why
  const log = db.prepare('SELECT status, folder, error, actor FROM exports_log').all();
  expect(log).toEqual([{ status: 'failed', folder: join(file, 'exports'), error: expect.stringContaining('io: Cannot write into the folder'), actor: 'Lead' }]);
});

test('a second export of the same period gets a new name; the first file is never replaced', async () => {
  const folder = tempFolder();
  const first = await runExport(db, request(folder, 'xlsx'), { now });
  const second = await runExport(db, request(folder, 'xlsx'), { now });
  const csv1 = await runExport(db, request(folder, 'csv'), { now });
  const csv2 = await runExport(db, request(folder, 'csv'), { now });
  expect(first.files).toEqual(['call-console-2026-10.xlsx']);
  expect(second.files).toEqual(['call-console-2026-10-2.xlsx']);
  expect(csv2.files).toEqual(csv1.files.map((f) => f.replace('.csv', '-2.csv')));
  expect(csv1.files).toHaveLength(6); // calls, complaints, timelines, callbacks, customers, phone calls
  expect(filesIn(folder)).toHaveLength(2 + 2 * csv1.files.length);
  // and the log names the file each export really wrote
  const logged = (db.prepare("SELECT files FROM exports_log WHERE format = 'xlsx' ORDER BY rowid").pluck().all() as string[]).map((f) => JSON.parse(f));
  expect(logged).toEqual([['call-console-2026-10.xlsx'], ['call-console-2026-10-2.xlsx']]);
});

test('a relative folder is taken beside the database, not wherever the process started', async () => {
  const home = tempFolder();
  const fileDb = openDatabase(join(home, 'call-console.db'));
  insertCall(fileDb, { createdAt: '2026-10-05T02:00:00.000Z' });
  try {
    const outcome = await runExport(fileDb, request('month-end', 'csv'), { now });
    expect(outcome.folder).toBe(join(home, 'month-end'));
    expect(filesIn(join(home, 'month-end'))).toContain('calls-2026-10.csv');
  } finally {
    fileDb.close();
  }
});

test.skipIf(process.getuid?.() === 0)('a read-only folder gives io and leaves no file (skipped as root: root writes anyway)', async () => {
  const folder = tempFolder();
  chmodSync(folder, 0o555);
  const err = await failure(runExport(db, request(folder, 'xlsx'), { now }));
  expect(err.code).toBe('io');
  expect(err.message).toContain(folder);
  chmodSync(folder, 0o755);
  expect(filesIn(folder)).toEqual([]);
});

test('a missing folder is created', async () => {
  const folder = join(tempFolder(), 'exports', '2026');
  const outcome = await runExport(db, request(folder, 'csv'), { now });
  expect(filesIn(folder)).toEqual([...outcome.files].sort());
});

test('rows stored while an export runs are not in it: the counts fixed at the start are what is written', async () => {
  const folder = tempFolder();
  const plan = planExport(db, request(folder, 'csv'), { now });
  insertCall(db, { createdAt: '2026-10-15T00:00:00.000Z', subject: 'arrived during the export' });
  const outcome = await writeExport(db, plan, { now, batchSize: 7 });
  expect(outcome.counts.calls).toBe(500);
  expect(plan.total).toBe(500);
});

test('an export job reports progress, then done with the files; the service answers in between', async () => {
  const folder = tempFolder();
  const jobs = new ExportJobs(db, { now, batchSize: 50 });
  const started = jobs.start(request(folder, 'xlsx'));
  expect(started).toMatchObject({ state: 'running', done: 0, total: 500, counts: { calls: 500, customers: 0 } });
  // between batches other statements run on the same connection (an agent saving notes)
  await new Promise((r) => setImmediate(r));
  insertCall(db, { createdAt: '2026-10-16T00:00:00.000Z' });
  const midway = jobs.progress(started.jobId);
  expect(midway.done).toBeGreaterThan(0);
  const finished = await jobs.settled(started.jobId);
  expect(finished).toMatchObject({ state: 'done', done: 500, total: 500, files: ['call-console-2026-10.xlsx'], error: null });
});

test('cancel stops the job, removes the temporary file and records the export as cancelled', async () => {
  const folder = tempFolder();
  const jobs = new ExportJobs(db, { now, batchSize: 10 });
  const started = jobs.start(request(folder, 'csv'));
  await new Promise((r) => setImmediate(r));
  expect(jobs.cancel(started.jobId).state).toBe('running');
  const finished = await jobs.settled(started.jobId);
  expect(finished.state).toBe('cancelled');
  expect(finished.error?.code).toBe('cancelled');
  expect(finished.done).toBeLessThan(500);
  expect(filesIn(folder)).toEqual([]);
  expect(db.prepare('SELECT status FROM exports_log').pluck().get()).toBe('cancelled');
});

test('progress of an unknown job is not_found', () => {
  const jobs = new ExportJobs(db, { now });
  expect(() => jobs.progress('0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d')).toThrow(/No export job/);
});
