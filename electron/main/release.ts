// A packaged (release) build is used by agents, not developers: no DevTools (an agent could call
// window.callConsole[...] by hand and bypass the screens), no Electron default menu (its View menu
// has Toggle Developer Tools and Reload), and no debugging switches on the command line (a remote
// debugging port or --inspect hands the whole process to whoever connects).
import type { MenuItemConstructorOptions } from 'electron';

/** Command-line switches that open the app to a debugger; refused in a release build. */
const debugSwitches =
  /^--(remote-debugging-port|remote-debugging-pipe|remote-debugging-address|inspect|inspect-brk|inspect-port|inspect-publish-uid|js-flags)(=|$)/;

export function refusedSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) => debugSwitches.test(arg));
}

/** DevTools only in development (npm start), never in the installed app. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/** The app's own menu: editing and window commands only (no reload, no developer tools). */
export function appMenuTemplate(platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: [{ role: 'minimize' }, { role: 'togglefullscreen' }, { type: 'separator' }, { role: platform === 'darwin' ? 'close' : 'quit' }],
  };
  return platform === 'darwin' ? [{ role: 'appMenu' }, edit, window] : [edit, window];
}
