// The real desktop app: main process, sandboxed preload and renderer together. Skips (with one line
// saying why) where the Electron binary is not installed, as on machines whose download is blocked.
import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { methodNames } from '../../shared/contract';

const root = resolve(__dirname, '..', '..');

/**
 * node_modules/electron exports the binary's path, downloading it first if needed, and throws
 * "Electron failed to install correctly" when it cannot. Ask a child process, so the download's
 * trace stays out of the test report.
 */
function electronUnavailable(): string | undefined {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    return /failed to install correctly/i.test(probe.stderr)
      ? 'Electron binary not installed (Electron failed to install correctly: download blocked)'
      : `electron package cannot be loaded: ${probe.stderr.trim().split('\n').pop() ?? ''}`;
  }
  return existsSync(probe.stdout) ? undefined : `Electron binary missing at ${probe.stdout}`;
}

const unavailable = electronUnavailable();
test.skip(unavailable !== undefined, unavailable ?? '');

type Bridge = Record<string, (input?: unknown) => Promise<unknown>>;

test('opens the Call Console window with the contract bridged and Node out of reach', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'call-console-electron-'));
  const dbFile = join(dataDir, 'e2e.db');
  const app = await electron.launch({
    args: ['dist/electron/main.js'],
    cwd: root,
    env: { ...process.env, CALL_CONSOLE_DB: dbFile },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
    expect(title).toBe('Call Console');
    // served by our own scheme (electron/main/app-protocol.ts), never file:, and its assets loaded
    expect(page.url()).toBe('app://call-console/index.html');
    expect(await page.evaluate(() => [...document.scripts].every((s) => !s.src || s.src.startsWith('app://call-console/')))).toBe(true);
    expect(await page.evaluate(() => document.querySelector('#root')?.childElementCount ?? 0)).toBeGreaterThan(0);

    const seen = await page.evaluate(() => {
      const api = (window as unknown as { callConsole?: Bridge }).callConsole;
      const g = globalThis as Record<string, unknown>;
      return {
        methods: api ? Object.keys(api).sort() : null,
        allFunctions: api ? Object.values(api).every((fn) => typeof fn === 'function') : false,
        require: typeof g.require,
        process: typeof g.process,
        ipcRenderer: typeof g.ipcRenderer,
      };
    });
    expect(seen.methods).toEqual([...methodNames].sort());
    expect(seen.allFunctions).toBe(true);
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
    expect(seen.ipcRenderer).toBe('undefined');

    // one real round trip through preload → ipc funnel → dispatch → core
    const info = await page.evaluate(() => (window as unknown as { callConsole: Bridge }).callConsole['app.info']!({}));
    expect(info).toMatchObject({ ok: true, value: { transport: 'electron', dbPath: dbFile } });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('prints the monthly report to a real PDF through the installed command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'call-console-electron-pdf-'));
  const dbFile = join(dataDir, 'e2e.db');
  const out = join(dataDir, 'out');
  try {
    const node = spawnSync(process.execPath, ['dist/node/cli.js', 'demo-data', '--db', dbFile, '--calls', '500', '--month', '2026-10'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(node.status, node.stderr).toBe(0);
    const binary = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], { cwd: root, encoding: 'utf8' }).stdout;
    const run = spawnSync(
      binary,
      ['dist/electron/main.js', '--cli', 'export', '--db', dbFile, '--month', '2026-10', '--format', 'pdf', '--out', out, '--lang', 'zh-CN'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const pdf = readFileSync(join(out, 'service-report-2026-10.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/); // A4
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
