import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogger, errorFields, logFileName, sanitise } from '../../../../../electron/core/infra/logger';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { call } from '../../../../helpers/core';
import { newId } from '../../../../../electron/core/infra/ids';
import { AppError } from '../../../../../shared/errors';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'call-console-log-'))));
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file = join(dir, logFileName)) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('what a log line may carry', () => {
  it('keeps numbers, booleans and safe strings; drops any other string', () => {
    expect(sanitise({ ms: 1.23456, ok: true, none: null, method: 'calls.update', code: 'validation', callerName: '张伟', phone: '13800138000' })).toEqual({
      ms: 1.235,
      ok: true,
      none: null,
      method: 'calls.update',
      code: 'validation',
      callerName: '[dropped]',
      phone: '[dropped]',
    });
  });

  it('a safe key with a value that does not look right is dropped too', () => {
    expect(sanitise({ method: 'calls.update 13800138000', code: '张伟', version: 'x' })).toEqual({
      method: '[dropped]',
      code: '[dropped]',
      version: '[dropped]',
    });
  });

  it('the type rejects a free string under any other key', () => {
    const logger = createFileLogger({ dir });
    // @ts-expect-error callerName is not a safe string key
    logger.info('x', { callerName: 'Maria' });
    logger.info('x', { method: 'calls.update', ms: 3 });
    expect(lines().map((l) => l.callerName ?? l.method)).toEqual(['[dropped]', 'calls.update']);
  });

  it('an error is logged by class, code and frames, never by its message', () => {
    const err = new AppError('conflict', 'An agent named 王芳 exists already');
    const fields = errorFields(err);
    expect(fields).toMatchObject({ errorName: 'AppError' });
    expect(fields.frames).toMatch(/@logger\.test\.ts:\d+:\d+/);
    expect(JSON.stringify(sanitise(fields))).not.toContain('王芳');
    expect(JSON.stringify(sanitise(fields))).not.toContain('[dropped]');
  });
});

describe('the file', () => {
  it('rotates at the size limit and keeps the newest five old files', () => {
    const logger = createFileLogger({ dir, maxBytes: 1000 });
    for (let i = 0; i < 200; i++) logger.info('tick', { i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual([logFileName, ...[1, 2, 3, 4, 5].map((n) => `${logFileName}.${n}`)]);
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(1000);
    // the newest line is in the live file, older ones in .1, .2, …
    expect(lines().at(-1)).toMatchObject({ event: 'tick', i: 199 });
    const firstOf1 = lines(join(dir, `${logFileName}.1`))[0]!.i as number;
    expect(firstOf1).toBeLessThan(lines()[0]!.i as number);
  });

  it('appends to an existing log after a restart', () => {
    createFileLogger({ dir }).info('first', {});
    createFileLogger({ dir }).info('second', {});
    expect(lines().map((l) => l.event)).toEqual(['first', 'second']);
  });

  it('below the level, nothing is written', () => {
    const logger = createFileLogger({ dir, level: 'warn' });
    logger.info('quiet', {});
    logger.warn('loud', {});
    expect(lines().map((l) => l.event)).toEqual(['loud']);
  });

  it('a folder it cannot write never throws; failed writes are counted', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const logger = createFileLogger({ dir: join(blocked, 'logs') });
    expect(() => logger.error('x', {})).not.toThrow();
    expect(logger.failedWrites).toBe(1);
  });
});

describe('no personal data in the log (calls through the real dispatcher)', () => {
  const PHONE = '13912345678';
  const NAME = '欧阳娜娜Zq';
  const DETAILS = 'refund-for-order-XK-99812';

  it('names, phone numbers and notes never reach the file, even at debug level and on errors', async () => {
    const dbFile = join(dir, 'console.db');
    const logDir = join(dir, 'logs');
    const logger = createFileLogger({ dir: logDir, level: 'debug' });
    const core = startCore({ dbFile, transport: 'browser', version: '0.1.0', logger });
    await core.backup;
    const agent = await call(core, 'agents.add', { name: NAME, role: 'agent' });
    await call(core, 'session.signIn', { agentId: agent.id });
    const started = await call(core, 'calls.start', { direction: 'inbound' });
    await call(core, 'calls.update', { id: started.id, fields: { callerName: NAME, phone: PHONE, details: DETAILS } });
    await call(core, 'calls.listDay', {});
    // failures: a conflict whose message quotes the name, bad input echoing the phone, unknown method
    expect((await core.dispatch('agents.add', { name: NAME, role: 'agent' })).ok).toBe(false);
    expect((await core.dispatch('calls.update', { id: PHONE, fields: { phone: 13912345678 } })).ok).toBe(false);
    expect((await core.dispatch(`calls.${PHONE}`, { phone: PHONE })).ok).toBe(false);
    expect((await core.dispatch('calls.get', { id: newId() })).ok).toBe(false);
    // an internal error whose message carries the phone number
    core.db.exec(`CREATE TRIGGER boom BEFORE UPDATE ON calls BEGIN SELECT RAISE(ABORT, 'failed for ${PHONE} ${NAME}'); END`);
    expect(await core.dispatch('calls.update', { id: started.id, fields: { details: DETAILS } })).toMatchObject({ error: { code: 'internal' } });
    core.close();

    const text = readdirSync(logDir)
      .map((f) => readFileSync(join(logDir, f), 'utf8'))
      .join('');
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // the log did record all of this ...
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['core.start', 'backup.done', 'call', 'call.failed', 'internal', 'core.stop']));
    expect(events.filter((e) => e.event === 'call.failed').map((e) => e.code)).toEqual(['conflict', 'validation', 'unknown_method', 'not_found', 'internal']);
    expect(events.find((e) => e.event === 'internal')).toMatchObject({ method: 'calls.update', errorName: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER' });
    // ... and none of what the caller said
    for (const secret of [PHONE, '139 1234 5678', '5678', NAME, '欧阳', DETAILS, 'XK-99812']) expect(text).not.toContain(secret);
    expect(existsSync(dbFile)).toBe(true);
  });
});
