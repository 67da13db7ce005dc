// Erasure on request: a customer's personal data erased on request is gone from the rows, from the
// database file and its WAL, and from the backups beside it; the erasure itself is recorded.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { backupIfDue, listBackups } from '../../../../../electron/core/db/backup';
import { ERASED } from '../../../../../electron/core/privacy/locations';
import { scrubPhone, scrubReason } from '../../../../../electron/core/privacy/mentions';
import { call, fixedClock, memoryCore, snapshot } from '../../../../helpers/core';
import { migrate } from '../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../electron/core/db/migrations';
import { buildScrubWorker } from '../../../../helpers/scrub-worker';

/** once the background file work is finished: the newest erasure record, as the Privacy screen reads it */
async function settled(core: Core) {
  await core.scrubs.idle();
  return (await call(core, 'privacy.overview', {})).erasures[0]!;
}

// file-backed cores with the scrub worker (built once per file, then a thread per erasure): slow on a busy machine
vi.setConfig({ testTimeout: 30_000 });
const tempDb = () => join(mkdtempSync(join(tmpdir(), 'cc-erase-')), 'console.db');

async function fileCore(dbFile: string, clock = fixedClock('2026-11-27T02:00:00.000Z')): Promise<Core> {
  // the file work on its worker thread, as the built app runs it
  const core = startCore({ dbFile, transport: 'browser', version: 'test', clock, scrubWorkerFile: await buildScrubWorker() });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: agent.id });
  return core;
}

/** a call typed the way an agent types it: autosave after every few keystrokes */
async function typedCall(core: Core, fields: Record<string, string>): Promise<string> {
  const { id } = await call(core, 'calls.start', {});
  for (const [name, value] of Object.entries(fields)) {
    for (let n = 2; n < value.length; n += 3) await call(core, 'calls.update', { id, fields: { [name]: value.slice(0, n) } });
    await call(core, 'calls.update', { id, fields: { [name]: value } });
  }
  await call(core, 'calls.end', { id }); // the customer card is made when the call ends (O4)
  return id;
}

const spellings = ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '138 0013', '0013 8000'];
const personal = ['张伟', '西湖区文三路 90 号', '发票寄错了地址'];

function filesOf(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, ...listBackups(dbFile)].filter(existsSync);
}

