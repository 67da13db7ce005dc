// Lifecycle: one instance; security installed before anything loads; the core opened before IPC is
// wired; IPC wired before the window exists, so the page never calls a channel with no handler.
import { app, dialog, Menu, protocol, session, type BrowserWindow } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { methodNames } from '../../shared/contract';
import { AppError, type ErrorCode } from '../../shared/errors';
import { startCore, type Core } from '../core/entry/start-core';
import { latestVerifiedBackup, recoverFromLatestBackup } from '../core/db/recovery';
import { wireIpc } from './ipc';
import { cliArguments, runCliMode } from './cli-mode';
import { devNativeBinding, resolveDbFile, resolveLogDir } from './paths';
import { loadManagedConfig, managedConfigFile } from '../core/infra/managed-config';
import { createFileLogger, errorFields, logLevelFromEnv, type Logger } from '../core/infra/logger';
import { restrictNewFiles } from '../core/infra/file-modes';
import { installSecurity } from './security';
import { createMainWindow, createPrintWindow, windowTitle } from './window';
import { installAppProtocol, registerAppScheme, rendererIndexUrl } from './app-protocol';
import { createPdfPrinter } from './print-pdf';
import { appMenuTemplate, devToolsAllowed, refusedSwitches } from './release';
import { deliverPhoneArgs, wireSecondInstance, type HandoverTarget } from './phone-handover';

// Database states the agent can act on (another copy open, a newer app's file, damage): they get
// the core's message. A damaged database is offered a restore from the newest verified backup.
const databaseProblems: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['db_newer', 'db_corrupt', 'db_foreign', 'db_unavailable']);

let core: Core | undefined;
let logger: Logger | undefined;
let mainWindow: BrowserWindow | undefined;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// IT's machine-wide file; a bad one is reported in About and the log, never fatal
const managedConfigOfThisRun = () => loadManagedConfig(managedConfigFile(process.argv, process.env));
const dbFileOfThisRun = (managedConfig = managedConfigOfThisRun()) =>
  resolveDbFile(process.argv, process.env, app.getPath('userData'), managedConfig.config.dataFolder);
const nativeBindingOfThisRun = () => devNativeBinding(app.getAppPath(), app.isPackaged, existsSync);
// R2 as PDF: the window app and the command line print the report the same way
const printPdf = createPdfPrinter({ whenReady: () => app.whenReady(), openWindow: createPrintWindow });

function openCore(): Core {
  const userData = app.getPath('userData');
  restrictNewFiles(); // data, logs, backups, exports: private to this user (POSIX)
  const logDir = resolveLogDir(process.env, userData);
  // once per run: openCore runs again after a restore from backup
  logger ??= createFileLogger({ dir: logDir, level: logLevelFromEnv(process.env) });
  const managedConfig = managedConfigOfThisRun();
  const dbFile = dbFileOfThisRun(managedConfig);
  if (dbFile !== ':memory:') mkdirSync(dirname(dbFile), { recursive: true });
  const nativeBinding = nativeBindingOfThisRun();
  return startCore({
    dbFile,
    transport: 'electron',
    version: app.getVersion(),
    ...(nativeBinding ? { nativeBinding } : {}),
    managedConfig,
    logger,
    logDir,
    printPdf,
    phoneListener: true,
    onInternalError: (method, err) => console.error(`Call Console: internal error in ${method}`, err),
  });
}

// main.js and preload.js sit in dist/electron, the renderer build in dist/renderer: served as
// app://call-console/ (app-protocol.ts), never as file:
const rendererDir = join(__dirname, '..', 'renderer');

function start(): void {
  installSecurity(app, session.defaultSession, rendererIndexUrl);
  installAppProtocol(protocol, rendererDir);
  openAndShow();
  // started by a phone hook while no console ran: the event still counts
  const target = phoneTarget();
  if (target) deliverPhoneArgs(process.argv, target);
}

function phoneTarget(): HandoverTarget | null {
  const running = core;
  if (!running) return null;
  return {
    deliver: (command) => running.phone.runtime.acceptHook(command),
    focus: focusMainWindow,
    refused: (reason) => logger?.warn('phone.hookRefused', { source: 'hooks', reason }),
  };
}

