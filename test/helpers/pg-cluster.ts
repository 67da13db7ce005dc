// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, a temporary folder,
// a random loopback port, SCRAM passwords, optional TLS with a CA made here with openssl. initdb
// refuses to run as root, so as root everything runs as `nobody` on a folder chowned to it.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** null when the cluster can run here, else the one-line reason to skip. */
export function pgSkipReason(): string | null {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'postgres')))
    return `PostgreSQL binaries not found in ${PG_BIN} (apt-get install postgresql)`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /** require TLS (hostssl only, a final reject) with a server certificate signed by a test CA */
  tls?: boolean;
}

export interface PgCluster {
  port: number;
  dir: string;
  /** the superuser's password (user "postgres") */
  adminPassword: string;
  /** PEM of the test CA when tls is on */
  caPem: string | null;
  /** admin connection URL for database `db` */
  adminUrl(db?: string): string;
  createDatabase(name: string): Promise<void>;
  start(): Promise<void>;
  /** pg_ctl stop -m fast: connections are refused afterwards */
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT on the processes this cluster runs: connections hang rather than fail */
  freeze(): void;
  thaw(): void;
  destroy(): Promise<void>;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd: string, args: string[], opts: { cwd?: string } = {}): string {
  const full = asRoot ? (['runuser', ['-u', 'nobody', '--', cmd, ...args]] as const) : ([cmd, args] as const);
  return execFileSync(full[0], [...full[1]], { cwd: opts.cwd ?? tmpdir(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

function makeCerts(dir: string): string {
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  ssl(['req', '-x509', '-new', '-nodes', '-newkey', 'rsa:2048', '-days', '2', '-subj', '/CN=Test Team CA', '-keyout', 'ca.key', '-out', 'ca.crt']);
  ssl(['req', '-new', '-nodes', '-newkey', 'rsa:2048', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt']);
  return readFileSync(join(dir, 'ca.crt'), 'utf8');
}

export async function startCluster(options: ClusterOptions = {}): Promise<PgCluster> {
  const reason = pgSkipReason();
  if (reason) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  const pwfile = join(dir, 'pw');
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
  writeFileSync(pwfile, adminPassword);
  execFileSync('mkdir', ['-p', sock]);
  if (asRoot) for (const p of [dir, sock, pwfile]) chownSync(p, 65534, 65534);
  run(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
  let caPem: string | null = null;
  if (options.tls) {
    caPem = makeCerts(dir);
    for (const f of ['server.crt', 'server.key']) {
      writeFileSync(join(data, f), readFileSync(join(dir, f)));
      chmodSync(join(data, f), 0o600);
      if (asRoot) chownSync(join(data, f), 65534, 65534);
    }
  }
  // pg_hba: local socket for the helper itself; TCP only as configured (TLS: hostssl, then reject).
  const hba = [
    'local all all scram-sha-256',
    options.tls ? 'hostssl all all 127.0.0.1/32 scram-sha-256' : 'host all all 127.0.0.1/32 scram-sha-256',
    'host all all 0.0.0.0/0 reject',
    '',
  ].join('\n');
  writeFileSync(join(data, 'pg_hba.conf'), hba);
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      "password_encryption = 'scram-sha-256'",
      'fsync = off',
      'max_connections = 200',
      options.tls ? "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'" : '',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const cluster: PgCluster = {
    port,
    dir,
    adminPassword,
    caPem,
    adminUrl: (db = 'postgres') => `postgres://postgres:${encodeURIComponent(adminPassword)}@127.0.0.1:${port}/${db}`,
    async createDatabase(name) {
      const { Client } = await import('pg');
      const c = new Client(clientConfig(cluster, cluster.adminUrl()));
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}"`);
      } finally {
        await c.end();
      }
    },
    async start() {
      run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-w', '-t', '30', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1`, 'start']);
    },
    async stop() {
      if (existsSync(join(data, 'postmaster.pid'))) run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
    freeze() {
      signalAll('SIGSTOP');
    },
    thaw() {
      signalAll('SIGCONT');
    },
    async destroy() {
      try {
        cluster.thaw();
      } catch {
        /* not running */
      }
      try {
        await cluster.stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (asRoot) chownSync(dir, 65534, 65534);
  // the log file is written by the server as nobody
  function signalAll(sig: NodeJS.Signals): void {
    const pidFile = join(data, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const main = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = execFileSync('pgrep', ['-P', String(main)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    for (const pid of [main, ...children]) process.kill(pid, sig);
  }
  await cluster.start();
  return cluster;
}

/** pg client options for a URL on this cluster: verify-full with the test CA when TLS is on. */
export function clientConfig(cluster: PgCluster, url: string): { connectionString: string; ssl?: { ca: string; rejectUnauthorized: true } } {
  if (!cluster.caPem) return { connectionString: url };
  return { connectionString: url, ssl: { ca: cluster.caPem, rejectUnauthorized: true } };
}