/** which of `needles` occur in the raw bytes of any of the files */
function found(files: string[], needles: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${needle} in ${file.split('/').pop()}`);
  }
  return hits;
}

test('erasure leaves no trace of the number or the name in the database, its WAL or its backups', async () => {
  const dbFile = tempDb();
  const core = await fileCore(dbFile);
  await typedCall(core, { callerName: '张伟', phone: '138 0013 8000', address: '西湖区文三路 90 号', details: '发票寄错了地址，请改寄。' });
  await typedCall(core, { callerName: '张伟', phone: '+86 138-0013-8000', subject: 'Callback' });
  const other = await typedCall(core, { callerName: '李娜', phone: '139 1111 2222', details: '她丈夫的电话 138-0013-8000，请勿拨打。地址：滨江区' });
  // a backup of a later day holds all of it
  await backupIfDue(core.db, dbFile, { now: new Date('2026-11-28T02:00:00.000Z') });
  expect(listBackups(dbFile)).toHaveLength(2);

  // the test can fail: before the erasure the bytes are there
  expect(found(filesOf(dbFile), ['13800138000', '张伟'])).not.toEqual([]);

  await call(core, 'lead.setPin', { pin: '864200' });
  const record = await call(core, 'privacy.eraseCustomer', { phone: '138 0013 8000', reason: 'Asked on the phone to be forgotten' });
  // the person's rows at once; other records' mentions, the search index, the two backups and the
  // WAL are owed, recorded with the erasure
  expect(record).toMatchObject({
    kind: 'request',
    agentName: 'Lead Li',
    counts: { calls: 2, customers: expect.any(Number) },
    files: { pending: 3, index: true, failed: [] },
  });
  expect(record.counts.callMentions).toBeUndefined();
  expect(await settled(core)).toMatchObject({
    backups: 2,
    counts: { calls: 2, callMentions: 1 },
    files: { pending: 0, index: false, cleaning: false, failed: [] },
  });
  expect(core.db.prepare('SELECT count(*) FROM erasure_scrubs WHERE scope IS NOT NULL').pluck().get()).toBe(0);

  // while the app keeps running (WAL checkpointed and truncated) …
  expect(found(filesOf(dbFile), [...spellings, ...personal])).toEqual([]);
  // … and after it closes
  core.close();
  expect(found(filesOf(dbFile), [...spellings, ...personal])).toEqual([]);

  const db = new Database(dbFile, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const calls = db.prepare('SELECT caller_name, phone, phone_norm, details, erased_at FROM calls ORDER BY created_at').all() as Record<string, string>[];
  expect(calls[0]).toMatchObject({ caller_name: ERASED, phone: ERASED, phone_norm: '', details: ERASED });
  expect(calls[0]!.erased_at).toBe('2026-11-27T02:00:00.000Z');
  // the other caller keeps her record; only the mention of the erased number is gone
  const kept = db.prepare('SELECT caller_name, phone, details FROM calls WHERE id = ?').get(other);
  expect(kept).toEqual({ caller_name: '李娜', phone: '139 1111 2222', details: `她丈夫的电话 ${ERASED}，请勿拨打。地址：滨江区` });
  expect(db.prepare("SELECT count(*) FROM customers WHERE phone_norm = '+8613911112222'").pluck().get()).toBe(1);
  expect(db.prepare("SELECT count(*) FROM customers WHERE name = '张伟' OR phone_norm LIKE '%0013%'").pluck().get()).toBe(0);
  db.close();
  // the backups are still whole, verified backups, with everyone else's data
  for (const backup of listBackups(dbFile)) {
    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  }
  const newest = new Database(listBackups(dbFile).at(-1)!, { readonly: true });
  expect(newest.prepare("SELECT count(*) FROM calls WHERE caller_name = '李娜'").pluck().get()).toBe(1);
  expect(newest.prepare('SELECT count(*) FROM calls WHERE caller_name = ?').pluck().get(ERASED)).toBe(2);
  newest.close();
});

test('the erasure is recorded: who, when, why, how many; the number only as a salted hash', async () => {
  const core = memoryCore(fixedClock('2026-11-27T02:00:00.000Z'));
  await typedCall(core, { callerName: '张伟', phone: '13800138000' });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '+86 138 0013 8000', reason: 'Request by letter; his number 138 0013 8000' });
  const overview = await call(core, 'privacy.overview', {});
  expect(overview.retentionMonths).toBeNull();
  expect(overview.erasures).toEqual([
    expect.objectContaining({
      kind: 'request',
      agentName: 'Test Agent',
      at: '2026-11-27T02:00:00.000Z',
      reason: 'Request by letter; his number [number removed]',
    }),
  ]);
  const row = core.db.prepare('SELECT * FROM erasures').get() as Record<string, string>;
  expect(JSON.stringify(row)).not.toMatch(/13800138000|0013/);
  expect(row.phone_proof).toMatch(/^scrypt\$/);
  // a lead can prove it later, whatever way the number is typed
  expect(await call(core, 'privacy.checkErased', { phone: '138-0013-8000' })).toHaveLength(1);
  expect(await call(core, 'privacy.checkErased', { phone: '139 0000 0000' })).toEqual([]);
  core.close();
});

test('erasure is a team-lead action: refused without the PIN, and nothing changes', async () => {
  const core = memoryCore();
  await typedCall(core, { callerName: '张伟', phone: '13800138000' });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'lead.lock', {});
  const before = snapshot(core.db);
  for (const method of ['privacy.eraseCustomer', 'privacy.findCustomer', 'privacy.checkErased', 'privacy.overview'] as const) {
    const result = await core.dispatch(method, method === 'privacy.overview' ? {} : { phone: '13800138000', reason: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/rule|validation/) } });
  }
  expect(await core.dispatch('privacy.eraseCustomer', { phone: '13800138000', reason: 'x' })).toMatchObject({ ok: false, error: { rule: 'lead' } });
  expect(snapshot(core.db)).toBe(before);
  core.close();
});

test('a number nobody called from is reported as not found and records nothing', async () => {
  const core = memoryCore();
  await call(core, 'lead.setPin', { pin: '864200' });
  const before = snapshot(core.db);
  expect(await core.dispatch('privacy.eraseCustomer', { phone: '139 9999 9999', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await core.dispatch('privacy.eraseCustomer', { phone: '12', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(snapshot(core.db)).toBe(before);
  core.close();
});

test('find shows the card and how many calls hold the number; after erasure there is nothing', async () => {
  const core = memoryCore();
  await typedCall(core, { callerName: '张伟', phone: '138 0013 8000', region: '杭州' });
  await typedCall(core, { phone: '13800138000' });
  await call(core, 'lead.setPin', { pin: '864200' });
  expect(await call(core, 'privacy.findCustomer', { phone: '+86 13800138000' })).toMatchObject({
    customer: { name: '张伟', phone: '138 0013 8000', region: '杭州' },
    calls: 2,
  });
  await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked' });
  expect(await call(core, 'privacy.findCustomer', { phone: '13800138000' })).toEqual({
    customer: null,
    calls: 0,
    lastCallAt: null,
    complaints: 0,
    callbacks: 0,
    names: [],
  });
  // the calls are still counted for the day's list, shown as erased
  const today = await call(core, 'calls.listDay', {});
  expect(today.map((c) => c.callerName).sort()).toEqual(['', ERASED]);
  core.close();
});

test('mentions of the number are found however they were typed; other numbers stay', () => {
  expect(scrubPhone('回电 138 0013 8000 或 ＋８６ １３８００１３８０００，别打 139 1111 2222', '13800138000')).toBe(
    `回电 ${ERASED} 或 ${ERASED}，别打 139 1111 2222`,
  );
  expect(scrubPhone('order 2026-11-27, room 1380', '13800138000')).toBe('order 2026-11-27, room 1380');
  expect(scrubReason('called from 138 0013 8000 on 27/11')).toBe('called from [number removed] on 27/11');
});

test('making someone a team lead needs the PIN once one is set; adding oneself as an agent does not', async () => {
  const core = memoryCore(undefined, { signedIn: false });
  // before any PIN exists, the first lead can be added
  await call(core, 'agents.add', { name: 'First Lead', role: 'lead' });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'lead.lock', {});
  expect(await core.dispatch('agents.add', { name: 'Sneaky', role: 'lead' })).toMatchObject({ ok: false, error: { code: 'rule', rule: 'lead' } });
  expect(await call(core, 'agents.add', { name: 'New Agent' })).toMatchObject({ role: 'agent' });
  await call(core, 'lead.unlock', { pin: '864200' });
  expect(await call(core, 'agents.add', { name: 'Second Lead', role: 'lead' })).toMatchObject({ role: 'lead' });
  expect((await call(core, 'agents.list', {})).map((a) => a.name).sort()).toEqual(['First Lead', 'New Agent', 'Second Lead']);
  core.close();
});

test('a backup made by the previous version (before migration 70) is migrated and scrubbed too', async () => {
  const dbFile = tempDb();
  const core = await fileCore(dbFile);
  await typedCall(core, { callerName: '张伟', phone: '13800138000' });
  // yesterday's backup, from the app version before erasure existed
  const old = new Database(join(dbFile, '..', 'backups', 'console-2026-11-26.db'));
  migrate(
    old,
    migrations.filter((m) => m.version < 70),
  );
  old
    .prepare(
      `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, rang_at, created_at, updated_at)
     VALUES ('old', 'inbound', 'completed', '张伟', '138 0013 8000', '13800138000', 'a', 'b', 'c')`,
    )
    .run();
  old.close();
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked' });
  expect((await settled(core)).backups).toBe(2);
  core.close();
  expect(found(filesOf(dbFile), ['13800138000', '138 0013 8000', '张伟'])).toEqual([]);
});

test('a backup that cannot be cleaned is reported in the record, not silently skipped', async () => {
  const dbFile = tempDb();
  const core = await fileCore(dbFile);
  await typedCall(core, { callerName: '张伟', phone: '13800138000' });
  const broken = join(dbFile, '..', 'backups', 'console-2026-11-26.db');
  writeFileSync(broken, 'not a database at all'.repeat(300));
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked' });
  expect(await settled(core)).toMatchObject({ backups: 1, counts: { backupsFailed: 1 }, files: { pending: 0, failed: [broken] } });
  core.close();
});

test('the log says an erasure happened, with counts only: no number, no name, no reason', async () => {
  const { createFileLogger } = await import('../../../../../electron/core/infra/logger');
  const { readdirSync } = await import('node:fs');
  const dbFile = tempDb();
  const logDir = join(dbFile, '..', 'logs');
  const core = startCore({ dbFile, transport: 'browser', version: 'test', logger: createFileLogger({ dir: logDir, level: 'debug' }) });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: 'Lead Li' });
  await call(core, 'session.signIn', { agentId: agent.id });
  await typedCall(core, { callerName: '张伟', phone: '138 0013 8000' });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '138 0013 8000', reason: 'Secret reason' });
  await core.scrubs.idle();
  core.close();
  const log = readdirSync(logDir)
    .map((f) => readFileSync(join(logDir, f), 'utf8'))
    .join('\n');
  expect(log).toContain('privacy.erased');
  expect(log).not.toMatch(/13800138000|138 0013|张伟|Secret reason/);
});
