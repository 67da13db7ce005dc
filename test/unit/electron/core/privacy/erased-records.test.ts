// Erased means gone, also while screens are still open: an agent's open call, an amendment, a
// complaint note or edit and a callback result never write an erased caller back; erasing twice
// is safe; and the number is scrubbed wherever anyone wrote it, however it was written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { backupIfDue } from '../../../../../electron/core/db/backup';
import { createFileLogger } from '../../../../../electron/core/infra/logger';
import { ERASED } from '../../../../../electron/core/privacy/locations';
import { mentionsPhone, scrubPhone } from '../../../../../electron/core/privacy/mentions';
import { call, fixedClock } from '../../../../helpers/core';
import { filesOnDisk, sixSpellings, tracesIn } from '../../../../helpers/disk-traces';
import { buildScrubWorker } from '../../../../helpers/scrub-worker';

// file-backed cores with the scrub worker (built once per file, then a thread per erasure): slow on a busy machine
vi.setConfig({ testTimeout: 30_000 });
const NAME = '欧阳娜娜';
const ADDRESS = '朝阳区光华路 88 号';

async function fileCore(): Promise<{ core: Core; dbFile: string; logDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-erased-'));
  const dbFile = join(dir, 'console.db');
  const logDir = join(dir, 'logs');
  const core = startCore({
    dbFile,
    transport: 'browser',
    version: 'test',
    clock: fixedClock('2026-11-27T02:00:00.000Z'),
    logger: createFileLogger({ dir: logDir, level: 'debug' }),
    scrubWorkerFile: await buildScrubWorker(),
  });
  await core.backup;
  const lead = await call(core, 'agents.add', { name: 'Lead Li', role: 'lead' });
  await call(core, 'session.signIn', { agentId: lead.id });
  return { core, dbFile, logDir };
}

async function failure(core: Core, method: string, input: unknown) {
  const result = await core.dispatch(method, input);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

test('an open call, an amendment, a complaint and a callback do not bring an erased caller back; erasing twice is safe', async () => {
  const { core, dbFile, logDir } = await fileCore();
  const [disposition] = await call(core, 'dispositions.list', {});
  // a completed call (to amend later), an open call still on screen, a complaint and a callback
  const done = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: done.id, fields: { callerName: NAME, phone: '139 8765 4321', region: '北京', subject: '发票', wants: '重开' } });
  await call(core, 'calls.complete', { id: done.id, dispositionId: disposition!.id });
  const open = await call(core, 'calls.start', {});
  await call(core, 'calls.update', {
    id: open.id,
    fields: { callerName: NAME, phone: '139-8765-4321', address: ADDRESS, region: '北京', subject: '发票', wants: '重开' },
  });
  const { complaint } = await call(core, 'complaints.create', {
    customerName: NAME,
    phone: '13987654321',
    matter: '发票抬头错误',
    category: 'service',
    nextReplyDue: '2026-11-28T08:00:00.000Z',
  });
  const callback = await call(core, 'callbacks.schedule', { customerName: NAME, phone: '13987654321', reason: '回访发票', dueAt: '2026-11-27T01:00:00.000Z' });
  await backupIfDue(core.db, dbFile, { now: new Date('2026-11-28T02:00:00.000Z') });
  expect(tracesIn(filesOnDisk(dbFile, logDir), ['13987654321', NAME])).not.toEqual([]);

  await call(core, 'lead.setPin', { pin: '864200' });
  const first = await call(core, 'privacy.eraseCustomer', { phone: '139 8765 4321', reason: 'asked to be forgotten' });
  expect(first.counts).toMatchObject({ calls: 2, complaints: 1, callbacks: 1 });

  // the agent keeps typing in the open call: refused, with when it was erased
  const typed = await failure(core, 'calls.update', { id: open.id, fields: { callerName: NAME, phone: '139 8765 4321', address: ADDRESS } });
  expect(typed).toMatchObject({ code: 'erased', fields: [{ path: 'erasedAt', message: '2026-11-27T02:00:00.000Z' }] });
  expect(await failure(core, 'calls.amend', { id: done.id, fields: { callerName: NAME } })).toMatchObject({ code: 'erased' });
  expect(await failure(core, 'calls.escalate', { id: open.id, reason: `${NAME} 要投诉` })).toMatchObject({ code: 'erased' });
  expect(await failure(core, 'complaints.note', { id: complaint.id, text: `${NAME} 139 8765 4321` })).toMatchObject({ code: 'erased' });
  expect(await failure(core, 'complaints.edit', { id: complaint.id, fields: { customerName: NAME, phone: '13987654321' } })).toMatchObject({ code: 'erased' });
  expect(await failure(core, 'callbacks.complete', { id: callback.id, result: `${NAME} 满意` })).toMatchObject({ code: 'erased' });
  // the register can still move the complaint on (C3), without text
  await call(core, 'complaints.setStatus', { id: complaint.id, to: 'in_progress' });
  // Complete on the open call makes no new customer card
  await call(core, 'calls.complete', { id: open.id, dispositionId: disposition!.id });
  expect(core.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);

  // erasing twice: no not_found, no internal error, the first record answers
  const again = await call(core, 'privacy.eraseCustomer', { phone: '+86 139 8765 4321', reason: 'asked again' });
  expect(again.id).toBe(first.id);

  await core.scrubs.idle();
  core.close();
  expect(tracesIn(filesOnDisk(dbFile, logDir), [...sixSpellings, NAME, ADDRESS])).toEqual([]);
});

