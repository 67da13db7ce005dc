// The complaints and callbacks screens in English and Chinese: axe-core finds no serious
// violation, and screenshots are kept in test-results/screens/ for a person to look at.
import { test, expect, type Page } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { openConsole, startConsole, tempDbFile, type RunningConsole } from '../helpers/browser-mode';

let app: RunningConsole;

async function post(page: Page, method: string, input: unknown): Promise<unknown> {
  const response = await page.request.post(`${app.origin}/api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

test.beforeAll(async ({ browser }) => {
  // Some complaints and callbacks, then the clock moved three hours so some are overdue.
  const dbFile = tempDbFile();
  app = await startConsole(dbFile);
  const page = await browser.newPage();
  await openConsole(page, app, '王芳');
  const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const now = new Date().toISOString();
  await post(page, 'complaints.create', {
    customerName: '张伟',
    phone: '138 0013 8000',
    matter: '退款两周未到账，客户情绪激动',
    wants: '尽快退款',
    category: 'service',
    severity: 'major',
    nextReplyDue: inHours(1),
    escalation: { to: '王经理', at: now },
  });
  const fault = (await post(page, 'complaints.create', {
    customerName: 'Li Na',
    phone: '139 0000 1111',
    matter: 'No network signal since Monday',
    wants: 'Repair this week',
    category: 'fault',
    faultTime: 'Mon 09:00',
    faultPlace: 'Building 3',
    faultSymptom: 'No signal on all floors',
    faultPlan: 'Send an engineer',
    nextReplyDue: inHours(30),
  })) as { complaint: { id: string } };
  await post(page, 'complaints.note', { id: fault.complaint.id, text: 'Engineer booked for Wednesday.' });
  await post(page, 'complaints.create', {
    customerName: '赵敏',
    phone: '137 1234 5678',
    matter: '安装师傅迟到两小时',
    category: 'product',
    nextReplyDue: inHours(50),
  });
  await post(page, 'callbacks.schedule', { customerName: '周杰', phone: '135 2222 3333', reason: '空调安装回访', dueAt: inHours(2) });
  await post(page, 'callbacks.plan', {
    customerName: 'Chen Jing',
    phone: '136 4444 5555',
    reason: 'Office network project',
    deliveredOn: new Date().toISOString().slice(0, 10),
    years: 2,
  });
  await page.close();
  await app.stop();
  app = await startConsole(dbFile, { CALL_CONSOLE_NOW_OFFSET_MS: String(3 * 3_600_000) });
});
test.afterAll(async () => {
  await app.stop();
});

const words = {
  en: {
    complaints: 'Complaints',
    callbacks: 'Callbacks',
    all: 'All open',
    new: 'New complaint',
    record: 'Record result',
    overdue: 'OVERDUE',
    list: 'Complaint list',
    category: 'Category',
    severity: 'Severity',
  },
  'zh-CN': {
    complaints: '投诉',
    callbacks: '回访',
    all: '全部未结',
    new: '新建投诉',
    record: '记录结果',
    overdue: '已逾期',
    list: '投诉列表',
    category: '类别',
    severity: '严重程度',
  },
};

for (const locale of ['en', 'zh-CN'] as const) {
  test(`complaints and callbacks screens (${locale})`, async ({ browser }) => {
    const w = words[locale];
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await openConsole(page, app, '王芳');
    await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
    await page.getByRole('button', { name: w.all }).click();
    const list = page.getByRole('list', { name: w.list });
    await expect(list.getByRole('button')).toHaveCount(3);
    await expect(list.getByRole('button').first()).toContainText(w.overdue);
    await list.getByRole('button').first().click();
    await expect(page.getByRole('article')).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/complaints-${locale}.png` });

    await list.getByRole('button').nth(1).click();
    await expect(page.getByRole('article')).toContainText('Engineer booked');
    await page.screenshot({ path: `test-results/screens/complaint-fault-${locale}.png` });

    await page.getByRole('button', { name: w.new }).click();
    await page.getByRole('form').getByLabel(w.category).selectOption('fault');
    await page.getByRole('form').getByLabel(w.severity).selectOption('major');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/complaint-new-${locale}.png` });

    await page.getByRole('navigation').getByRole('button', { name: w.callbacks }).click();
    await expect(page.getByText('周杰')).toBeVisible();
    await page.getByRole('button', { name: w.record }).first().click();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/callbacks-${locale}.png` });
    await context.close();
  });
}

