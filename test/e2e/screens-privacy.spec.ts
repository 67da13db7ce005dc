// The team lead's privacy screen in English and Chinese: unlock with the PIN, find a customer by
// phone, erase with confirmation; the calls list then says the record was erased ("[erased]", "[已删除]"). axe-core on each state,
// screenshots in test-results/screens/.
import { test, expect } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole } from '../helpers/browser-mode';

const text = {
  en: {
    agent: 'Lead Li',
    newCall: /New call/,
    form: 'Call notes',
    callerName: 'Caller name',
    phone: 'Phone',
    details: 'Details',
    saved: 'Saved',
    tab: 'Privacy',
    callsTab: 'Calls',
    newPin: 'New team-lead PIN',
    setPin: 'Set PIN and unlock',
    findForm: 'Find a customer by phone number',
    phoneNumber: 'Phone number',
    find: 'Find',
    found: /Personal data held for/,
    reason: 'Reason for the erasure (required)',
    erase: 'Erase personal data…',
    confirm: 'Erase permanently',
    done: /Erased: 1 call, 1 backup cleaned/,
    record: 'On request',
    today: "Today's calls",
    erasedBy: 'Erased on',
    erased: '[erased]',
  },
  'zh-CN': {
    agent: '李组长',
    newCall: /新来电/,
    form: '来电记录',
    callerName: '来电人姓名',
    phone: '电话',
    details: '详细内容',
    saved: '已保存',
    tab: '隐私',
    callsTab: '来电',
    newPin: '新组长密码',
    setPin: '设置密码并解锁',
    findForm: '按电话号码查找客户',
    phoneNumber: '电话号码',
    find: '查找',
    found: /的个人信息/,
    reason: '删除原因（必填）',
    erase: '删除个人信息…',
    confirm: '永久删除',
    done: /已删除：1 通来电，已清理 1 份备份/,
    record: '应客户要求',
    today: '今日来电',
    erasedBy: '由 李组长 删除',
    erased: '[已删除]',
  },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`privacy: find a customer by phone and erase them; the calls list says the record was erased (${locale})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const s = text[locale];
    const app = await startConsole();
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await openConsole(page, app, s.agent);

    // a call as an agent types it
    await page.getByRole('button', { name: s.newCall }).click();
    const form = page.getByRole('form', { name: s.form });
    await form.getByLabel(s.callerName).fill('张伟');
    await form.getByLabel(s.phone, { exact: true }).fill('138 0013 8000');
    await form.getByLabel(s.details).fill('发票寄错地址，请改寄到西湖区文三路 90 号');
    await form.getByRole('button', { name: locale === 'en' ? 'Save' : '保存' }).click();
    await expect(page.getByRole('status')).toContainText(s.saved);

    // the privacy screen asks for the team-lead PIN first
    await page.getByRole('navigation').getByRole('button', { name: s.tab }).click();
    await page.getByLabel(s.newPin).fill('246800');
    await page.getByRole('button', { name: s.setPin }).click();

    const find = page.getByRole('form', { name: s.findForm });
    await find.getByLabel(s.phoneNumber).fill('+86 138-0013-8000');
    await find.getByRole('button', { name: s.find }).click();
    const card = page.getByRole('group', { name: s.found });
    await expect(card).toContainText('张伟');
    await card.getByLabel(s.reason).fill(locale === 'en' ? 'Customer asked by phone to be forgotten' : '客户来电要求删除个人信息');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/privacy-${locale}.png` });

    await card.getByRole('button', { name: s.erase }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: locale === 'en' ? 'Cancel' : '取消' })).toBeFocused();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/privacy-confirm-${locale}.png` });
    await dialog.getByRole('button', { name: s.confirm }).click();

    // the rows at once; the backup is cleaned in the background and the line follows it
    await expect(page.getByRole('status')).toContainText(s.done, { timeout: 30_000 });
    await expect(page.getByRole('table')).toContainText(s.record);
    // searching the number again: nothing is held, and the record proves it was erased
    await find.getByLabel(s.phoneNumber).fill('13800138000');
    await find.getByRole('button', { name: s.find }).click();
    await expect(page.getByRole('status')).toContainText(s.erasedBy);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/privacy-done-${locale}.png` });

    // today's calls: the record is still counted, but says it was erased, in the reader's language
    await page.getByRole('navigation').getByRole('button', { name: s.callsTab }).click();
    const today = page.getByRole('list', { name: s.today });
    await expect(today).toContainText(s.erased);
    await page.screenshot({ path: `test-results/screens/privacy-calls-${locale}.png` });
    await expect(today).not.toContainText('张伟');
    await expect(today).not.toContainText('138');
    await context.close();
    await app.stop();
  });
}
