// The channel a running console advertises beside its database, so `npm run cli -- phone …` on
// this machine can reach it: a file readable only by this user (0600) naming the loopback port and
// the token. Never a LAN port; a stale file (the console died) is recognised by the refused connection.
import { chmodSync, closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export interface PhoneChannel {
  pid: number;
  port: number;
  token: string;
}

export const channelFileOf = (dbFile: string): string => `${dbFile}.phone.json`;

export function writeChannel(dbFile: string, channel: PhoneChannel): string {
  const file = channelFileOf(dbFile);
  rmSync(file, { force: true }); // a new file gets our mode, whatever the old one had
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(channel));
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // the umask could have taken bits away, never added: make it exact
  return file;
}

export function readChannel(dbFile: string): PhoneChannel | null {
  let text: string;
  try {
    text = readFileSync(channelFileOf(dbFile), 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<PhoneChannel>;
    if (typeof value.port !== 'number' || typeof value.token !== 'string') return null;
    return { pid: Number(value.pid ?? 0), port: value.port, token: value.token };
  } catch {
    return null;
  }
}

/** Removes the file only if it is still ours (another console may have started on the same database since). */
export function removeChannel(dbFile: string, pid = process.pid): void {
  const current = readChannel(dbFile);
  if (current && current.pid === pid) rmSync(channelFileOf(dbFile), { force: true });
}
