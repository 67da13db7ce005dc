// The search screen on demo data: the people the words name on top, complaints and calls side by
// side (both in view at 1366×768), each with its true total (checked against a plain substring
// count of the stored texts), "More" that pages on, the first 100 rows an agent's and further pages
// behind the team-lead PIN and recorded; the words marked where they were found. Screenshots at
// 1366×768 and 1920×1080 in English and Chinese; axe finds no serious violation.
import { test, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, tempDbFile, type RunningConsole } from '../helpers/browser-mode';

let app: RunningConsole;
let dbFile: string;

async function post(page: Page, method: string, input: unknown): Promise<unknown> {
  const response = await page.request.post(`${app.origin}/api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** the truth, without the index: records whose stored text holds the word */
function substringCount(kind: 'call' | 'complaint', word: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM search_docs WHERE kind = ? AND instr(body, ?) > 0').pluck().get(kind, word) as number;
  } finally {
    db.close();
  }
}

// demo data and axe on a loaded machine take their time
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  dbFile = tempDbFile();
  execFileSync(process.execPath, ['dist/node/cli.js', 'demo-data', '--db', dbFile, '--calls', '1500']);
  app = await startConsole(dbFile);
  const page = await browser.newPage();
  // a team lead with a PIN, then 王芳 (an agent from the demo data) at the desk: the lead unlocks
  // there, and the further page is recorded under the session it was read in
  const lead = (await post(page, 'agents.add', { name: 'Lead Li', role: 'lead' })) as { id: string };
  await post(page, 'session.signIn', { agentId: lead.id });
  await post(page, 'lead.setPin', { pin: '864200' });
  await post(page, 'lead.lock', {});
  for (let i = 0; i < 3; i++)
    await post(page, 'complaints.create', {
      customerName: i === 0 ? '张伟' : '李娜',
      // 张伟's own number: his customer card carries his name (a card is named by its newest record)
      phone: i === 0 ? '139 1234 0001' : '138 0013 8000',
      matter: i === 0 ? '退款两周未到账' : '安装师傅说张伟会回电',
      category: 'service',
      nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
    });
  await page.close();
});
test.afterAll(async () => {
  await app.stop();
});

const words = {
  en: { complaints: 'Complaints', search: 'Words', people: 'People', complaintsHeading: 'Complaints with these words', callsHeading: 'Calls with these words' },
  'zh-CN': { complaints: '投诉', search: '搜索', people: '客户', complaintsHeading: '包含这些词的投诉', callsHeading: '包含这些词的来电' },
};

for (const locale of ['en', 'zh-CN'] as const)
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    test(`search: people on top, complaints and calls side by side with true totals (${locale}, ${viewport.width}×${viewport.height})`, async ({ browser }) => {
      const w = words[locale];
      const context = await browser.newContext({ locale, viewport });
      const page = await context.newPage();
      await openConsole(page, app, '王芳');
      await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
      await page.getByRole('searchbox', { name: locale === 'en' ? 'Search complaints and calls' : '搜索投诉和来电' }).fill('张伟');

      const people = page.getByRole('region', { name: new RegExp(`^${w.people}`) });
      const complaints = page.getByRole('region', { name: new RegExp(`^${w.complaintsHeading}`) });
      const calls = page.getByRole('region', { name: new RegExp(`^${w.callsHeading}`) });
      const callTotal = substringCount('call', '张伟');
      const complaintTotal = substringCount('complaint', '张伟');
      expect(callTotal).toBeGreaterThan(100);
      await expect(calls.getByRole('heading')).toHaveText(`${w.callsHeading} ${callTotal.toLocaleString(locale)}`);
      await expect(complaints.getByRole('heading')).toHaveText(`${w.complaintsHeading} ${complaintTotal}`);
      await expect(calls.getByRole('listitem')).toHaveCount(20);
      await expect(people).toBeVisible({ timeout: 15_000 });

      // side by side, both in view without scrolling, the people above them
      const [p, a, b] = [await people.boundingBox(), await complaints.boundingBox(), await calls.boundingBox()];
      expect(p!.y + p!.height).toBeLessThanOrEqual(Math.min(a!.y, b!.y));
      expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x);
      expect(Math.abs(a!.y - b!.y)).toBeLessThan(4);
      for (const box of [a!, b!]) expect(box.y + 120).toBeLessThan(viewport.height);
      await expect(calls.getByRole('listitem').first()).toBeInViewport();
      await expect(complaints.getByRole('listitem').first()).toBeInViewport();
      // the words are marked where they were found: in the line itself, or the field is named
      const field = locale === 'en' ? /^Found in: .*details/ : /^匹配字段：.*详情/;
      for (const item of await calls.getByRole('listitem').all()) {
        expect(await item.locator('mark').allInnerTexts(), await item.innerText()).toContain('张伟');
        if (!(await item.locator('strong').innerText()).includes('张伟')) await expect(item.getByText(field)).toBeVisible();
      }
      await expect(complaints.getByRole('listitem').filter({ hasText: '李娜' }).first().locator('mark').first()).toHaveText('张伟');
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screens/search-${locale}-${viewport.width}.png` });
      await context.close();
    });

test('"More" pages on to 100 rows; beyond them the team-lead PIN, and the read is recorded', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openConsole(page, app, '王芳');
  await page.getByRole('navigation').getByRole('button', { name: 'Complaints' }).click();
  await page.getByRole('searchbox', { name: 'Search complaints and calls' }).fill('张伟');
  const calls = page.getByRole('region', { name: /^Calls with these words/ });
  const items = calls.getByRole('listitem');
  await expect(items).toHaveCount(20);
  const first20 = await items.allInnerTexts();
  for (let n = 40; n <= 100; n += 20) {
    await calls.getByRole('button', { name: 'More (20)' }).click();
    await expect(items).toHaveCount(n);
  }
  // nothing repeated, newest first kept
  const all = await items.allInnerTexts();
  expect(all.slice(0, 20)).toEqual(first20);
  await expect(calls.getByText(/^Agents see the first 100\. Further rows need the team-lead PIN, and every page read is recorded/)).toBeVisible();
  await expect(calls.getByRole('button', { name: /^More \(/ })).toHaveCount(0);
  await calls.getByRole('button', { name: 'More with the team-lead PIN…' }).click();
  const pin = calls.getByRole('textbox', { name: 'Team-lead PIN' });
  await expect(calls.getByText(/^Ask your team lead to enter the PIN to read further/)).toBeVisible();
  await pin.fill('864200');
  await pin.press('Enter');
  await calls.getByRole('button', { name: 'More (20, recorded)' }).click();
  await expect(items).toHaveCount(120);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/search-lead-more-en.png' });
  const db = new Database(dbFile, { readonly: true });
  const log = db.prepare("SELECT agent_name, page FROM access_log WHERE method = 'search.query'").all();
  db.close();
  expect(log).toEqual([{ agent_name: '王芳', page: '{"offset":100,"limit":20,"search":true}' }]);
  await context.close();
});
