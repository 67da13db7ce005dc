// 100 000 complaints: the tracker opens at once, counts them all, renders only what is visible and
// scrolls to the last one.
import { test, expect } from '@playwright/test';
import { openDatabase } from '../../electron/core/db/open';
import { bulkLoad } from '../../electron/core/search/store';
import { newId } from '../../electron/core/infra/ids';
import { openConsole, startConsole, tempDbFile } from '../helpers/browser-mode';

test('the tracker stays usable with 100 000 complaints', async ({ page }) => {
  test.setTimeout(180_000);
  const dbFile = tempDbFile();
  const db = openDatabase(dbFile);
  const agentId = newId();
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES (?, 'Test Agent', '2026-01-01T00:00:00.000Z')").run(agentId);
  const insert = db.prepare(
    `INSERT INTO complaints (id, number, month, seq, customer_name, phone, phone_norm, matter, category, severity, status, owner_id, owner_name,
       next_reply_due, event_count, created_at, created_by_name, updated_at)
     VALUES (?, ?, '202611', ?, ?, '', '', ?, 'service', 'normal', 'in_progress', ?, 'Test Agent', ?, 1, ?, 'Test Agent', ?)`,
  );
  const due0 = Date.now() + 86_400_000;
  bulkLoad(db, () =>
    db.transaction(() => {
      for (let i = 1; i <= 100_000; i++) {
        const at = new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 1000).toISOString();
        insert.run(
          newId(),
          `TS-202611-${String(i).padStart(6, '0')}`,
          i,
          `客户${i}`,
          `第 ${i} 条投诉`,
          agentId,
          new Date(due0 + i * 60_000).toISOString(),
          at,
          at,
        );
      }
    })(),
  );
  db.close();

  const app = await startConsole(dbFile);
  await openConsole(page, app);
  await page.getByRole('navigation').getByRole('button', { name: 'Complaints' }).click();
  await page.getByRole('button', { name: 'All open' }).click();
  // (the first start also makes and verifies the day's backup of this big file, which holds the service up a while)
  await expect(page.getByText('100,000 complaints')).toBeVisible({ timeout: 60_000 });
  const list = page.getByRole('list', { name: 'Complaint list' });
  await expect(list.getByRole('button').first()).toContainText('TS-202611-000001');
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
  await page.locator('.complaints-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(list.getByRole('button', { name: /TS-202611-100000/ })).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
  await page.getByLabel('Search complaints and calls').fill('第 99999 条');
  await expect(list.getByRole('button')).toHaveCount(1, { timeout: 60_000 });
  await expect(list.getByRole('button')).toContainText('TS-202611-099999');
  await app.stop();
});
