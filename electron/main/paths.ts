// Where the app keeps its data. Pure functions of (argv, env, folders) so the rules can be tested
// without Electron; index.ts feeds them app.getPath('userData') and app.getAppPath().
import { dirname, join, resolve } from 'node:path';

export const dbFileName = 'call-console.db';

/** The Electron build of better-sqlite3 made by build/scripts/electron-native.mjs (dev only). */
export const devNativeBindingPath = join('.cache', 'electron-native', 'better_sqlite3.node');

function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--db=')) return arg.slice('--db='.length) || undefined;
    if (arg === '--db') {
      const next = argv[i + 1];
      // "--db" followed by another flag (or nothing) names no file; fall back rather than
      // opening a database called "--something".
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/**
 * The database file: `--db <file>` (or `--db=<file>`) wins, then CALL_CONSOLE_DB (how tests give
 * each run its own file), then the managed config's dataFolder (IT), then call-console.db in the
 * user data folder.
 */
export function resolveDbFile(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string, dataFolder?: string | null): string {
  const chosen = dbArgument(argv) ?? (env.CALL_CONSOLE_DB || undefined);
  if (chosen === ':memory:') return chosen;
  return chosen ? resolve(chosen) : join(dataFolder || userData, dbFileName);
}

/** The log folder: CALL_CONSOLE_LOG_DIR (tests), else logs/ in the user data folder. */
export function resolveLogDir(env: NodeJS.ProcessEnv, userData: string): string {
  return env.CALL_CONSOLE_LOG_DIR ? resolve(env.CALL_CONSOLE_LOG_DIR) : join(userData, 'logs');
}

/**
 * In development the app runs from the checkout, where node_modules holds better-sqlite3 built for
 * Node (for vitest and browser mode); the Electron build lives in .cache at the project root. The
 * app path is the root for `electron .` but dist/electron for `electron dist/electron/main.js`, so
 * walk up to the folder with package.json. A packaged app has its own rebuilt module: no option.
 */
export function devNativeBinding(appPath: string, isPackaged: boolean, exists: (file: string) => boolean): string | undefined {
  if (isPackaged) return undefined;
  let dir = resolve(appPath);
  for (;;) {
    if (exists(join(dir, 'package.json'))) {
      const candidate = join(dir, devNativeBindingPath);
      return exists(candidate) ? candidate : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
