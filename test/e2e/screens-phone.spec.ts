// The ringing banner (screen pop) and the missed-call list in English and Chinese, fed through the
// loopback HTTP endpoint (Zammad generic CTI fields): no serious axe-core violation, screenshots at
// 1366×768 in test-results/screens/.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});

async function api<T>(method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** What a PBX connector does: form-encoded Zammad fields to the endpoint, with the token. */
async function pbx(fields: Record<string, string>): Promise<number> {
  const channel = JSON.parse(readFileSync(`${app.dbFile}.phone.json`, 'utf8')) as { port: number; token: string };
  const response = await fetch(`http://127.0.0.1:${channel.port}/api/v1/cti/${channel.token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ direction: 'in', to: '8001', ...fields }).toString(),
  });
  return response.status;
}

const text = {
  en: {
    name: 'Zhang Wei',
    matter: 'Delivery three days late',
    incoming: 'Incoming call',
    missed: /Missed — call back/,
    answer: 'Answer',
    reports: 'Reports',
    p1: 'Answered within 2 rings',
    settings: 'Settings',
    phone: 'Phone',
  },
  'zh-CN': {
    name: '张伟',
    matter: '快递延迟三天未送达',
    incoming: '来电振铃中',
    missed: /未接来电 — 回电/,
    answer: '接听',
    reports: '报表',
    p1: '两声内接听',
    settings: '设置',
    phone: '电话',
  },
} as const;

for (const [i, locale] of (['en', 'zh-CN'] as const).entries()) {
  test(`ringing banner and missed calls (${locale})`, async ({ browser }) => {
    test.setTimeout(120_000); // axe-core over a live (ticking) banner is slow on a busy machine
    const l = text[locale];
    const known = `1380013800${i}`;
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openConsole(page, app, locale === 'en' ? 'Maria' : '王芳');
    expect(
      (
        await fetch(`${app.origin}/api/lead.setPin`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
          body: '{"pin":"246800"}',
        })
      ).ok,
    ).toBe(true);
    await api('lead.unlock', { pin: '246800' }).catch(() => undefined);
    await api('phone.configure', { source: 'http', extension: '8001', ringCadenceSeconds: 5 });
    // a caller known from an earlier call, with a complaint still open (O2)
    const earlier = await api<{ id: string }>('calls.start', { direction: 'inbound' });
    await api('calls.update', { id: earlier.id, fields: { callerName: l.name, phone: known, region: locale === 'en' ? 'Shanghai' : '上海' } });
    await api('calls.end', { id: earlier.id });
    await api('calls.discard', { id: earlier.id, reason: 'setup' });
    await api('complaints.create', {
      customerName: l.name,
      phone: known,
      matter: l.matter,
      category: 'service',
      nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await page.reload();
    await page.getByRole('navigation').waitFor();

    expect(await pbx({ event: 'newCall', from: known, callId: `k${i}` })).toBe(200);
    expect(await pbx({ event: 'newCall', from: '021 5555 0199', callId: `q${i}` })).toBe(200);
    const banner = page.getByRole('alert').filter({ hasText: l.incoming });
    await expect(banner).toContainText(known);
    await expect(banner).toContainText(l.name);
    await expect(banner).toContainText(l.matter);
    await expect(banner).toContainText('021 5555 0199');
    await expect(banner.getByRole('button', { name: l.answer })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/phone-ringing-${locale}.png` });

    // both callers give up: two missed calls to call back
    expect(await pbx({ event: 'hangup', callId: `k${i}`, cause: 'cancel' })).toBe(200);
    expect(await pbx({ event: 'hangup', callId: `q${i}`, cause: 'cancel' })).toBe(200);
    await expect(banner).toBeHidden();
    const missed = page.getByRole('region', { name: l.missed });
    await expect(missed.getByRole('listitem')).toHaveCount(2);
    await expect(missed).toContainText(l.name);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/phone-missed-${locale}.png` });
    // the report's P1 and call-time figures, and the phone settings (the lead is unlocked)
    await page.getByRole('navigation').getByRole('button', { name: l.reports }).click();
    await expect(page.getByRole('heading', { name: l.p1 }).or(page.getByText(l.p1)).first()).toBeVisible();
    await page.getByText(l.p1).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/phone-report-${locale}.png` });
    await page.getByRole('navigation').getByRole('button', { name: l.settings }).click();
    const phoneForm = page.getByRole('form', { name: l.phone });
    await phoneForm.scrollIntoViewIfNeeded();
    await expect(phoneForm).toBeVisible();
    await page.screenshot({ path: `test-results/screens/phone-settings-${locale}.png` });
    await page
      .getByRole('navigation')
      .getByRole('button', { name: locale === 'en' ? 'Calls' : '来电' })
      .click();
    // leave the list empty for the next language
    for (const m of await api<{ id: string }[]>('phone.missed')) await api('phone.callBack', { id: m.id });
    for (const c of (await api<{ calls: { id: string }[] }>('calls.listUnfinished', { limit: 200 })).calls)
      await api('calls.discard', { id: c.id, reason: 'setup' });
    await context.close();
  });
}
