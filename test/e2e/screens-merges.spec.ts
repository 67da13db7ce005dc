// P9/O4 in English and Chinese: the team lead changes the default region for phone numbers in
// Settings, two cards of one Hong Kong number are merged, and the lead undoes the merge in
// Privacy. axe-core on each state, screenshots in test-results/screens/.
import { test, expect } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

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

const text = {
  en: {
    settings: 'Settings',
    team: 'Team settings',
    region: 'Default region for phone numbers',
    save: 'Save settings',
    saved: 'Saved.',
    privacy: 'Privacy',
    merges: 'Merged customer cards',
    undo: /^Undo merge of/,
    undone: /is back with its own records/,
    undoneRow: /Undone/,
  },
  'zh-CN': {
    settings: '设置',
    team: '班组设置',
    region: '电话号码默认地区',
    save: '保存设置',
    saved: '已保存。',
    privacy: '隐私',
    merges: '已合并的客户卡',
    undo: /^撤销合并：/,
    undone: /及其记录已恢复/,
    undoneRow: /撤销/,
  },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`merges: a new default region merges two cards of one number; the lead undoes it (${locale})`, async ({ browser }) => {
    // three axe-core runs on a shared 2-core machine
    test.setTimeout(120_000);
    const s = text[locale];
    const app = await startConsole();
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openConsole(page, app, locale === 'en' ? 'Lead Li' : '李组长');
    // two calls of one Hong Kong number, typed two ways: in China "2123 4567" is no whole number
    for (const [phone, callerName] of [
      ['2123 4567', '陈大文'],
      ['+852 2123 4567', '陈小明'],
    ]) {
      const started = await post<{ id: string }>(app, 'calls.start', {});
      await post(app, 'calls.update', { id: started.id, fields: { phone, callerName } });
      await post(app, 'calls.end', { id: started.id });
    }
    await post(app, 'lead.setPin', { pin: '246800' });

    await page.getByRole('navigation').getByRole('button', { name: s.settings }).click();
    const team = page.getByRole('form', { name: s.team });
    await expect(team.getByLabel(s.region)).toHaveValue('CN');
    await team.getByLabel(s.region).fill('hk');
    await team.getByRole('button', { name: s.save }).click();
    await expect(team.getByRole('status')).toHaveText(s.saved);
    await expect(team.getByLabel(s.region)).toHaveValue('HK');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/settings-region-${locale}.png` });

    await page.getByRole('navigation').getByRole('button', { name: s.privacy }).click();
    const merges = page.getByRole('region', { name: s.merges });
    await expect(merges.getByRole('table')).toContainText('+85221234567');
    await expect(merges.getByRole('table')).toContainText('陈小明');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/privacy-merges-${locale}.png`, fullPage: true });

    await merges.getByRole('button', { name: s.undo }).click();
    await expect(merges.getByRole('status')).toContainText(s.undone);
    await expect(merges.getByRole('table')).toContainText(s.undoneRow);
    await expect(merges.getByRole('button', { name: s.undo })).toHaveCount(0);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/privacy-merges-undone-${locale}.png`, fullPage: true });
    // both cards are back, each with its own call
    const people = await post<{ people: { name: string }[] }>(app, 'customers.lookup', { q: '2123 4567' });
    expect(people.people.map((p) => p.name).sort()).toEqual(['陈大文', '陈小明']);
    await context.close();
    await app.stop();
  });
}
