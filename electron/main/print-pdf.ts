// R2 as PDF in the desktop app. The report page is self-contained (inline CSS and SVG, its own CSP
// allows no script), so it is written to a private temporary file, loaded into a hidden window with
// JavaScript off, and printed by Chromium. A file rather than a data: URL: Chromium refuses URLs
// over 2 MB, which a report over years of days can reach.
import type { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportPaper, type PdfPrinter } from '../core/exports/pdf';

export type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'printToPDF'>;
};

export interface PrinterDeps {
  /** app.whenReady: a scheduled CLI export may ask before Electron can open windows */
  whenReady: () => Promise<unknown>;
  openWindow: () => PrintWindow;
  tempRoot?: string;
  /** a page that never loads or prints must fail the export, not hang a scheduled task */
  timeoutMs?: number;
}

export const PRINT_TIMEOUT_MS = 60_000;

export function createPdfPrinter({ whenReady, openWindow, tempRoot = tmpdir(), timeoutMs = PRINT_TIMEOUT_MS }: PrinterDeps): PdfPrinter {
  return async (html) => {
    await whenReady();
    const dir = await mkdtemp(join(tempRoot, 'call-console-report-'));
    let window: PrintWindow | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const file = join(dir, 'report.html');
      await writeFile(file, html, { mode: 0o600 });
      const printWindow = (window = openWindow());
      const printing = (async () => {
        await printWindow.loadFile(file);
        return printWindow.webContents.printToPDF({ ...reportPaper });
      })();
      const tooLong = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the report did not print within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      });
      return await Promise.race([printing, tooLong]);
    } finally {
      clearTimeout(timer);
      if (window && !window.isDestroyed()) window.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
