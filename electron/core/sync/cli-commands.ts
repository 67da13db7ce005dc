// The team-mode commands IT runs: `team init`, `team add-workstation`, `team purge` (nightly: the
// server's copies of erased rows leave its table files), and `sync` (one full round, for scripts,
// tests and cron). Passwords are written to the connection file only, never printed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags, UsageError } from '../entry/args';
import { openDatabase } from '../db/open';
import { AppError } from '../../../shared/errors';
import { addWorkstation, teamInit } from './server-schema';
import { purgeServer } from './server-purge';
import { readConnectionFile, redactUrl, writeConnectionFile } from './pg-connect';
import { syncOnce } from './engine';
import { pendingCount } from './local';

export interface TeamCliIo {
  out(line: string): void;
  err(line: string): void;
}

export const teamUsage = `  team init --server <admin-url> [--ca <pem>] [--new-epoch]
  team add-workstation --server <admin-url> --name <ws> --out <file> [--ca <pem>] [--lead]
  team purge --server <admin-url> [--ca <pem>] [--force] [--wait <seconds>]
  sync      --db <file> --team <connection-file>`;

function readCa(file: string | undefined): string | null {
  if (file === undefined) return null;
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (err) {
    throw new AppError('io', `Cannot read the CA certificate ${file}: ${(err as Error).message}`);
  }
}

function server(value: string | undefined): string {
  if (!value) throw new UsageError('--server <postgres://admin@host/db> is required');
  return value;
}

export async function teamCommand(argv: string[], io: TeamCliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'init') {
    const { values } = parseFlags(rest, { server: { type: 'string' }, ca: { type: 'string' }, 'new-epoch': { type: 'boolean' } });
    const url = server(values.server);
    const result = await teamInit(url, { ca: readCa(values.ca), newEpoch: values['new-epoch'] === true });
    io.out(`${result.created ? 'created' : 'checked'} the team schema in ${redactUrl(url)} (epoch ${result.epoch})`);
    return 0;
  }
  if (sub === 'add-workstation') {
    const { values } = parseFlags(rest, {
      server: { type: 'string' },
      ca: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      lead: { type: 'boolean' },
    });
    const url = server(values.server);
    if (!values.name) throw new UsageError('--name <workstation> is required');
    if (!values.out) throw new UsageError('--out <file> is required');
    const ca = readCa(values.ca);
    const added = await addWorkstation(url, values.name, { ca, lead: values.lead === true });
    const file = resolve(values.out);
    writeConnectionFile(file, { format: 'call-console-team/1', url: added.url, workstation: added.name, ...(ca ? { ca } : {}) });
    io.out(
      `${added.created ? 'created' : 'gave a new password to'} workstation ${added.name}${values.lead ? ' (team lead)' : ''}; connection file ${file} (mode 0600)`,
    );
    return 0;
  }
  if (sub === 'purge') {
    const { values } = parseFlags(rest, { server: { type: 'string' }, ca: { type: 'string' }, force: { type: 'boolean' }, wait: { type: 'string' } });
    const url = server(values.server);
    const wait = values.wait === undefined ? 60 : Number(values.wait);
    if (!Number.isFinite(wait) || wait < 0) throw new UsageError(`--wait must be a number of seconds, got "${values.wait}"`);
    const r = await purgeServer(url, { ca: readCa(values.ca), force: values.force === true, waitMs: wait * 1000, onProgress: (line) => io.out(line) });
    if (!r.purged) {
      io.out(`nothing to purge in ${redactUrl(url)}: no erasure since the last purge`);
      return 0;
    }
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    for (const t of r.tables) io.out(`purged ${t.name}: rewritten without the replaced row versions (${mb(t.bytesBefore)} → ${mb(t.bytesAfter)})`);
    io.out(
      `${r.pendingSince ? `erasures since ${r.pendingSince} are gone from the table files` : 'no erasure was owed (--force)'}; the tables were locked for ${(r.lockMs / 1000).toFixed(2)} s`,
    );
    return 0;
  }
  throw new UsageError(sub ? `unknown team command "${sub}"` : 'team init | team add-workstation | team purge');
}

export async function syncCommand(argv: string[], io: TeamCliIo, options: { nativeBinding?: string } = {}): Promise<number> {
  const { values } = parseFlags(argv, { db: { type: 'string' }, team: { type: 'string' } });
  if (!values.db) throw new UsageError('--db <file> is required');
  if (!values.team) throw new UsageError('--team <connection-file> is required');
  const file = resolve(values.db);
  if (!existsSync(file)) throw new AppError('db_unavailable', `No database at ${file}`);
  const team = readConnectionFile(resolve(values.team));
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const r = await syncOnce(db, team);
    io.out(
      `pushed ${r.pushed}, pulled ${r.pulled} changes as ${team.workstation}; ${pendingCount(db)} waiting; server position ${r.cursor.epoch.slice(0, 8)}/${r.cursor.xid}/${r.cursor.pos}`,
    );
    return 0;
  } finally {
    db.close();
  }
}
