// Team mode seen by the agent: the header says "In sync", then "Offline since …, N waiting" when
// the team's server stops (no dialog, saving goes on), and About shows the details. en + zh-CN.
import { test, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole, startConsole } from '../helpers/browser-mode';
import { pgSkipReason, startCluster, type PgCluster } from '../helpers/pg-cluster';
import { startTeam } from '../helpers/team';
import { writeConnectionFile } from '../../electron/core/sync/pg-connect';

const skip = pgSkipReason();

/** Every header control is on screen at 1366 px (none pushed past the right edge); returns the header's height. */
async function headerFits(page: Page): Promise<number> {
  const { overflow, height } = await page.locator('header.topbar').evaluate((header) => {
    const right = Math.max(...[...header.querySelectorAll('button, select, [role="status"]')].map((e) => e.getBoundingClientRect().right));
    return { overflow: right - document.documentElement.clientWidth, height: header.getBoundingClientRect().height };
  });
  expect(overflow).toBeLessThanOrEqual(0);
  return height;
}

const text = {
  en: { inSync: 'In sync', offline: /Offline since \d\d:\d\d( [AP]M)?, \d+ waiting/, about: 'About', card: 'Team sync' },
  'zh-CN': { inSync: '已同步', offline: /\d\d:\d\d 起离线，\d+ 项待发送/, about: '关于', card: '团队同步' },
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
        // one line with the indicator, the language select included
        expect(await headerFits(page)).toBeLessThan(60);
        await page.screenshot({ path: `/tmp/team-shots/team-sync-in-sync-${locale}.png` });

        await cluster.stop();
        // the agent keeps working: a call saved while the server is down
        const res = await page.request.post(`${app.origin}/api/calls.start`, { headers: { Authorization: `Bearer ${app.token}` }, data: {} });
        expect((await res.json()).ok).toBe(true);
        await expect(indicator).toHaveText(text[locale].offline, { timeout: 20_000 });
        await headerFits(page);
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

const merged = {
  en: { complaints: 'Complaints', all: 'All open', list: 'Complaint list', marker: 'Not applied: another workstation acted first' },
  'zh-CN': { complaints: '投诉', all: '全部未结', list: '投诉列表', marker: '未生效：其他工作站已先处理' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`complaint timeline marks an action not applied after a merge (${locale})`, async ({ browser }) => {
    const dir = mkdtempSync(join(tmpdir(), 'call-console-merged-'));
    const dbFile = join(dir, 'console.db');
    const app = await startConsole(dbFile);
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
      const post = async (method: string, data: unknown) => {
        const res = await page.request.post(`${app.origin}/api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data });
        const envelope = await res.json();
        expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
        return envelope.value;
      };
      const created = await post('complaints.create', {
        customerName: 'Li Na',
        phone: '13800138000',
        matter: '退款两周未到账',
        category: 'service',
        nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const moved = await post('complaints.setStatus', { id: created.complaint.id, to: 'in_progress' });
      // what the merge of two desks' work records for an action that came second (sync/local.ts)
      const statusEvent = moved.newEvents.find((e: { kind: string }) => e.kind === 'status');
      const db = new Database(dbFile);
      db.prepare('INSERT INTO sync_not_applied (event_id, complaint_id, reason) VALUES (?, ?, ?)').run(
        statusEvent.id,
        created.complaint.id,
        'status new → in_progress is not allowed after the merge',
      );
      db.close();
      const w = merged[locale];
      await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
      await page.getByRole('button', { name: w.all }).click();
      await page.getByRole('list', { name: w.list }).getByRole('button', { name: /Li Na/ }).click();
      await expect(page.getByRole('article').getByText(w.marker)).toBeVisible();
      await page.screenshot({ path: `/tmp/team-shots/team-sync-not-applied-${locale}.png` });
    } finally {
      await context.close();
      await app.stop();
    }
  });
}
