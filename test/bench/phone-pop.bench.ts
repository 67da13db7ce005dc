// pop_p95_ms: from a ringing event's arrival at the console's service to the frame in Chromium that
// shows the ringing banner (the screen pop), through the real loopback HTTP endpoint and the real
// browser-mode console. The service stamps the arrival (Date.now() when the event is stored); the
// page stamps the first task after the animation frame that first shows that call's banner; both
// are this machine's clock.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openConsole, startConsole } from '../helpers/browser-mode';
import { figure, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_POP_ROUNDS ?? 60);

/** what the page records for each call id: ms from the event's arrival to the banner's paint */
type PopPage = { __phonePops?: Record<string, number> };

async function main(): Promise<void> {
  if (!existsSync(join('dist', 'renderer', 'index.html'))) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const app = await startConsole();
  const browser = await chromium.launch({
    executablePath: process.env.CALL_CONSOLE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const api = async (method: string, input: unknown) => {
    const r = await fetch(`${app.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
      body: JSON.stringify(input),
    });
    const e = (await r.json()) as { ok: boolean; error?: unknown };
    if (!e.ok) throw new Error(`${method}: ${JSON.stringify(e.error)}`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openConsole(page, app, 'Bench Agent');
    await api('lead.setPin', { pin: '246800' });
    await api('phone.configure', { source: 'http' });
    const channel = JSON.parse(readFileSync(`${app.dbFile}.phone.json`, 'utf8')) as { port: number; token: string };
    const pbx = (fields: Record<string, string>) =>
      fetch(`http://127.0.0.1:${channel.port}/api/v1/cti/${channel.token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ direction: 'in', ...fields }).toString(),
      });
    const pops: number[] = [];
    const posts: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const callId = `bench${i}`;
      const sent = performance.now();
      await pbx({ event: 'newCall', from: `1380013${String(i).padStart(4, '0')}`, callId });
      posts.push(performance.now() - sent);
      await page.waitForFunction((id) => (globalThis as unknown as PopPage).__phonePops?.[id] !== undefined, callId, { timeout: 10_000 });
      pops.push(await page.evaluate((id) => (globalThis as unknown as PopPage).__phonePops![id]!, callId));
      await pbx({ event: 'hangup', callId, cause: 'cancel' });
      await page.locator('.ringing-banner').waitFor({ state: 'detached' });
    }
    figure('pop_p50_ms', percentile(pops, 50), 'ms', 1);
    figure('pop_p95_ms', percentile(pops, 95), 'ms', 1);
    figure('pop_max_ms', Math.max(...pops), 'ms', 1);
    // the endpoint's own answer time (event stored, fsync included), for comparison
    figure('pop_event_post_p95_ms', percentile(posts, 95), 'ms', 1);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