test('mentions of the number in every free-text column of every table go, written with any separator', async () => {
  const { core, dbFile, logDir } = await fileCore();
  // the caller's own call
  const own = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: own.id, fields: { callerName: NAME, phone: '139 8765 4321' } });
  await call(core, 'calls.end', { id: own.id });
  // other people's records that mention the number in every spelling
  const other = await call(core, 'calls.start', {});
  await call(core, 'calls.update', {
    id: other.id,
    fields: {
      callerName: '李雷',
      phone: '13500001111',
      subject: '她女儿 139/8765/4321',
      details: '又打 139_8765_4321 和 139—8765—4321',
      wants: '回拨 １３９８７６５４３２１',
      nextStep: '+86 139 8765 4321',
    },
  });
  await call(core, 'calls.escalate', { id: other.id, reason: '139.8765.4321 的家属' });
  await call(core, 'calls.end', { id: other.id });
  const { complaint } = await call(core, 'complaints.create', {
    customerName: '韩梅梅',
    phone: '13600002222',
    matter: '联系人 (139) 8765-4321',
    category: 'service',
    nextReplyDue: '2026-11-28T08:00:00.000Z',
  });
  await call(core, 'complaints.note', { id: complaint.id, text: '另一个号码 139 8765 4321 已停机' });
  const cb = await call(core, 'callbacks.schedule', {
    customerName: '韩梅梅',
    phone: '13600002222',
    reason: '也回拨 0086-139-8765-4321',
    dueAt: '2026-11-27T01:00:00.000Z',
  });
  await backupIfDue(core.db, dbFile, { now: new Date('2026-11-28T02:00:00.000Z') });
  expect(tracesIn(filesOnDisk(dbFile, logDir), ['139/8765/4321', '１３９８７６５４３２１'])).not.toEqual([]);

  await call(core, 'lead.setPin', { pin: '864200' });
  const answer = await call(core, 'privacy.eraseCustomer', { phone: '13987654321', reason: 'asked to be forgotten' });
  // the mentions are scanned for after the answer, off the service's thread, and counted then
  expect(answer.files.index).toBe(true);
  await core.scrubs.idle();
  const record = (await call(core, 'privacy.overview', {})).erasures.find((e) => e.id === answer.id)!;
  expect(record.counts.callMentions).toBe(1);
  expect(record.counts.mentions).toBeGreaterThanOrEqual(4);
  expect(record.files.index).toBe(false);

  // the others keep their records; only the mentions are gone
  const kept = await call(core, 'calls.get', { id: other.id });
  expect(kept).toMatchObject({
    callerName: '李雷',
    subject: `她女儿 ${ERASED}`,
    details: `又打 ${ERASED} 和 ${ERASED}`,
    wants: `回拨 ${ERASED}`,
    nextStep: ERASED,
  });
  const detail = await call(core, 'complaints.get', { id: complaint.id });
  expect(detail.complaint.matter).toBe(`联系人 ${ERASED}`);
  expect(detail.events.map((e) => JSON.stringify(e.data)).join()).not.toMatch(/8765/);
  expect((await call(core, 'callbacks.queue', {})).find((c) => c.id === cb.id)?.reason).toBe(`也回拨 ${ERASED}`);
  // nor can the search find it
  expect(await call(core, 'search.query', { q: '8765', kind: 'all', limit: 20 })).toEqual([]);

  await core.scrubs.idle();
  core.close();
  expect(
    tracesIn(filesOnDisk(dbFile, logDir), [...sixSpellings, '139_8765_4321', '139—8765—4321', '139.8765.4321', '(139) 8765-4321', '0086-139-8765-4321', NAME]),
  ).toEqual([]);
});

