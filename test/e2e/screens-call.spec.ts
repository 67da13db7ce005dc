// The call workspace, the script editor and settings, in English and Chinese: no serious axe-core
// violation, and screenshots in test-results/screens/ for a person to look at.
import { test, expect } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

// several screens and axe runs in one test: slow on a loaded machine
test.describe.configure({ timeout: 120_000 });

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});

/** Team-lead mode for the running service, as the LeadGate would after the PIN. */
async function lead(running: RunningConsole): Promise<void> {
  const post = async (method: string) => {
    const response = await fetch(`${running.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${running.token}` },
      body: JSON.stringify({ pin: '246800' }),
    });
    return ((await response.json()) as { ok: boolean }).ok;
  };
  // the first time sets the PIN; after a sign-out (which locks) it unlocks
  expect((await post('lead.setPin')) || (await post('lead.unlock'))).toBe(true);
}

const text = {
  en: { name: 'Caller name', phone: 'Phone', region: 'Region', late: /Answered late/, script: 'Script', scripts: 'Scripts', settings: 'Settings' },
  'zh-CN': { name: '来电人姓名', phone: '电话', region: '地区', late: /接听较晚/, script: '话术', scripts: '话术', settings: '设置' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`call workspace, script editor, settings (${locale})`, async ({ browser }) => {
    const l = text[locale];
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
    await page.keyboard.press('F2');
    const form = page.getByRole('form');
    await expect(form.getByLabel(l.name)).toBeFocused();
    await page.keyboard.insertText(locale === 'en' ? 'Maria Lopez' : '王芳');
    await form.getByLabel(l.phone, { exact: true }).fill('138 0013 8000');
    await page.getByRole('checkbox', { name: l.late }).check();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.getByRole('status')).not.toBeEmpty();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/call-workspace-${locale}.png`, fullPage: true });

    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/call-shortcuts-${locale}.png` });
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+T');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/call-transfer-${locale}.png` });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await lead(app);
    await page.getByRole('navigation').getByRole('button', { name: l.scripts }).click();
    const firstLine = page.getByRole('group').first().getByRole('textbox').nth(2);
    await firstLine.fill(`${await firstLine.inputValue()} {caller.nmae}`);
    await expect(page.getByRole('alert')).toContainText('{caller.nmae}');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/scripts-${locale}.png`, fullPage: true });

    await page.getByRole('navigation').getByRole('button', { name: l.settings }).click();
    await expect(page.getByRole('form').first()).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/settings-${locale}.png`, fullPage: true });
    await context.close();
  });
}