/** The core, IPC and the window; run again after a restore (security is installed once). */
function openAndShow(): void {
  core = openCore();
  wireIpc(core.dispatch, rendererIndexUrl);
  mainWindow = createMainWindow({
    preloadPath: join(__dirname, 'preload.js'),
    rendererIndexUrl,
    methods: methodNames,
    devTools: devToolsAllowed(app.isPackaged),
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

// The shell speaks before the renderer (and its translations) exists, so these few lines live here.
const recoveryText = {
  en: {
    message: 'The Call Console database is damaged.',
    detail: (problem: string, backup: string) =>
      `${problem}\n\nThe newest backup that passes its check is ${backup}. Restore it? The damaged file is moved aside and kept (never deleted). Calls saved after that backup was made will not be in the restored database.`,
    restore: 'Restore the latest backup',
    quit: 'Quit',
    restored: 'The backup was restored.',
    restoredDetail: (from: string, kept: string | null) =>
      `Restored from ${from}.${kept ? `\nThe damaged database was kept at ${kept}; give it to IT if calls are missing.` : ''}`,
  },
  zh: {
    message: '来电工作台的数据库已损坏。',
    detail: (problem: string, backup: string) =>
      `${problem}\n\n最近一份通过检查的备份是 ${backup}。要恢复它吗？损坏的文件会被移到一旁保留（不会删除）。该备份之后保存的来电不在恢复的数据库中。`,
    restore: '恢复最近的备份',
    quit: '退出',
    restored: '备份已恢复。',
    restoredDetail: (from: string, kept: string | null) => `已从 ${from} 恢复。${kept ? `\n损坏的数据库保留在 ${kept}；如有来电缺失，请交给 IT。` : ''}`,
  },
};

/** A damaged database at start: explain the damage, offer Restore / Quit; true when the situation was handled. */
async function offerRestore(err: AppError): Promise<boolean> {
  const dbFile = dbFileOfThisRun();
  const nativeBinding = nativeBindingOfThisRun();
  const backup = dbFile === ':memory:' ? null : latestVerifiedBackup(dbFile, nativeBinding);
  if (!backup) return false; // nothing to offer: the plain message below, and quit
  const text = app.getLocale().toLowerCase().startsWith('zh') ? recoveryText.zh : recoveryText.en;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: windowTitle,
    message: text.message,
    detail: text.detail(err.message, backup),
    buttons: [text.restore, text.quit],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) {
    app.quit();
    return true;
  }
  const result = recoverFromLatestBackup(dbFile, nativeBinding ? { nativeBinding } : {});
  openAndShow();
  await dialog.showMessageBox({
    type: 'info',
    title: windowTitle,
    message: text.restored,
    detail: text.restoredDetail(result.restoredFrom, result.damagedKeptAt),
    buttons: ['OK'],
  });
  return true;
}

async function failedToStart(err: unknown): Promise<void> {
  logger?.error('app.startFailed', { method: 'startup', ...errorFields(err) });
  try {
    if (err instanceof AppError && err.code === 'db_corrupt' && (await offerRestore(err))) return;
  } catch (restoreErr) {
    err = restoreErr; // the restore itself failed (or the restored file would not open): say so
  }
  if (err instanceof AppError && databaseProblems.has(err.code)) {
    dialog.showErrorBox(windowTitle, err.message);
  } else {
    console.error('Call Console: start-up failed', err);
    dialog.showErrorBox(windowTitle, `Call Console could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  app.quit();
}

// the scheme's privileges can only be granted before the app is ready
registerAppScheme(protocol);

const cliArgs = cliArguments(process.argv);
const debugging = app.isPackaged ? refusedSwitches(process.argv) : [];
if (debugging.length > 0) {
  // a release build never runs with a debugger attached (release.ts)
  console.error(`Call Console: refusing to start with ${debugging.join(' ')}`);
  app.exit(1);
} else if (cliArgs) {
  // A scheduled export or check: no window, and no single-instance lock (see cli-mode.ts).
  void runCliMode(app, cliArgs, devNativeBinding(app.getAppPath(), app.isPackaged, existsSync), printPdf);
} else if (!app.requestSingleInstanceLock()) {
  // Two copies writing one database would fight over it; the first copy comes to the front instead.
  app.quit();
} else {
  wireSecondInstance(app, phoneTarget, focusMainWindow);
  // the app's own menu in a release build: no Toggle Developer Tools, no Reload
  if (app.isPackaged) void app.whenReady().then(() => Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate())));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = undefined;
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => void failedToStart(err));
}
