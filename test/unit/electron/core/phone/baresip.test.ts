// baresip's ctrl_tcp: netstrings of JSON, the event mapping, and a client that survives anything
// on the wire or off it. The messages below are what baresip 1.0.0 sent in a real call here.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { BaresipClient, encodeNetstring, mapBaresipEvent, NetstringDecoder, userOfUri } from '../../../../../electron/core/phone/baresip';
import type { PhoneConnection, PhoneEventInput } from '../../../../../shared/schemas/phone';
import { fixedClock } from '../../../../helpers/core';
import { memoryLogger, phoneCore, phoneRows } from '../../../../helpers/phone';

const AT = '2026-12-01T02:00:00.000Z';
const incoming = {
  event: true,
  type: 'CALL_INCOMING',
  class: 'call',
  accountaor: 'sip:8001@127.0.0.1:5070',
  direction: 'incoming',
  peeruri: 'sip:13800138000@127.0.0.1:5072',
  id: 'e03e37a3dfe7aded',
  param: 'sip:13800138000@127.0.0.1:5072',
};

describe('netstrings', () => {
  it('round-trips, in any chunking, with Chinese text', () => {
    const bytes = Buffer.concat([encodeNetstring({ a: '张伟' }), encodeNetstring({ b: 2 })]);
    const decoder = new NetstringDecoder();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += 3) out.push(...decoder.push(bytes.subarray(i, i + 3)));
    expect(out.map((s) => JSON.parse(s))).toEqual([{ a: '张伟' }, { b: 2 }]);
  });
  it.each([['abc:'], ['5:hello;'], ['99999999:'], ['12345678901']])('refuses %s', (garbage) => {
    expect(() => new NetstringDecoder().push(Buffer.from(garbage))).toThrow();
  });
});

describe('event mapping', () => {
  it('CALL_INCOMING → ringing with the number from the peer URI; ESTABLISHED → answered; CLOSED → ended with the reason', () => {
    expect(mapBaresipEvent(incoming, AT)).toEqual({ kind: 'ringing', callId: 'e03e37a3dfe7aded', from: '13800138000', to: '8001', at: AT });
    expect(mapBaresipEvent({ ...incoming, type: 'CALL_ESTABLISHED' }, AT)).toEqual({ kind: 'answered', callId: 'e03e37a3dfe7aded', at: AT });
    expect(mapBaresipEvent({ ...incoming, type: 'CALL_CLOSED', param: 'Connection reset by peer' }, AT)).toEqual({
      kind: 'ended',
      callId: 'e03e37a3dfe7aded',
      at: AT,
      cause: 'Connection reset by peer',
    });
  });
  it("ignores media, SDP, responses and the agent's own outgoing calls", () => {
    expect(mapBaresipEvent({ ...incoming, type: 'CALL_RTCP' }, AT)).toBeNull();
    expect(mapBaresipEvent({ ...incoming, type: 'CALL_REMOTE_SDP' }, AT)).toBeNull();
    expect(mapBaresipEvent({ ...incoming, direction: 'outgoing' }, AT)).toBeNull();
    expect(mapBaresipEvent({ response: true } as never, AT)).toBeNull();
  });
  it('reads the user part of SIP and tel URIs, with display names and parameters', () => {
    expect(userOfUri('"Zhang Wei" <sip:13800138000@10.0.0.1:5060;transport=udp>')).toBe('13800138000');
    expect(userOfUri('sips:%2B8613800138000@pbx')).toBe('+8613800138000');
    expect(userOfUri('tel:+86-10-1234-5678')).toBe('+86-10-1234-5678');
    expect(userOfUri('garbage')).toBe('');
  });
  it('an incoming call without an id is refused by the intake (malformed), nothing written', () => {
    const core = phoneCore(fixedClock(AT), { source: 'baresip', baresipAddress: '127.0.0.1:1' });
    const event = mapBaresipEvent({ ...incoming, id: undefined }, AT)!;
    expect(core.phone.runtime.accept('baresip', event)).toMatchObject({ ok: false, outcome: 'malformed' });
    expect(phoneRows(core)).toEqual([]);
    core.close();
  });
});

