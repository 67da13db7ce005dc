// `npm run cli -- phone ring --db <file> --from <number> [--to <ext>] [--call <id>]` (and answer,
// hangup): a softphone hook delivering to the console running on that database, through the
// channel it advertises beside it. Exit 0 delivered, 1 no console / refused, 2 usage.
import { resolve } from 'node:path';
import { request } from 'node:http';
import { UsageError } from '../entry/args';
import type { CliIo } from '../entry/cli';
import { channelFileOf, readChannel } from './channel';
import { parseHookArgs } from './hooks';

function post(port: number, token: string, body: unknown): Promise<{ status: number; text: string }> {
  const data = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/phone/hook',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), Authorization: `Bearer ${token}` },
        timeout: 5000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end(data);
  });
}

export async function phoneCommand(argv: string[], io: CliIo): Promise<number> {
  const { command, values } = parseHookArgs(argv, { db: { type: 'string' } });
  if (typeof values.db !== 'string' || !values.db) throw new UsageError('--db <file> (the database of the running console) is required');
  const dbFile = resolve(values.db);
  const channel = readChannel(dbFile);
  if (!channel) {
    io.err(`error: no Call Console is running with ${dbFile} (no ${channelFileOf(dbFile)})`);
    return 1;
  }
  let answer: { status: number; text: string };
  try {
    answer = await post(channel.port, channel.token, command);
  } catch (err) {
    io.err(
      `error: no Call Console is running with ${dbFile} (${channelFileOf(dbFile)} is left from an earlier run: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
    return 1;
  }
  let parsed: { ok?: boolean; outcome?: string; error?: { message?: string } } = {};
  try {
    parsed = JSON.parse(answer.text) as typeof parsed;
  } catch {
    // reported below with the status
  }
  if (answer.status === 200 && parsed.ok) {
    io.out(`phone ${command.event}: ${parsed.outcome ?? 'ok'}`);
    return 0;
  }
  io.err(`error: the console refused phone ${command.event} (${parsed.outcome ?? answer.status}): ${parsed.error?.message ?? answer.text.slice(0, 200)}`);
  return 1;
}