const formWords = {
  en: {
    complaints: 'Complaints',
    all: 'All open',
    actions: 'What to record',
    resolve: 'Resolve',
    reply: 'Record reply to customer',
    edit: 'Edit details',
    cause: 'Fault: cause',
    cancel: 'Cancel',
  },
  'zh-CN': {
    complaints: '投诉',
    all: '全部未结',
    actions: '要记录的操作',
    resolve: '标记已解决',
    reply: '记录答复客户',
    edit: '修改信息',
    cause: '故障：原因',
    cancel: '取消',
  },
};

for (const locale of ['en', 'zh-CN'] as const) {
  test(`complaint action forms at 1366×768 (${locale})`, async ({ browser }) => {
    const w = formWords[locale];
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openConsole(page, app, '王芳');
    await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
    await page.getByRole('button', { name: w.all }).click();
    await page
      .getByRole('list', { name: locale === 'en' ? 'Complaint list' : '投诉列表' })
      .getByRole('button', { name: /Li Na/ })
      .click();
    const actions = page.getByRole('group', { name: w.actions });

    // O6: the resolve form of a fault report asks for the four after-fields up front
    await actions.getByRole('button', { name: w.resolve }).click();
    const resolve = page.getByRole('form', { name: w.resolve });
    await expect(resolve.getByLabel(w.cause)).toBeVisible();
    await resolve.getByLabel(w.cause).fill(locale === 'en' ? 'Fibre cut by road works' : '光缆被挖断');
    await resolve.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/complaint-resolve-fault-${locale}.png` });
    await resolve.getByRole('button', { name: w.cancel }).click();

    for (const [name, file] of [
      [w.reply, 'reply'],
      [w.edit, 'edit'],
    ] as const) {
      await actions.getByRole('button', { name }).click();
      await page.getByRole('form', { name }).scrollIntoViewIfNeeded();
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screens/complaint-${file}-${locale}.png` });
      await page.getByRole('form', { name }).getByRole('button', { name: w.cancel }).click();
    }
    await context.close();
  });
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a note is added to the timeline in place, the earlier entries kept (${locale})`, async ({ browser }) => {
    const w = { ...formWords[locale], ...words[locale] };
    const note =
      locale === 'en' ? { button: 'Add note', field: 'Note', save: 'Save: Add note' } : { button: '添加备注', field: '备注', save: '保存：添加备注' };
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openConsole(page, app, '王芳');
    await page.getByRole('navigation').getByRole('button', { name: w.complaints }).click();
    await page.getByRole('button', { name: w.all }).click();
    await page.getByRole('list', { name: w.list }).getByRole('button', { name: /Li Na/ }).click();
    const timeline = page.getByRole('region', { name: locale === 'en' ? /Timeline/ : /处理记录/ }).getByRole('listitem');
    await expect(timeline.first()).toBeVisible();
    const before = await timeline.allTextContents();
    const text = locale === 'en' ? 'Engineer on site, parts ordered.' : '工程师已到场，已订配件。';
    await page.getByRole('group', { name: w.actions }).getByRole('button', { name: note.button }).click();
    await page.getByRole('form', { name: note.button }).getByLabel(note.field).fill(text);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/complaints.note'));
    await page.getByRole('form', { name: note.button }).getByRole('button', { name: note.save }).click();
    // the answer holds the new entry only; the screen keeps what it showed and adds it at the end
    const answer = (await (await answered).json()) as { value: { newEvents: { data: { text?: string } }[] } };
    expect(answer.value.newEvents.map((e) => e.data.text)).toEqual([text]);
    await expect(timeline).toHaveCount(before.length + 1);
    expect((await timeline.allTextContents()).slice(0, before.length)).toEqual(before);
    await expect(timeline.last()).toContainText(text);
    await page.getByRole('region', { name: locale === 'en' ? /Timeline/ : /处理记录/ }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/complaint-timeline-${locale}.png` });
    await context.close();
  });
}
