import { test, expect } from '@playwright/test';
import { openConsole, startConsole, tempDbFile } from '../helpers/browser-mode';

test('a call typed in the form is saved to SQLite and is still there after a restart', async ({ page }) => {
  const dbFile = tempDbFile();
  let app = await startConsole(dbFile);
  await openConsole(page, app);

  await page.getByRole('button', { name: /New call/ }).click();
  const form = page.getByRole('form', { name: 'Call notes' });
  await form.getByLabel('Caller name').fill('张伟');
  await form.getByLabel('Phone').fill('138 0013 8000');
  await form.getByLabel('Region').fill('杭州');
  await form.getByLabel('Address').fill('西湖区文三路 90 号');
  await form.getByLabel('Subject').fill('Invoice for October');
  await form.getByLabel('Details').fill('Asked for a copy of the October invoice.\nSecond line.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');

  const today = page.getByRole('list', { name: "Today's calls" });
  await expect(today.getByRole('button')).toHaveCount(1);
  await expect(today).toContainText('张伟');

  await app.stop();
  app = await startConsole(dbFile);
  await openConsole(page, app);
  await expect(today.getByRole('button')).toHaveCount(1);
  await today.getByRole('button', { name: /张伟/ }).click();
  await expect(form.getByLabel('Details')).toHaveValue('Asked for a copy of the October invoice.\nSecond line.');
  await expect(form.getByLabel('Phone')).toHaveValue('138 0013 8000');
  await app.stop();
});

test('F2 starts a call from the keyboard and typing autosaves without pressing Save', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.keyboard.press('F2');
  const name = page.getByRole('form', { name: 'Call notes' }).getByLabel('Caller name');
  await expect(name).toBeFocused();
  await page.keyboard.type('Li Na');
  await expect(page.getByRole('status')).toContainText('Saved');
  // the whole name is saved (on a slow machine a first part may have been saved on its own)
  await expect(page.getByRole('list', { name: "Today's calls" })).toContainText('Li Na');
  await page.reload();
  await expect(page.getByRole('list', { name: "Today's calls" })).toContainText('Li Na');
  await expect(page.getByText('Signed in: Test Agent')).toBeVisible();
  await app.stop();
});

test('the interface follows the browser language: Chinese', async ({ browser }) => {
  const app = await startConsole();
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openConsole(page, app, '王芳');
  await expect(page.getByRole('heading', { name: '来电工作台' })).toBeVisible();
  await page.getByRole('button', { name: /新来电/ }).click();
  await expect(page.getByRole('form', { name: '来电记录' }).getByLabel('来电人姓名')).toBeVisible();
  await context.close();
  await app.stop();
});

test('an agent picks their name to sign in; a name already taken is explained', async ({ page }) => {
  const app = await startConsole();
  await page.goto(app.url);
  await page.getByLabel('Your name').fill('Zhang Wei');
  await page.getByRole('button', { name: 'Add me and sign in' }).click();
  await expect(page.getByText('Signed in: Zhang Wei')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Not in the list? Your name').fill('zhang wei');
  await page.getByRole('button', { name: 'Add me and sign in' }).click();
  await expect(page.getByText('That name is taken')).toBeVisible();
  await page.getByRole('list', { name: 'Agents' }).getByRole('button', { name: 'Zhang Wei' }).click();
  await expect(page.getByText('Signed in: Zhang Wei')).toBeVisible();
  await app.stop();
});
