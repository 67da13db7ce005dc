// `npm run browser -- --db <file> --port <n>`: the console in Chromium, for development and e2e.
import { join, resolve } from 'node:path';
import { parseFlags, portFlag, UsageError } from './args';
import { startCore } from './app';
import { openOrRecover } from './recovery';
import { startBrowserServer } from './browser-server';
import { AppError } from '../../shared/errors';
import { version } from '../../package.json';

async function main(): Promise<void> {
  const { values } = parseFlags(process.argv.slice(2), {
    db: { type: 'string' },
    port: { type: 'string' },
    'restore-latest-backup': { type: 'boolean' },
  });
  const dbFile = resolve(values.db ?? process.env.CALL_CONSOLE_DB ?? 'call-console.db');
  const open = () =>
    startCore({
      dbFile,
      transport: 'browser',
      version,
      onInternalError: (method, err) => console.error(`[internal] ${method}:`, err),
    });
  const core = openOrRecover(dbFile, open, values['restore-latest-backup'] === true);
  const server = await startBrowserServer({
    dispatch: core.dispatch,
    staticDir: join(__dirname, '..', 'renderer'),
    port: portFlag(values.port),
  });
  console.log(`Call Console (browser mode) on ${server.url}`);
  console.log(`database: ${dbFile}`);
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
  if (err instanceof UsageError) console.error(`error: ${err.message}\nusage: npm run browser -- --db <file> [--port <n>] [--restore-latest-backup]`);
  else if (err instanceof AppError) console.error(`error: ${err.message}`);
  else console.error(err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
