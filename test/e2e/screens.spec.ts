// Every screen, in English and Chinese: no serious accessibility violation (axe-core), and a
// screenshot kept in test-results/screens/ for a person to look at.
import { test, expect } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

let app: RunningConsole;
// A fresh database per test, so the sign-in screen is really the first thing seen.
test.beforeEach(async () => {
  app = await startConsole();
});
test.afterEach(async () => {
  await app.stop();
});

for (const locale of ['en', 'zh-CN']) {
  test(`sign-in, call screen with an open call, shortcuts (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/sign-in-${locale}.png` });
    await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
    await page.keyboard.press('F2');
    await expect(page.getByRole('form').getByRole('textbox').first()).toBeFocused();
    await page.keyboard.insertText(locale === 'en' ? 'Maria Lopez' : '王芳');
    await expect(page.getByRole('status')).not.toBeEmpty();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/call-${locale}.png` });
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/shortcuts-${locale}.png` });
    await context.close();
  });
}
