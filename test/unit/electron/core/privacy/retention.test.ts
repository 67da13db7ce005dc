// Retention: personal data older than N months is anonymised at start-up and daily, recorded the
// same way as an erasure on request (kind 'retention').
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { ERASED } from '../../../../../electron/core/privacy/locations';
import { retentionCutoff, scheduleRetention, RETENTION_INTERVAL_MS } from '../../../../../electron/core/privacy/retention';
import { call, fixedClock } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'cc-retention-')), 'console.db');

async function signIn(core: Core): Promise<void> {
  const agent = await call(core, 'agents.add', { name: 'Agent Wang' });
  await call(core, 'session.signIn', { agentId: agent.id });
}

async function callAt(core: Core, clock: ReturnType<typeof fixedClock>, iso: string, name: string, phone: string): Promise<string> {
  clock.set(iso);
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: name, phone, details: `notes about ${name}` } });
  await call(core, 'calls.end', { id });
  return id;
}

test('the cut-off is N calendar months back, clamped to the month end', () => {
  expect(retentionCutoff(new Date(2026, 10, 27, 9), 6)).toEqual(new Date(2026, 4, 27, 9));
  expect(retentionCutoff(new Date(2026, 2, 31, 9), 1)).toEqual(new Date(2026, 1, 28, 9));
  expect(retentionCutoff(new Date(2026, 0, 15), 24)).toEqual(new Date(2024, 0, 15));
});

test('at start-up, calls and cards older than the retention period are anonymised and recorded; newer ones stay', async () => {
  const dbFile = tempDb();
  const clock = fixedClock('2026-01-10T02:00:00.000Z');
  let core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await signIn(core);
  const old = await callAt(core, clock, '2026-01-10T02:00:00.000Z', '老客户', '13700000001');
  const recent = await callAt(core, clock, '2026-08-01T02:00:00.000Z', '新客户', '13700000002');
  core.close();

  // eight months later the console starts with a six-month retention
  clock.set('2026-09-15T01:00:00.000Z');
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock, retentionMonths: 6 });
  const record = await core.retention;
  expect(record).toMatchObject({ kind: 'retention', agentName: '', counts: { calls: 1, customers: 1 }, at: '2026-09-15T01:00:00.000Z' });
  const agent = core.db.prepare('SELECT id FROM agents').pluck().get() as string;
  await call(core, 'session.signIn', { agentId: agent });
  expect(await call(core, 'calls.get', { id: old })).toMatchObject({ callerName: ERASED, phone: ERASED, phoneNorm: '', details: ERASED });
  expect(await call(core, 'calls.get', { id: recent })).toMatchObject({ callerName: '新客户', phone: '13700000002' });
  expect(core.db.prepare('SELECT phone_norm FROM customers').pluck().all()).toEqual(['+8613700000002']);
  expect(core.db.prepare("SELECT count(*) FROM erasures WHERE kind = 'retention'").pluck().get()).toBe(1);
  // the same file path as an erasure on request: the backup made at this start is cleaned too
  await core.scrubs.idle();
  expect(core.db.prepare('SELECT kind, state FROM erasure_scrubs ORDER BY seq').all()).toEqual([
    { kind: 'index', state: 'done' },
    { kind: 'backup', state: 'done' },
    { kind: 'database', state: 'done' },
  ]);
  expect(core.db.prepare('SELECT backups FROM erasures').pluck().get()).toBe(1);

  // nothing new is due: the next start records nothing more
  core.close();
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock, retentionMonths: 6 });
  expect(await core.retention).toBeNull();
  expect(core.db.prepare('SELECT count(*) FROM erasures').pluck().get()).toBe(1);
  core.close();
});

test('off by default: nothing is erased without a retention setting', async () => {
  const dbFile = tempDb();
  const clock = fixedClock('2020-01-10T02:00:00.000Z');
  let core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  await signIn(core);
  const old = await callAt(core, clock, '2020-01-10T02:00:00.000Z', '老客户', '13700000001');
  core.close();
  clock.set('2026-11-27T02:00:00.000Z');
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock });
  expect(await core.retention).toBeNull();
  expect(core.db.prepare('SELECT caller_name FROM calls WHERE id = ?').pluck().get(old)).toBe('老客户');
  core.close();
});

test('runs again every day while the console stays open', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  try {
    const clock = fixedClock('2026-06-01T02:00:00.000Z');
    const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', clock });
    await signIn(core);
    const id = await callAt(core, clock, '2026-06-01T02:00:00.000Z', '客户', '13700000003');
    const schedule = scheduleRetention(core.db, clock, { months: 3, dbFile: ':memory:' }, Promise.resolve(), (err) => {
      throw err;
    });
    expect(await schedule.first).toBeNull();
    clock.set('2026-09-01T03:00:00.000Z');
    vi.advanceTimersByTime(RETENTION_INTERVAL_MS);
    expect(core.db.prepare('SELECT caller_name FROM calls WHERE id = ?').pluck().get(id)).toBe(ERASED);
    schedule.stop();
    core.close();
  } finally {
    vi.useRealTimers();
  }
});

test("IT's managed configuration sets the retention period", async () => {
  const { parseManagedConfig } = await import('../../../../../electron/core/infra/managed-config');
  const managedConfig = parseManagedConfig(JSON.stringify({ retentionMonths: 3 }), '/etc/call-console/config.json');
  expect(managedConfig.problems).toEqual([]);
  const dbFile = tempDb();
  const clock = fixedClock('2026-01-10T02:00:00.000Z');
  let core = startCore({ dbFile, transport: 'browser', version: 'test', clock, managedConfig });
  await signIn(core);
  const old = await callAt(core, clock, '2026-01-10T02:00:00.000Z', '老客户', '13700000001');
  core.close();
  clock.set('2026-05-01T02:00:00.000Z');
  core = startCore({ dbFile, transport: 'browser', version: 'test', clock, managedConfig });
  expect(await core.retention).toMatchObject({ kind: 'retention', counts: { calls: 1 } });
  expect(core.db.prepare('SELECT caller_name FROM calls WHERE id = ?').pluck().get(old)).toBe(ERASED);
  const lead = core.db.prepare('SELECT id FROM agents').pluck().get() as string;
  await call(core, 'session.signIn', { agentId: lead });
  await call(core, 'lead.setPin', { pin: '864200' });
  expect(await call(core, 'privacy.overview', {})).toMatchObject({ retentionMonths: 3 });
  core.close();
});
