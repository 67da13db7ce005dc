// About says when the server's copy of an erasure still waits for IT's purge, and when it was
// purged, and so does the lead's Privacy screen: "erased" is not complete on the server yet. en + zh-CN.
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
  en: {
    about: 'About',
    card: 'Team sync',
    pending: /Server copy not purged yet since .*2026.*IT's nightly purge/,
    privacy: 'Privacy',
    newPin: 'New team-lead PIN',
    setPin: 'Set PIN and unlock',
  },
  'zh-CN': { about: '关于', card: '团队同步', pending: /自 .*2026.* 起服务器副本尚未清除/, privacy: '隐私', newPin: '新组长密码', setPin: '设置密码并解锁' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`About shows a server purge still owed (${locale})`, async ({ browser }) => {
    test.skip(skip !== null, skip ?? '');
    test.setTimeout(90_000);
    let cluster: PgCluster | null = null;
    const dir = mkdtempSync(join(tmpdir(), 'call-console-purge-'));
    try {
      cluster = await startCluster();
      const team = await startTeam(cluster);
      // as the server's erasure leaves it: a purge owed since yesterday evening
      const admin = await team.admin();
      await admin.query(`UPDATE team.purge SET pending_since = '2026-12-05T17:40:00Z', pending_xid = pg_current_xact_id()`);
      await admin.end();
      const conn = await team.workstation(locale === 'en' ? 'purge_en' : 'purge_zh');
      const connFile = join(dir, 'team.json');
      writeConnectionFile(connFile, conn);
      const configFile = join(dir, 'config.json');
      writeFileSync(configFile, JSON.stringify({ team: { connectionFile: connFile } }));
      const app = await startConsole(join(dir, 'console.db'), { CALL_CONSOLE_CONFIG: configFile });
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      try {
        const page = await context.newPage();
        await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
        await page.getByRole('button', { name: text[locale].about, exact: true }).click();
        await expect(page.getByRole('heading', { name: text[locale].card })).toBeVisible();
        const purge = page.getByTestId('server-purge');
        await expect(purge).toHaveText(text[locale].pending, { timeout: 20_000 });
        await purge.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/team-shots/server-purge-about-${locale}.png` });

        // the lead's Privacy screen, beside the record of erasures
        await page.getByRole('navigation').getByRole('button', { name: text[locale].privacy }).click();
        await page.getByLabel(text[locale].newPin).fill('246800');
        await page.getByRole('button', { name: text[locale].setPin }).click();
        await expect(page.getByTestId('privacy-server-purge')).toHaveText(text[locale].pending);
        await page.getByTestId('privacy-server-purge').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/team-shots/server-purge-privacy-${locale}.png` });
      } finally {
        await context.close();
        await app.stop();
      }
    } finally {
      await cluster?.destroy();
    }
  });
}
