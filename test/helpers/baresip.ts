// Real baresip softphones on loopback for the e2e tests: each gets its own config folder, SIP port
// and ctrl_tcp port; no registrar (accounts with regint=0 call each other directly).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNetstring, NetstringDecoder } from '../../electron/core/phone/baresip';

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function freeUdpAndTcpPort(): Promise<number> {
  for (;;) {
    const port = await freeTcpPort();
    const udp = createSocket('udp4');
    const ok = await new Promise<boolean>((r) => {
      udp.once('error', () => r(false));
      udp.bind(port, '127.0.0.1', () => r(true));
    });
    await new Promise<void>((r) => (ok ? udp.close(() => r()) : r()));
    if (ok) return port;
  }
}

export interface Softphone {
  user: string;
  sipPort: number;
  ctrlPort: number;
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startSoftphone(user: string): Promise<Softphone> {
  const dir = mkdtempSync(join(tmpdir(), `baresip-${user}-`));
  mkdirSync(dir, { recursive: true });
  const sipPort = await freeUdpAndTcpPort();
  const ctrlPort = await freeTcpPort();
  // ausine only makes 48 kHz stereo: without these two lines the answered call fails to start its audio
  writeFileSync(
    join(dir, 'config'),
    [
      `sip_listen 127.0.0.1:${sipPort}`,
      'audio_source ausine,440',
      'audio_player aubridge,nil',
      'audio_alert aubridge,nil',
      'ausrc_srate 48000',
      'auplay_srate 48000',
      'ausrc_channels 2',
      'auplay_channels 2',
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module ausine.so',
      'module aubridge.so',
      'module_app account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'accounts'), `<sip:${user}@127.0.0.1:${sipPort}>;regint=0\n`);
  const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!log.includes('baresip is ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`baresip ${user} did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    user,
    sipPort,
    ctrlPort,
    uri: `sip:${user}@127.0.0.1:${sipPort}`,
    process: child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** The test's own ctrl_tcp connection to a softphone: send commands, watch its events. */
export async function control(phone: Softphone) {
  const socket = new Socket();
  const events: Record<string, unknown>[] = [];
  const decoder = new NetstringDecoder();
  socket.on('data', (chunk) => decoder.push(chunk, (frame) => events.push(JSON.parse(frame) as Record<string, unknown>)));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(phone.ctrlPort, '127.0.0.1', () => resolve());
  });
  let seq = 0;
  return {
    events,
    send: (command: string, params = '') => socket.write(encodeNetstring({ command, params, token: `t${++seq}` })),
    waitFor: async (type: string, ms = 10_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find((e) => e.type === type);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no ${type} from ${phone.user}; got ${events.map((e) => String(e.type ?? 'response')).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    clear: () => events.splice(0),
    close: () => socket.destroy(),
  };
}
