// The one application window. Its security settings come from security.ts; this file only decides
// size, title and what it loads, and hands the contract's method list to the preload.
import { BrowserWindow } from 'electron';
import { printWebPreferences, secureWebPreferences } from './security';

/** Must match the prefix electron/preload/index.ts reads (it may import nothing but electron). */
export const methodsArgPrefix = '--call-console-methods=';

export const windowTitle = 'Call Console';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://call-console/index.html (app-protocol.ts): the very string isTrustedSender compares against */
  rendererIndexUrl: string;
  methods: readonly string[];
  /** false in a release build (release.ts) */
  devTools?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: windowTitle,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false, // shown on ready-to-show: no white flash before the first paint
    webPreferences: { ...secureWebPreferences(options.preloadPath, [methodsArgPrefix + options.methods.join(',')]), devTools: options.devTools ?? false },
  });
  win.once('ready-to-show', () => win.show());
  // The window keeps its product name whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.loadURL(options.rendererIndexUrl).catch((err: unknown) => {
    // A hidden window that never loads looks like a hung app; show it so the failure is visible.
    console.error('Call Console: cannot load the renderer', err);
    if (!win.isDestroyed()) win.show();
  });
  return win;
}

/** A hidden A4-wide window that loads one generated report page to print it to PDF (print-pdf.ts). */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({ show: false, width: 794, height: 1123, webPreferences: printWebPreferences() });
}