test.each([
  ['139/8765/4321', true],
  ['139_8765_4321', true],
  ['139—8765—4321', true],
  ['１３９ ８７６５ ４３２１', true],
  ['tel:+86-139-8765-4321.', true],
  ['0086 139 8765 4321', true],
  ['139 8765 4320', false],
  ['order 2026 1398765432', false],
  ['139 8765    4321', false],
])('mention %s → %s', (text, hit) => {
  expect(mentionsPhone(text, '13987654321')).toBe(hit);
  expect(scrubPhone(text, '13987654321').includes(ERASED)).toBe(hit);
});

test('a landline is found with and without its area code prefix forms', () => {
  expect(scrubPhone('座机 010-6655-4433 或 +86 10 6655 4433', '01066554433')).toBe(`座机 ${ERASED} 或 ${ERASED}`);
});

test('a damaged copy kept aside by a restore is scrubbed when it opens, and named when it does not', async () => {
  const { copyFileSync, writeFileSync } = await import('node:fs');
  const { core, dbFile, logDir } = await fileCore();
  const { id } = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id, fields: { callerName: NAME, phone: '139 8765 4321', address: ADDRESS } });
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  // a readable copy (a restore kept the old file aside) and one that is really broken
  const readable = dbFile.replace(/\.db$/, '.damaged-20261120-090000.db');
  copyFileSync(dbFile, readable);
  const broken = dbFile.replace(/\.db$/, '.damaged-20261121-090000.db');
  writeFileSync(broken, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7), Buffer.from(`${NAME} 13987654321`)]));
  await call(core, 'lead.setPin', { pin: '864200' });
  const answer = await call(core, 'privacy.eraseCustomer', { phone: '13987654321', reason: 'asked' });
  // the day's backup, both copies and the WAL are still owed when the answer comes
  expect(answer.files).toMatchObject({ pending: 4, failed: [] });
  await core.scrubs.idle();
  const [record] = (await call(core, 'privacy.overview', {})).erasures;
  expect(record!.counts).toMatchObject({ damagedCopies: 1, damagedCopiesFailed: 1 });
  expect(record!.files).toEqual({ pending: 0, index: false, cleaning: false, failed: [broken] });
  core.close();
  // the readable copy is clean; the broken one is the one named
  expect(
    tracesIn(
      filesOnDisk(dbFile, logDir).filter((f) => f !== broken),
      [...sixSpellings, NAME, ADDRESS],
    ),
  ).toEqual([]);
  expect(tracesIn([broken], [NAME])).not.toEqual([]);
});

test('the SQL pre-filter lets every spelling of the number through, and skips notes that cannot hold it', async () => {
  const { mentionGlob } = await import('../../../../../electron/core/privacy/mention-glob');
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(':memory:');
  const glob = mentionGlob('13987654321');
  const passes = (text: string) => db.prepare('SELECT ? GLOB ?').pluck().get(text, glob) === 1;
  for (const text of [
    ...sixSpellings,
    '139_8765_4321',
    '139—8765—4321',
    '(139) 8765-4321',
    '0086-139-8765-4321',
    'tel:+86-139-8765-4321.',
    '１３９ ８７６５ ４３２１',
  ]) {
    expect(passes(`见 ${text} 回电`), text).toBe(true);
    expect(mentionsPhone(`见 ${text} 回电`, '13987654321'), text).toBe(true);
  }
  expect(passes('客户询问发票寄送进度，第 12 次')).toBe(false);
  expect(passes('13987654320')).toBe(false);
  // a landline's forms: with and without the trunk 0 and the country code
  expect(db.prepare('SELECT ? GLOB ?').pluck().get('+86 10 6655 4433', mentionGlob('01066554433'))).toBe(1);
  expect(mentionGlob('12345')).toBe('');
  db.close();
});
