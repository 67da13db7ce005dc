// Team mode seen by the agent: the header says "In sync", then "Offline since …, N waiting" when
// the team's server stops (no dialog, saving goes on), and About shows the details. en + zh-CN.
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole, startConsole } from '../helpers/browser-mode';
import { pgSkipReason, startCluster, type PgCluster } from '../helpers/pg-cluster';
import { startTeam } from '../helpers/team';
import { writeConnectionFile } from '../../electron/core/sync/pg-connect';

const skip = pgSkipReason();

const text = {
  en: { inSync: 'In sync', offline: /Offline since \d\d:\d\d( [AP]M)?, \d+ changes? waiting/, about: 'About', card: 'Team sync' },
  'zh-CN': { inSync: '已同步', offline: /自 \d\d:\d\d 起离线，\d+ 项更改待发送/, about: '关于', card: '团队同步' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`team sync indicator (${locale})`, async ({ browser }) => {
    test.skip(skip !== null, skip ?? '');
    test.setTimeout(90_000);
    let cluster: PgCluster | null = null;
    const dir = mkdtempSync(join(tmpdir(), 'call-console-team-'));
    try {
      cluster = await startCluster();
      const team = await startTeam(cluster);
      const conn = await team.workstation(locale === 'en' ? 'desk_en' : 'desk_zh');
      const connFile = join(dir, 'team.json');
      writeConnectionFile(connFile, conn);
      const configFile = join(dir, 'config.json');
      writeFileSync(configFile, JSON.stringify({ team: { connectionFile: connFile } }));
      const app = await startConsole(join(dir, 'console.db'), { CALL_CONSOLE_CONFIG: configFile });
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      try {
        const page = await context.newPage();
        page.on('dialog', () => {
          throw new Error('no dialog may open because of the network');
        });
        await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
        const indicator = page.getByTestId('sync-indicator');
        await expect(indicator).toHaveText(text[locale].inSync, { timeout: 20_000 });
        await page.screenshot({ path: `/tmp/team-shots/team-sync-in-sync-${locale}.png` });

        await cluster.stop();
        // the agent keeps working: a call saved while the server is down
        const res = await page.request.post(`${app.origin}/api/calls.start`, { headers: { Authorization: `Bearer ${app.token}` }, data: {} });
        expect((await res.json()).ok).toBe(true);
        await expect(indicator).toHaveText(text[locale].offline, { timeout: 20_000 });
        await page.screenshot({ path: `/tmp/team-shots/team-sync-offline-${locale}.png` });

        await page.getByRole('button', { name: text[locale].about, exact: true }).click();
        await expect(page.getByRole('heading', { name: text[locale].card })).toBeVisible();
        await expect(page.getByText(conn.workstation, { exact: true }).first()).toBeVisible();
        await page.getByRole('heading', { name: text[locale].card }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/team-shots/team-sync-about-${locale}.png` });

        await cluster.start();
        await expect(indicator).toHaveText(text[locale].inSync, { timeout: 45_000 });
      } finally {
        await context.close();
        await app.stop();
      }
    } finally {
      await cluster?.destroy();
    }
  });
}
