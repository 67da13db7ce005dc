// The screens the agent's loop changed, at 1366×768 and 1920×1080, in English and Chinese: no
// serious axe-core violation, and screenshots in test-results/screens/ for a person to look at.
import { test, expect, type Page } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

test.describe.configure({ timeout: 300_000 });

async function post<T>(app: RunningConsole, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

const words = {
  en: {
    name: 'Zhang Wei',
    region: 'Hangzhou',
    address: '90 Wensan Road',
    subject: 'October invoice',
    wants: 'A corrected invoice',
    card: /Customer card/,
    calls: 'Calls',
  },
  'zh-CN': { name: '张伟', region: '杭州', address: '文三路90号', subject: '十月发票', wants: '重开发票', card: /客户档案/, calls: '来电' },
} as const;

const shot = (page: Page, name: string, locale: string, width: number) =>
  page.screenshot({ path: `test-results/screens/agent-loop-${name}-${locale}-${width}.png` });

for (const locale of ['en', 'zh-CN'] as const) {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    test(`agent's loop screens (${locale}, ${width}×${height})`, async ({ browser }) => {
      const w = words[locale];
      const app = await startConsole();
      const context = await browser.newContext({ locale, viewport: { width, height } });
      const page = await context.newPage();
      await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
      await post(app, 'lead.setPin', { pin: '246800' });
      await post(app, 'settings.update', { companyName: locale === 'en' ? 'Eastern Service Co.' : '华东服务公司' });
      // an earlier call (the customer card), a due callback, and complaints whose reply time comes in a moment
      const earlier = await post<{ id: string }>(app, 'calls.start', { language: locale });
      await post(app, 'calls.update', {
        id: earlier.id,
        fields: { callerName: w.name, phone: '138 0013 8000', region: w.region, address: w.address, subject: w.subject, wants: w.wants },
      });
      await post(app, 'calls.end', { id: earlier.id });
      const outcomes = await post<{ id: string }[]>(app, 'dispositions.list', {});
      await post(app, 'calls.complete', { id: earlier.id, dispositionId: outcomes[1]!.id });
      await post(app, 'callbacks.schedule', {
        customerName: w.name,
        phone: '138 0013 8000',
        reason: locale === 'en' ? 'Quarterly check' : '季度回访',
        dueAt: new Date(Date.now() - 60_000).toISOString(),
      });
      for (let i = 0; i < 7; i++) {
        await post(app, 'complaints.create', {
          customerName: w.name,
          phone: '138 0013 8000',
          matter: `${w.subject} ${i + 1}`,
          wants: w.wants,
          category: 'service',
          severity: 'normal',
          nextReplyDue: new Date(Date.now() + 1500).toISOString(),
        });
      }
      await post(app, 'lead.lock', {});
      await page.waitForTimeout(1600);
      await page.reload();
      await page.getByRole('navigation').waitFor();

      // mid-call: the card offered, the read-back reading region and why
      await page.keyboard.press('F2');
      const notes = page.locator('.notes-form');
      await expect(notes.locator('[name="callerName"]')).toBeFocused();
      await notes.locator('[name="phone"]').fill('138 0013 8000');
      await expect(page.getByText(w.card)).toBeVisible();
      await page.keyboard.press('Alt+F');
      await expect(notes.locator('[name="subject"]')).toBeFocused();
      await notes.locator('[name="subject"]').fill(w.subject);
      await notes.locator('[name="wants"]').fill(w.wants);
      await expect(page.getByRole('status').first()).not.toBeEmpty();
      await expectAccessible(page);
      await shot(page, 'call-readback', locale, width);

      // the complaint registered inside the call
      await page.keyboard.press('Alt+C');
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessible(page);
      await shot(page, 'call-complaint', locale, width);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // the wrap-up after the caller hung up
      await page.keyboard.press('Alt+Enter');
      await page.keyboard.press('Control+2');
      await page.keyboard.press('F4');
      await expect(page.locator('#wrap-complete')).toBeFocused();
      await expectAccessible(page);
      await shot(page, 'call-wrapup', locale, width);
      await page.keyboard.press('F9');
      await expect(page.locator('#new-call')).toBeFocused();
      await shot(page, 'call-completed', locale, width);

      // the due reminder: one line, opened on demand
      const due = page.locator('.complaints-due-toggle');
      await expect(due).toBeVisible();
      await due.click();
      await expectAccessible(page);
      await shot(page, 'due-open', locale, width);
      await due.click();

      // callbacks: the queue and the scheduling form side by side
      await page.keyboard.press('Alt+3');
      await expect(page.locator('.callbacks-do').first()).toBeVisible();
      await page.locator('.callbacks-kind input').nth(1).check();
      await expectAccessible(page);
      await shot(page, 'callbacks', locale, width);
      await context.close();
      await app.stop();
    });
  }
}
