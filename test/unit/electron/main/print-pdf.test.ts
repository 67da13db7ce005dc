// The desktop app's report printer: one hidden window per report, fed from a private temporary
// file that is gone afterwards, whatever happens.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdfPrinter, type PrintWindow } from '../../../../electron/main/print-pdf';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cc-print-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeWindow(print: () => Promise<Buffer>) {
  const seen = { file: '', html: '', mode: 0, destroyed: false };
  const window: PrintWindow = {
    loadFile: vi.fn(async (file: string) => {
      seen.file = file;
      seen.html = readFileSync(file, 'utf8');
    }),
    destroy: vi.fn(() => {
      seen.destroyed = true;
    }),
    isDestroyed: () => seen.destroyed,
    webContents: { printToPDF: vi.fn(print) },
  } as unknown as PrintWindow;
  return { window, seen };
}

test('loads the page from a temporary file, prints it on A4 with its colours, then removes both window and file', async () => {
  const { window, seen } = fakeWindow(async () => Buffer.from('%PDF-1.7'));
  const print = createPdfPrinter({ whenReady: async () => undefined, openWindow: () => window, tempRoot: root });
  const bytes = await print('<p>张伟 & "Maria"</p>');
  expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7');
  expect(seen.html).toBe('<p>张伟 & "Maria"</p>');
  expect(seen.file.startsWith(root)).toBe(true);
  expect(window.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
  expect(seen.destroyed).toBe(true);
  expect(existsSync(seen.file)).toBe(false);
  expect(readdirSync(root)).toEqual([]);
});

test('a failed print still closes the window and removes the file, and the error reaches the export', async () => {
  const { window, seen } = fakeWindow(async () => Promise.reject(new Error('printing failed')));
  const print = createPdfPrinter({ whenReady: async () => undefined, openWindow: () => window, tempRoot: root });
  await expect(print('<p>x</p>')).rejects.toThrow('printing failed');
  expect(seen.destroyed).toBe(true);
  expect(readdirSync(root)).toEqual([]);
});

test('waits until Electron is ready before it opens a window (a scheduled CLI export starts earlier)', async () => {
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const { window } = fakeWindow(async () => Buffer.from('%PDF-1.7'));
  const openWindow = vi.fn(() => window);
  const printing = createPdfPrinter({ whenReady: () => whenReady, openWindow, tempRoot: root })('<p>x</p>');
  await new Promise((r) => setTimeout(r, 10));
  expect(openWindow).not.toHaveBeenCalled();
  ready();
  await printing;
  expect(openWindow).toHaveBeenCalledOnce();
});

test('a page that never prints fails after the time limit (a scheduled export must not hang), cleaning up', async () => {
  const { window, seen } = fakeWindow(() => new Promise<Buffer>(() => undefined));
  const print = createPdfPrinter({ whenReady: async () => undefined, openWindow: () => window, tempRoot: root, timeoutMs: 50 });
  await expect(print('<p>x</p>')).rejects.toThrow(/did not print within/);
  expect(seen.destroyed).toBe(true);
  expect(readdirSync(root)).toEqual([]);
});
