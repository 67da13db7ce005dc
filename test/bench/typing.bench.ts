// typing_p95_ms: input-to-paint per keystroke in Chromium, in the call workspace of the real
// browser-mode console, on a database holding 1,000,000 calls. Each keystroke is timed from its
// keydown to the first task after the next animation frame (the frame that shows it), so it
// includes the wait for that frame; typing_work_p95_ms is the keydown-to-rendered part alone.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openConsole, startConsole } from '../helpers/browser-mode';
import { benchDatabase } from './bench-db';
import { figure, percentile } from './stats';

const COUNT = Number(process.env.BENCH_TYPING_CALLS ?? process.env.BENCH_CALLS ?? 1_000_000);

declare global {
  interface Window {
    __typing: number[];
    __work: number[];
  }
}

async function main(): Promise<void> {
  if (!existsSync(join('dist', 'renderer', 'index.html'))) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const { file, heavyPhones } = benchDatabase(COUNT);

  const app = await startConsole(file);
  const browser = await chromium.launch({
    executablePath: process.env.CALL_CONSOLE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openConsole(page, app, 'Bench Agent');
    await page.keyboard.press('F2');
    const form = page.getByRole('form', { name: 'Call notes' });
    await form.getByLabel('Caller name').waitFor();
    // a returning caller with a long history, so the history panel is populated while typing
    await form.getByLabel('Phone', { exact: true }).fill(heavyPhones[0]!);
    await page.getByText(/Repeat caller/).waitFor();

    await page.evaluate(() => {
      window.__typing = [];
      window.__work = [];
      let started = 0;
      document.addEventListener('keydown', () => (started = performance.now()), true);
      document.addEventListener(
        'input',
        () => {
          const from = started;
          // the handler's own work (React's render for this keystroke) ends before this task
          setTimeout(() => window.__work.push(performance.now() - from), 0);
          requestAnimationFrame(() => setTimeout(() => window.__typing.push(performance.now() - from), 0));
        },
        true,
      );
    });
    const words = 'Customer says the parcel was left at the wrong gate and asks for a call before five pm please'.split(' ');
    for (const field of [/^Subject/, /^Details/]) {
      // focus, not click: the complaint reminder pinned to the corner may sit over the field at this size
      await form.getByLabel(field).focus();
      for (const word of words) {
        await page.keyboard.type(`${word} `, { delay: 40 });
        await page.waitForTimeout(350); // a pause: the autosave fires while the agent goes on typing
      }
    }
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const samples = await page.evaluate(() => window.__typing);
    const work = await page.evaluate(() => window.__work);
    figure('typing_keystrokes', samples.length, 'keys', 0);
    figure('typing_p50_ms', percentile(samples, 50), 'ms');
    figure('typing_p95_ms', percentile(samples, 95), 'ms');
    figure('typing_work_p95_ms', percentile(work, 95), 'ms');

    // The same typing into a bare textarea outside React on the same page: what the machine and
    // Chromium cost by themselves (on a shared, loaded machine this is most of the figure).
    await page.evaluate(() => {
      window.__typing = [];
      window.__work = [];
      const bare = document.createElement('textarea');
      bare.setAttribute('aria-label', 'baseline');
      document.body.prepend(bare);
    });
    await page.getByLabel('baseline').click();
    for (const word of words) {
      await page.keyboard.type(`${word} `, { delay: 40 });
      await page.waitForTimeout(350);
    }
    figure('typing_baseline_p95_ms', percentile(await page.evaluate(() => window.__typing), 95), 'ms');
    if (process.env.BENCH_TYPING_DEBUG) console.log(JSON.stringify(work.map((w) => Math.round(w))));
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
