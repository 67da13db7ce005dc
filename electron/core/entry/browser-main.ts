// `npm run browser -- --db <file> --port <n>`: the console in Chromium, for development and e2e.
import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { parseFlags, portFlag, UsageError } from './args';
import { startCore } from './start-core';
import { openOrRecover } from '../db/recovery';
import { startBrowserServer } from './browser-server';
import { AppError } from '../../../shared/errors';
import { version } from '../../../package.json';
import { loadManagedConfig, managedConfigFile } from '../infra/managed-config';
import { createFileLogger, logLevelFromEnv } from '../infra/logger';
import { restrictNewFiles } from '../infra/file-modes';

async function main(): Promise<void> {
  const { values } = parseFlags(process.argv.slice(2), {
    db: { type: 'string' },
    port: { type: 'string' },
    config: { type: 'string' },
    'restore-latest-backup': { type: 'boolean' },
  });
  const managedConfig = loadManagedConfig(managedConfigFile(values.config ? ['--config', values.config] : [], process.env));
  const dataFolder = managedConfig.config.dataFolder;
  const dbFile = resolve(values.db ?? process.env.CALL_CONSOLE_DB ?? (dataFolder ? join(dataFolder, 'call-console.db') : 'call-console.db'));
  restrictNewFiles(); // before the data folder and the log exist: private to this user (POSIX)
  if (dbFile !== ':memory:') mkdirSync(dirname(dbFile), { recursive: true });
  // logs/ beside the database (each e2e run has its own), unless CALL_CONSOLE_LOG_DIR says otherwise
  const logDir = process.env.CALL_CONSOLE_LOG_DIR ? resolve(process.env.CALL_CONSOLE_LOG_DIR) : join(dirname(dbFile), 'logs');
  const logger = createFileLogger({ dir: logDir, level: logLevelFromEnv(process.env) });
  // e2e only: each erasure file job waits this long first, so a test can see the "cleaning" state
  const scrubHoldMs = Number(process.env.CALL_CONSOLE_SCRUB_HOLD_MS ?? 0);
  const open = () =>
    startCore({
      dbFile,
      transport: 'browser',
      version,
      managedConfig,
      logger,
      logDir,
      phoneListener: true,
      ...(scrubHoldMs > 0 ? { beforeScrub: () => new Promise<void>((resolve) => setTimeout(resolve, scrubHoldMs)) } : {}),
      onInternalError: (method, err) => console.error(`[internal] ${method}:`, err),
    });
  // a damaged database is explained with the command that restores the latest backup
  const core = openOrRecover(dbFile, open, values['restore-latest-backup'] === true);
  const server = await startBrowserServer({
    dispatch: core.dispatch,
    // __dirname is the bundle's folder (dist/node), not this source file's: the build sits in dist/renderer
    staticDir: join(__dirname, '..', 'renderer'),
    port: portFlag(values.port),
  });
  console.log(`Call Console (browser mode) on ${server.url}`);
  console.log(`database: ${dbFile}`);
  console.log(`logs: ${logDir}`);
  const phone = await core.phone.listener;
  if (phone) console.log(`phone events: http://127.0.0.1:${phone.port} (token and port for \`npm run cli -- phone\` in ${dbFile}.phone.json)`);
  if (managedConfig.found) console.log(`managed config: ${managedConfig.file} (${managedConfig.problems.length} problem(s))`);
  const stop = () => {
    void server.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError)
    console.error(`error: ${err.message}\nusage: npm run browser -- --db <file> [--port <n>] [--config <file>] [--restore-latest-backup]`);
  else if (err instanceof AppError) console.error(`error: ${err.message}`);
  else console.error(err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
