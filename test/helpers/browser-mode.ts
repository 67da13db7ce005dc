// Starts the real browser-mode server (the built bundle) on a database of the test's own, and
// waits for the line that says it is ready instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningConsole {
  url: string;
  origin: string;
  token: string;
  dbFile: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'call-console-')), 'console.db');
}

export function startConsole(dbFile: string = tempDbFile(), env: Record<string, string> = {}): Promise<RunningConsole> {
  const child = spawn(process.execPath, ['dist/node/browser.js', '--db', dbFile, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}\n${err}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${out}\n${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[0],
        origin: match[1]!,
        token: match[2]!,
        dbFile,
        process: child,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    });
  });
}

/** Opens the console and signs in as `agent` (adding the agent the first time). */
export async function openConsole(page: import('@playwright/test').Page, app: RunningConsole, agent = 'Test Agent'): Promise<void> {
  await page.goto(app.url);
  const signOut = page.getByRole('button', { name: /^(Sign out|退出登录)$/ });
  const signInHeading = page.getByRole('heading', { name: /^(Who is at this workstation\?|请选择您的姓名登录)$/ });
  await signOut.or(signInHeading).first().waitFor();
  // The session belongs to the running service (one agent per workstation), not to the tab.
  if (await signOut.isVisible()) await signOut.click();
  const existing = page.getByRole('list', { name: /^(Agents|坐席人员)$/ }).getByRole('button', { name: agent });
  await signInHeading.waitFor();
  if (await existing.count()) await existing.click();
  else {
    await page.getByRole('textbox', { name: /^(Your name|Not in the list\? Your name|您的姓名|列表中没有？请输入姓名)$/ }).fill(agent);
    await page.getByRole('button', { name: /^(Add me and sign in|添加并登录)$/ }).click();
  }
  await page.getByRole('navigation').waitFor();
}
