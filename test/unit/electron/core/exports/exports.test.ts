// The exports domain through the real dispatcher: team-lead PIN, jobs, the default folder, the log.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { filesIn, insertCall, tempFolder } from '../../../../helpers/exports';
import type { ExportProgress } from '../../../../../shared/contract/exports';

// Child processes and whole exports: this 2-core machine is shared, so allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

const clock = () => fixedClock('2026-11-01T02:00:00.000Z');

async function finished(core: ReturnType<typeof memoryCore>, jobId: string): Promise<ExportProgress> {
  for (let i = 0; i < 1000; i++) {
    const p = await call(core, 'exports.progress', { jobId });
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('export did not finish');
}

test('exports need the team-lead PIN and write nothing without it', async () => {
  const core = memoryCore(clock());
  const folder = tempFolder();
  const result = await core.dispatch('exports.start', { period: { month: '2026-10' }, format: 'csv', folder, language: 'en' });
  expect(result).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  expect(filesIn(folder)).toEqual([]);
  expect(core.db.prepare('SELECT count(*) FROM exports_log').pluck().get()).toBe(0);
  core.close();
});

test('a team lead exports a month: progress, then done with counts and files; the export is logged with who', async () => {
  const core = memoryCore(clock());
  insertCall(core.db, { createdAt: '2026-10-10T02:00:00.000Z', callerName: '张伟', details: '=1+2' });
  insertCall(core.db, { createdAt: '2026-10-11T02:00:00.000Z', callerName: 'Maria' });
  await call(core, 'lead.setPin', { pin: '246800' });
  const folder = join(tempFolder(), 'exports');
  const started = await call(core, 'exports.start', { period: { month: '2026-10' }, format: 'xlsx', folder, language: 'zh-CN' });
  expect(started).toMatchObject({ state: 'running', total: 2, counts: { calls: 2, customers: 0 }, folder });
  const done = await finished(core, started.jobId);
  expect(done).toMatchObject({ state: 'done', done: 2, total: 2, files: ['call-console-2026-10.xlsx'] });
  expect(existsSync(join(folder, 'call-console-2026-10.xlsx'))).toBe(true);
  const log = await call(core, 'exports.log', {});
  expect(log).toEqual([
    expect.objectContaining({
      actor: 'Test Agent',
      periodLabel: '2026-10',
      format: 'xlsx',
      status: 'done',
      counts: { calls: 2, complaints: 0, complaint_events: 0, callbacks: 0, customers: 0, phone_calls: 0 },
      folder,
    }),
  ]);
  core.close();
});

test('a period that ends before it starts is refused with a field error', async () => {
  const core = memoryCore(clock());
  await call(core, 'lead.setPin', { pin: '246800' });
  const result = await core.dispatch('exports.start', {
    period: { from: '2026-10-31', to: '2026-10-01' },
    format: 'csv',
    folder: tempFolder(),
    language: 'en',
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'period' }] } });
  const bad = await core.dispatch('reports.summary', { period: { from: '2026-02-30', to: '2026-03-01' } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  core.close();
});

test('an unwritable folder fails at once with io, before any job exists', async () => {
  const core = memoryCore(clock());
  await call(core, 'lead.setPin', { pin: '246800' });
  const result = await core.dispatch('exports.start', { period: { month: '2026-10' }, format: 'csv', folder: '/proc/cc-cannot-write-here', language: 'en' });
  expect(result).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('/proc/cc-cannot-write-here') } });
  core.close();
});

test('cancel through the contract', async () => {
  const core = memoryCore(clock());
  for (let i = 0; i < 3000; i++) insertCall(core.db, { createdAt: new Date(Date.UTC(2026, 9, 5, 0, 0, i)).toISOString() });
  await call(core, 'lead.setPin', { pin: '246800' });
  const folder = tempFolder();
  const started = await call(core, 'exports.start', { period: { month: '2026-10' }, format: 'csv', folder, language: 'en' });
  await call(core, 'exports.cancel', { jobId: started.jobId });
  const end = await finished(core, started.jobId);
  expect(end.state).toBe('cancelled');
  expect(filesIn(folder)).toEqual([]);
  core.close();
});

test('the default folder is exports/ beside the database', async () => {
  const core = memoryCore(clock());
  expect((await call(core, 'exports.defaults', {})).folder).toMatch(/exports$/);
  core.close();
});