/** A stand-in for baresip's ctrl_tcp: records commands, sends what the test says. */
async function fakeBaresip() {
  const sockets: Socket[] = [];
  const commands: Record<string, unknown>[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    const decoder = new NetstringDecoder();
    socket.on('data', (chunk) => {
      for (const frame of decoder.push(chunk)) {
        const command = JSON.parse(frame) as Record<string, unknown>;
        commands.push(command);
        socket.write(encodeNetstring({ response: true, ok: true, data: 'Answering incoming call', token: command.token }));
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    sockets,
    commands,
    send: (value: unknown) => sockets.at(-1)!.write(encodeNetstring(value)),
    raw: (bytes: string) => sockets.at(-1)!.write(bytes),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the client', () => {
  it('delivers events, answers with accept, and after a drop or garbage reconnects: never a crash', async () => {
    const fake = await fakeBaresip();
    const events: PhoneEventInput[] = [];
    const statuses: PhoneConnection['state'][] = [];
    const bad: string[] = [];
    const client = new BaresipClient({
      address: `127.0.0.1:${fake.port}`,
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s.state),
      onBadMessage: (r) => bad.push(r),
      retryMs: [20],
    });
    client.start();
    await until(() => client.status.state === 'connected');
    fake.send(incoming);
    fake.send({ ...incoming, type: 'CALL_CLOSED', param: 'bye' });
    await until(() => events.length === 2);
    expect(events.map((e) => e.kind)).toEqual(['ringing', 'ended']);
    expect(await client.command('accept')).toEqual({ ok: true, data: 'Answering incoming call' });
    expect(fake.commands.at(-1)).toMatchObject({ command: 'accept' });
    fake.raw('not a netstring at all');
    await until(() => bad.includes('not_netstring') && fake.sockets.length === 2 && client.status.state === 'connected');
    fake.send('[1,2]');
    fake.raw('7:{"a":1,,');
    fake.raw('7:{"a":1}X');
    await until(() => fake.sockets.length === 3 && client.status.state === 'connected');
    expect(bad).toEqual(['not_netstring', 'not_object', 'not_json', 'not_netstring']);
    // and it still works after all that
    fake.send({ ...incoming, type: 'CALL_ESTABLISHED' });
    await until(() => events.length === 3);
    expect(statuses).toContain('error');
    client.stop();
    await fake.close();
  });

  it('with nobody listening: status "error" with the reason, retried, commands refused politely', async () => {
    const fake = await fakeBaresip();
    const port = fake.port;
    await fake.close();
    const statuses: PhoneConnection[] = [];
    const client = new BaresipClient({ address: `127.0.0.1:${port}`, onEvent: () => undefined, onStatus: (s) => statuses.push(s), retryMs: [20] });
    client.start();
    await until(() => statuses.some((s) => s.state === 'error'));
    expect(statuses.find((s) => s.state === 'error')!.detail).toBe('ECONNREFUSED');
    expect(await client.command('accept')).toEqual({ ok: false, data: 'not connected' });
    client.stop();
  });

  it('a console set to baresip shows the connection in phone.state and takes the call on F2 (accept sent)', async () => {
    const fake = await fakeBaresip();
    const clock = fixedClock(AT);
    const log = memoryLogger();
    const core = phoneCore(clock, { source: 'baresip', baresipAddress: `127.0.0.1:${fake.port}`, ringCadenceSeconds: 1 }, { logger: log });
    await until(() => fake.sockets.length === 1);
    const { call } = await import('../../../../helpers/core');
    await until(() => core.phone.runtime.state().connection.state === 'connected');
    fake.send(incoming);
    await until(() => core.phone.runtime.state().ringing.length === 1);
    clock.advance(6000);
    const answered = await call(core, 'phone.answer', {});
    expect(answered).toMatchObject({ phone: '13800138000', lateAnswer: true });
    expect(fake.commands).toEqual([expect.objectContaining({ command: 'accept' })]);
    fake.send({ ...incoming, type: 'CALL_ESTABLISHED' });
    fake.send({ ...incoming, type: 'CALL_CLOSED', param: 'Connection reset by peer' });
    await until(() => phoneRows(core)[0]!.status === 'ended');
    expect(phoneRows(core)[0]).toMatchObject({ answered_at: new Date(Date.parse(AT) + 6000).toISOString(), end_cause: 'Connection reset by peer' });
    // baresip goes away: a status, not a crash
    for (const s of fake.sockets) s.destroy();
    await until(() => core.phone.runtime.state().connection.state === 'error');
    expect(log.lines.some((l) => l.event === 'phone.connection' && l.fields.reason === 'error')).toBe(true);
    core.close();
    await fake.close();
  });
});
