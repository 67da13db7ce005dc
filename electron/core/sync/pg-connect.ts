// Connections to the team's PostgreSQL. TLS is always verify-full with the team CA when the URL
// asks for TLS or a CA is given; the pg client's own parsing of `sslmode` is taken out of the URL
// because it would replace the CA we pass (and its meaning of `require` is due to change).
import pg from 'pg';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

export interface ConnectOptions {
  /** PEM of the CA that signed the server's certificate */
  ca?: string | null;
  /** ms before a connection attempt gives up (a frozen server must not hang a sync forever) */
  connectTimeoutMs?: number;
  /** ms before a statement gives up */
  queryTimeoutMs?: number;
  applicationName?: string;
}

export function pgConfig(url: string, options: ConnectOptions = {}): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('validation', 'The server address is not a postgres:// URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new AppError('validation', 'The server address is not a postgres:// URL');
  const mode = parsed.searchParams.get('sslmode');
  parsed.searchParams.delete('sslmode');
  parsed.searchParams.delete('sslrootcert');
  const wantsTls = (mode !== null && mode !== 'disable') || Boolean(options.ca);
  const config: pg.ClientConfig = {
    connectionString: parsed.toString(),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'call-console',
    keepAlive: true,
  };
  if (wantsTls) config.ssl = options.ca ? { ca: options.ca, rejectUnauthorized: true } : { rejectUnauthorized: true };
  return config;
}

export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client(pgConfig(url, options));
  // an idle connection that fails later (server stopped) must not crash the process
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new AppError('io', `Cannot reach the team server: ${describePgError(err)}`);
  }
  return client;
}

/** A message without secrets: pg errors never carry the password, but URLs might. */
export function describePgError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = (e?.message ?? String(err)).replace(/postgres(ql)?:\/\/[^\s@]*@/g, 'postgres://***@');
  return e?.code ? `${message} (${e.code})` : message;
}

/** URL with the password hidden, for logs and the About box. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

export const connectionFileSchema = z.object({
  format: z.literal('call-console-team/1'),
  url: z.string().min(1),
  workstation: z.string().min(1),
  ca: z.string().nullable().optional(),
});
export type ConnectionFile = z.infer<typeof connectionFileSchema>;

export function readConnectionFile(file: string): ConnectionFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('io', `Cannot read the team connection file ${file}: ${(err as Error).message}`);
  }
  const parsed = connectionFileSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', `${file} is not a team connection file (made by "team add-workstation")`);
  return parsed.data;
}

export function writeConnectionFile(file: string, content: ConnectionFile): void {
  // mode 0600 from the first byte: the file holds the workstation's password
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
