// Softphone command hooks: `npm run cli -- phone ring --db <file> --from …` reaches the console
// running on that database through the channel file beside it (0600), and says so when none runs.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../../electron/core/entry/cli';
import { channelFileOf, readChannel } from '../../../../../electron/core/phone/channel';
import { hookToEvent, parseHookArgs } from '../../../../../electron/core/phone/hooks';
import { fixedClock } from '../../../../helpers/core';
import { phoneCore, phoneRows } from '../../../../helpers/phone';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'cc-phone-')), 'console.db');

describe('hook arguments', () => {
  it('reads MicroSIP-style commands', () => {
    expect(parseHookArgs(['ring', '--from', '13800138000', '--call', 'ab12']).command).toEqual({ event: 'ring', from: '13800138000', call: 'ab12' });
    expect(parseHookArgs(['hangup']).command).toEqual({ event: 'hangup' });
    expect(() => parseHookArgs(['ring'])).toThrow(/--from/);
    expect(() => parseHookArgs(['pickup'])).toThrow(/ring, answer or hangup/);
    expect(() => parseHookArgs(['ring', '--from', '1', '--colour', 'red'])).toThrow(/colour/);
  });
  it('without --call: a new id for a ring, the oldest ringing call for answer, the current call for hangup', () => {
    const calls = { oldestRinging: () => 'r1', current: () => 'a1' };
    expect(hookToEvent({ event: 'ring', from: '1' }, 'T', calls, () => 'new')).toMatchObject({ kind: 'ringing', callId: 'new' });
    expect(hookToEvent({ event: 'answer' }, 'T', calls, () => 'new')).toMatchObject({ kind: 'answered', callId: 'r1' });
    expect(hookToEvent({ event: 'hangup' }, 'T', calls, () => 'new')).toMatchObject({ kind: 'ended', callId: 'a1' });
    expect(hookToEvent({ event: 'answer' }, 'T', { oldestRinging: () => undefined, current: () => undefined }, () => 'n')).toBeUndefined();
  });
});

describe('npm run cli -- phone', () => {
  it('delivers ring, answer and hangup to the running console; the channel file is 0600 and goes when the console stops', async () => {
    const file = dbFile();
    const core = phoneCore(fixedClock('2026-12-01T02:00:00.000Z'), { source: 'hooks' }, { dbFile: file, phoneListener: true });
    await core.phone.listener;
    expect(statSync(channelFileOf(file)).mode & 0o777).toBe(0o600);
    const a = io();
    expect(await runCli(['phone', 'ring', '--db', file, '--from', '13800138000', '--call', 'm1'], a.io)).toBe(0);
    expect(a.out).toEqual(['phone ring: applied']);
    expect((await core.dispatch('phone.state', {})).ok && phoneRows(core)[0]).toMatchObject({ call_id: 'm1', status: 'ringing' });
    expect(await runCli(['phone', 'answer', '--db', file], io().io)).toBe(0);
    expect(await runCli(['phone', 'hangup', '--db', file, '--call', 'm1'], io().io)).toBe(0);
    expect(phoneRows(core)[0]).toMatchObject({ status: 'ended' });
    const refused = io();
    expect(await runCli(['phone', 'answer', '--db', file], refused.io)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/refused phone answer \(unknown_call\): No call is ringing/);
    core.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(readChannel(file)).toBeNull();
  });

  it('exits 1 and says so when no console runs (no channel file, or one left by a dead console)', async () => {
    const file = dbFile();
    const none = io();
    expect(await runCli(['phone', 'ring', '--db', file, '--from', '138'], none.io)).toBe(1);
    expect(none.err[0]).toMatch(/no Call Console is running with .*console\.db/);
    writeFileSync(channelFileOf(file), JSON.stringify({ pid: 1, port: 1, token: 'x' }), { mode: 0o600 });
    const stale = io();
    expect(await runCli(['phone', 'ring', '--db', file, '--from', '138'], stale.io)).toBe(1);
    expect(stale.err[0]).toMatch(/no Call Console is running .*left from an earlier run: ECONNREFUSED/);
  });

  it('usage errors exit 2', async () => {
    const u = io();
    expect(await runCli(['phone', 'ring', '--from', '138'], u.io)).toBe(2);
    expect(u.err[0]).toMatch(/--db <file>/);
    expect(await runCli(['phone', 'ring', '--db', 'x.db'], io().io)).toBe(2);
  });

  it('a console with the hooks source off answers why', async () => {
    const file = dbFile();
    const core = phoneCore(fixedClock('2026-12-01T02:00:00.000Z'), { source: 'baresip', baresipAddress: '127.0.0.1:1' }, { dbFile: file, phoneListener: true });
    await core.phone.listener;
    const r = io();
    expect(await runCli(['phone', 'ring', '--db', file, '--from', '138'], r.io)).toBe(1);
    expect(r.err[0]).toMatch(/source_off.*"hooks" is not switched on/);
    core.close();
  });
});
