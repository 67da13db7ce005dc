// Team mode: team-wide lists say which agent and workstation each row came from ("Li Na · desk_07").
// The rows of another desk are written here as the sync would apply them; the sync itself is tested
// against a real cluster in test/unit/electron/core/sync/. en + zh-CN.
import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole, startConsole } from '../helpers/browser-mode';

const words = {
  en: {
    name: 'Caller name',
    history: 'Caller history',
    earlier: 'Earlier calls',
    complaints: 'Complaints',
    all: 'All open',
    list: 'Complaint list',
    agent: 'Maria',
  },
  'zh-CN': { name: '来电人姓名', history: '来电历史', earlier: '以往来电', complaints: '投诉', all: '全部未结', list: '投诉列表', agent: '王芳' },
} as const;

test.describe.configure({ timeout: 90_000 });

for (const locale of ['en', 'zh-CN'] as const) {
  test(`caller history and complaint list name the agent and the workstation (${locale})`, async ({ browser }) => {
    const dir = mkdtempSync(join(tmpdir(), 'call-console-labels-'));
    const dbFile = join(dir, 'console.db');
    const app = await startConsole(dbFile);
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const w = words[locale];
    try {
      const page = await context.newPage();
      await openConsole(page, app, w.agent);
      const post = async (method: string, data: unknown) => {
        const res = await page.request.post(`${app.origin}/api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data });
        const envelope = await res.json();
        expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
        return envelope.value;
      };
      // a call another desk took, as the sync applies it, and this desk in team mode
      const earlier = await post('calls.start', {});
      await post('calls.update', { id: earlier.id, fields: { callerName: '张伟', phone: '139 0000 1111', subject: '发票寄错了地址' } });
      await post('complaints.create', {
        customerName: '张伟',
        phone: '13900001111',
        matter: '退款两周未到账',
        category: 'service',
        nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const db = new Database(dbFile);
      db.prepare("UPDATE calls SET agent_name = 'Li Na', workstation = 'desk_07' WHERE id = ?").run(earlier.id);
      db.prepare("UPDATE sync_state SET mode = 1, workstation = 'desk_12'").run();
      db.close();

      await page.keyboard.press('F2');
      // the new call's form is on screen (an unfinished call may be shown until then)
      await expect(page.getByRole('form').getByLabel(w.name)).toBeFocused();
      await page.locator('input[type="tel"]').first().fill('139 0000 1111');
      const history = page.getByRole('region', { name: w.history });
      await expect(history.getByRole('list', { name: w.earlier })).toContainText('Li Na · desk_07');
      mkdirSync('/tmp/team-shots', { recursive: true });
      await page.screenshot({ path: `/tmp/team-shots/team-labels-history-${locale}.png` });

      await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
      await page.getByRole('button', { name: w.all }).click();
      await expect(page.getByRole('list', { name: w.list })).toContainText(`${w.agent} · desk_12`);
      await page.screenshot({ path: `/tmp/team-shots/team-labels-complaints-${locale}.png` });
    } finally {
      await context.close();
      await app.stop();
    }
  });
}
