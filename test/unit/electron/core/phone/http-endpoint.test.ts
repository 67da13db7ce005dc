// The loopback HTTP endpoint with Zammad's generic CTI fields, and the hook route the CLI uses.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { fixedClock, snapshot } from '../../../../helpers/core';
import { memoryLogger, phoneCore, phoneRows } from '../../../../helpers/phone';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { phoneToken } from '../../../../../electron/core/phone/settings';
import type { PhoneListener } from '../../../../../electron/core/phone/listener';

interface Reply {
  status: number;
  body: { ok?: boolean; outcome?: string; error?: { code: string; message: string } };
}

function post(
  port: number,
  path: string,
  body: string,
  init: { type?: string; token?: string; host?: string; address?: string; method?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: init.address ?? '127.0.0.1',
        port,
        path,
        method: init.method ?? 'POST',
        headers: {
          'Content-Type': init.type ?? 'application/x-www-form-urlencoded',
          Host: init.host ?? `127.0.0.1:${port}`,
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as Reply['body'] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const T0 = '2026-12-01T02:00:00.000Z';
let core: Core;
let listener: PhoneListener;
let token: string;
const log = memoryLogger();

beforeEach(async () => {
  core = phoneCore(fixedClock(T0), { source: 'http', extension: '8001' }, { phoneListener: true, logger: log });
  listener = (await core.phone.listener)!;
  token = phoneToken(core.db);
});
afterEach(async () => {
  core.close();
  await listener.close();
});

test('Zammad fields, form-encoded on the token URL: newCall → answer → hangup', async () => {
  const url = `/api/v1/cti/${token}`;
  expect(await post(listener.port, url, 'event=newCall&from=13800138000&to=8001&direction=in&callId=z1&user=')).toMatchObject({
    status: 200,
    body: { ok: true, outcome: 'applied' },
  });
  expect(phoneRows(core)).toEqual([expect.objectContaining({ call_id: 'z1', status: 'ringing', from_number: '13800138000', to_number: '8001' })]);
  expect(await post(listener.port, url, 'event=answer&from=13800138000&to=8001&direction=in&callId=z1&user=Li+Na')).toMatchObject({ status: 200 });
  expect(await post(listener.port, url, 'event=hangup&from=13800138000&to=8001&direction=in&callId=z1&cause=normalClearing')).toMatchObject({ status: 200 });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'ended', end_cause: 'normalClearing' });
});

test('JSON with a Bearer token on /phone/cti; a hang-up while ringing is a missed call', async () => {
  const json = (o: unknown) => post(listener.port, '/phone/cti', JSON.stringify(o), { type: 'application/json', token });
  expect(await json({ event: 'newCall', from: '+86 139 0013 9000', to: '8001', direction: 'in', callId: 'j1' })).toMatchObject({ status: 200 });
  expect(await json({ event: 'hangup', callId: 'j1', direction: 'in', cause: 'cancel' })).toMatchObject({ status: 200 });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'missed', end_cause: 'cancel' });
});

test('outbound calls and other extensions are ignored; malformed and unknown calls are refused with the reason; nothing written', async () => {
  const before = snapshot(core.db);
  const url = `/api/v1/cti/${token}`;
  expect(await post(listener.port, url, 'event=newCall&from=8001&to=13800138000&direction=out&callId=o1')).toMatchObject({
    status: 200,
    body: { outcome: 'outbound' },
  });
  expect(await post(listener.port, url, 'event=newCall&from=138&to=8002&direction=in&callId=e1')).toMatchObject({
    status: 200,
    body: { outcome: 'other_extension' },
  });
  const bad = await post(listener.port, url, 'event=newCall&to=8001&direction=in&callId=b1');
  expect(bad).toMatchObject({ status: 400, body: { outcome: 'malformed', error: { code: 'validation' } } });
  expect(bad.body.error!.message).toMatch(/from/);
  expect(await post(listener.port, url, 'event=ring&from=1&callId=b2')).toMatchObject({
    status: 400,
    body: { error: { message: expect.stringMatching(/newCall, answer or hangup/) } },
  });
  expect(await post(listener.port, '/phone/cti', '{not json', { type: 'application/json', token })).toMatchObject({ status: 400 });
  expect(await post(listener.port, url, 'event=hangup&callId=never&direction=in')).toMatchObject({ status: 409, body: { outcome: 'unknown_call' } });
  expect(snapshot(core.db)).toBe(before);
});

test('no token, a wrong token, a foreign Host header or a GET: refused before anything is read', async () => {
  const before = snapshot(core.db);
  const form = 'event=newCall&from=138&to=8001&direction=in&callId=t1';
  expect((await post(listener.port, '/phone/cti', form)).status).toBe(401);
  expect((await post(listener.port, '/phone/cti', form, { token: `${token}x` })).status).toBe(401);
  expect((await post(listener.port, '/api/v1/cti/wrong', form)).status).toBe(401);
  expect((await post(listener.port, '/phone/cti', form, { token, host: `evil.example:${listener.port}` })).status).toBe(421);
  expect((await post(listener.port, '/phone/cti', '', { token, method: 'GET' })).status).toBe(405);
  expect((await post(listener.port, '/elsewhere', form, { token })).status).toBe(404);
  expect(snapshot(core.db)).toBe(before);
});

test('listens on 127.0.0.1 only', async () => {
  expect(listener.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  for (const other of ['127.0.0.2', ...others]) {
    await expect(post(listener.port, '/phone/cti', '', { address: other, token })).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL/);
  }
});

test('the hook route: ring / answer / hangup as the CLI sends them, the call named or not', async () => {
  core.db.prepare("UPDATE settings SET value = 'hooks' WHERE key = 'phone.source'").run();
  const hook = (o: unknown) => post(listener.port, '/phone/hook', JSON.stringify(o), { type: 'application/json', token });
  expect(await hook({ event: 'ring', from: '13800138000' })).toMatchObject({ status: 200, body: { outcome: 'applied' } });
  expect(await hook({ event: 'answer' })).toMatchObject({ status: 200, body: { outcome: 'applied' } });
  expect(await hook({ event: 'hangup', cause: 'done' })).toMatchObject({ status: 200, body: { outcome: 'applied' } });
  expect(phoneRows(core)[0]).toMatchObject({ status: 'ended', end_cause: 'done' });
  expect(await hook({ event: 'answer' })).toMatchObject({ status: 409, body: { outcome: 'unknown_call', error: { message: 'No call is ringing' } } });
  expect(await hook({ event: 'dial', from: '1' })).toMatchObject({ status: 400 });
  expect(await hook({ event: 'ring', from: 13800138000 })).toMatchObject({ status: 400 });
});
