// About / diagnostics in English and Chinese: axe, screenshots, the managed config's problem shown
// with file and field, and the copied summary read back from the clipboard (no customer data in it).
import { test, expect, type Page } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

async function apiCall(app: RunningConsole, page: Page, method: string, input: unknown) {
  const response = await page.request.post(`${app.origin}/api/${method}`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: input,
  });
  const envelope = await response.json();
  expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
  return envelope.value;
}

const PHONE = '13987654321';
const CALLER = '诸葛晓明';

const text = {
  en: {
    tab: 'About',
    heading: /About Call Console/,
    copy: 'Copy diagnostic summary',
    copied: /Copied/,
    summary: 'Diagnostic summary text',
    problem: /Field “backupCount”/,
  },
  'zh-CN': { tab: '关于', heading: /关于来电工作台/, copy: '复制诊断摘要', copied: /已复制/, summary: '诊断摘要文本', problem: /字段“backupCount”/ },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`about / diagnostics (${locale})`, async ({ browser }) => {
    const dir = mkdtempSync(join(tmpdir(), 'call-console-about-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ companyName: '华信科技', backupCount: 'seven', retentionMonths: 36, locked: ['companyName'] }));
    const app = await startConsole(join(dir, 'data', 'console.db'), { CALL_CONSOLE_CONFIG: configFile });
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const page = await context.newPage();
      await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
      // a call with a caller's personal data, which must not appear in the summary
      const call = await apiCall(app, page, 'calls.start', { direction: 'inbound' });
      await apiCall(app, page, 'calls.update', { id: call.id, fields: { callerName: CALLER, phone: PHONE } });

      const t = text[locale];
      await page.getByRole('navigation').getByRole('button', { name: t.tab }).click();
      await expect(page.getByRole('heading', { level: 2, name: t.heading })).toBeVisible();
      // the managed config's problem names the field; the file is named in the intro
      await expect(page.getByText(t.problem)).toBeVisible();
      await expect(page.getByText(configFile, { exact: false }).first()).toBeVisible();
      await expect(page.getByText(app.dbFile, { exact: true })).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screens/about-${locale}.png`, fullPage: true });

      await page.getByRole('button', { name: t.copy }).click();
      await expect(page.getByRole('status').filter({ hasText: t.copied })).toBeVisible();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.getByRole('textbox', { name: t.summary }).inputValue());
      expect(copied).toContain(`database.path: ${app.dbFile}`);
      expect(copied).toMatch(/database\.schemaVersion: \d+/);
      expect(copied).toContain(`config.file: ${configFile} (found)`);
      expect(copied).toContain('config.problem.1: backupCount: invalid_value');
      expect(copied).toContain('config.locked: companyName');
      expect(copied).toContain(`logs.folder: ${join(dirname(app.dbFile), 'logs')}`);
      for (const secret of [PHONE, CALLER, 'Maria', '王芳']) expect(copied).not.toContain(secret);
    } finally {
      await context.close();
      await app.stop();
    }
  });
}

test('copy still works where the clipboard API is refused (as in the Electron app, which grants no permissions)', async ({ browser }) => {
  const app = await startConsole();
  const context = await browser.newContext({ locale: 'en', permissions: ['clipboard-read'] });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    });
    await openConsole(page, app, 'Maria');
    await page.getByRole('navigation').getByRole('button', { name: 'About' }).click();
    await page.getByRole('button', { name: 'Copy diagnostic summary' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Copied/ })).toBeVisible();
    const summary = page.getByRole('textbox', { name: 'Diagnostic summary text' });
    await expect(summary).toBeFocused();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await summary.inputValue());
  } finally {
    await context.close();
    await app.stop();
  }
});
