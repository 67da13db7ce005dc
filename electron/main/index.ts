// Lifecycle: one instance; security installed before anything loads; the core opened before IPC is
// wired; IPC wired before the window exists, so the page never calls a channel with no handler.
import { app, dialog, session, type BrowserWindow } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { methodNames } from '../../shared/contract';
import { AppError, type ErrorCode } from '../../shared/errors';
import { startCore, type Core } from '../core/app';
import { wireIpc } from './ipc';
import { devNativeBinding, resolveDbFile, resolveLogDir } from './paths';
import { loadManagedConfig, managedConfigFile } from '../core/managed-config';
import { createFileLogger, errorFields, logLevelFromEnv, type Logger } from '../core/logger';
import { installSecurity } from './security';
import { createMainWindow, rendererUrlFor, windowTitle } from './window';

// Database states the agent can act on (another copy open, a newer app's file, damage): they get
// the core's message. Issue 6 adds restore-from-backup for db_corrupt here.
const databaseProblems: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['db_newer', 'db_corrupt', 'db_unavailable']);

let core: Core | undefined;
let logger: Logger | undefined;
let mainWindow: BrowserWindow | undefined;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openCore(): Core {
  const userData = app.getPath('userData');
  logger = createFileLogger({ dir: resolveLogDir(process.env, userData), level: logLevelFromEnv(process.env) });
  // IT's machine-wide file; a bad one is reported in About and the log, never fatal
  const managedConfig = loadManagedConfig(managedConfigFile(process.argv, process.env));
  const dbFile = resolveDbFile(process.argv, process.env, userData, managedConfig.config.dataFolder);
  if (dbFile !== ':memory:') mkdirSync(dirname(dbFile), { recursive: true });
  const nativeBinding = devNativeBinding(app.getAppPath(), app.isPackaged, existsSync);
  return startCore({
    dbFile,
    transport: 'electron',
    version: app.getVersion(),
    ...(nativeBinding ? { nativeBinding } : {}),
    managedConfig,
    logger,
    onInternalError: (method, err) => console.error(`Call Console: internal error in ${method}`, err),
  });
}

function start(): void {
  // main.js and preload.js sit in dist/electron, the renderer build in dist/renderer
  const rendererIndexUrl = rendererUrlFor(join(__dirname, '..', 'renderer', 'index.html'));
  installSecurity(app, session.defaultSession, rendererIndexUrl);
  core = openCore();
  wireIpc(core.dispatch, rendererIndexUrl);
  mainWindow = createMainWindow({ preloadPath: join(__dirname, 'preload.js'), rendererIndexUrl, methods: methodNames });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

function failedToStart(err: unknown): void {
  logger?.error('app.startFailed', { method: 'startup', ...errorFields(err) });
  if (err instanceof AppError && databaseProblems.has(err.code)) {
    dialog.showErrorBox(windowTitle, err.message);
  } else {
    console.error('Call Console: start-up failed', err);
    dialog.showErrorBox(windowTitle, `Call Console could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Two copies writing one database would fight over it; the first copy comes to the front instead.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = undefined;
  });
  app.whenReady().then(start).catch(failedToStart);
}
