// The complaint tracker end to end: a complaint logged from a call, a major one escalated, a
// reply time missed (the service's clock moved on a restart), overdue on top, reply, resolve,
// close, and found again by a two-character Chinese word.
import { test, expect } from '@playwright/test';
import { openConsole, startConsole, tempDbFile } from '../helpers/browser-mode';

const pad = (n: number) => String(n).padStart(2, '0');
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

test('log a major complaint from a call, miss its reply time, see it overdue on top, reply, resolve, close, find it by 退款', async ({ page }) => {
  // the whole workflow and then the search screen (people, two lists, their totals): long on a loaded machine
  test.setTimeout(90_000);
  const dbFile = tempDbFile();
  let app = await startConsole(dbFile);
  await openConsole(page, app);

  // a complaint that is not late, registered on its own
  await page.getByRole('button', { name: 'Complaints' }).click();
  await page.getByRole('button', { name: 'New complaint' }).click();
  const form = page.getByRole('form', { name: 'Register a complaint' });
  await form.getByLabel('What happened (matter)').fill('Parcel arrived late');
  await form.getByLabel('Next reply to the customer due').fill(local(new Date(Date.now() + 48 * 3_600_000)));
  await form.getByRole('button', { name: 'Register complaint' }).click();
  await expect(page.getByRole('heading', { name: /^TS-\d{6}-0001/ })).toBeVisible();

  // the call, then "Log complaint" from its notes form
  await page.getByRole('button', { name: 'Calls' }).click();
  await page.keyboard.press('F2');
  const notes = page.getByRole('form', { name: 'Call notes' });
  await notes.getByLabel('Caller name').fill('张伟');
  await notes.getByLabel('Phone').fill('138 0013 8000');
  await notes.getByLabel('Subject').fill('退款两周未到账');
  await notes.getByLabel('Details').fill('Refund requested on 11-10, still not received.');
  await page.getByRole('button', { name: /^Log complaint/ }).click();

  const fromCall = page.getByRole('form', { name: 'Register a complaint from this call' });
  await expect(fromCall.getByLabel('Customer name')).toHaveValue('张伟');
  await expect(fromCall.getByLabel('Phone')).toHaveValue('138 0013 8000');
  await expect(fromCall.getByLabel('What happened (matter)')).toHaveValue(/退款两周未到账\nRefund requested/);
  await fromCall.getByLabel('What the customer wants').fill('退款到账并道歉');
  await fromCall.getByLabel('Severity').selectOption('major');
  await fromCall.getByLabel('Next reply to the customer due').fill(local(new Date(Date.now() + 3_600_000)));
  await fromCall.getByRole('button', { name: 'Register complaint' }).click();
  // C6: not without the escalation entry
  await expect(fromCall.getByRole('alert')).toHaveText('A major complaint must be reported at once: record to whom and when.');
  await fromCall.getByLabel(/Reported to/).fill('王经理');
  await fromCall.getByRole('button', { name: 'Register complaint' }).click();
  // registered without leaving the call: the caller is still on the line
  await expect(page.getByRole('status').filter({ hasText: /Complaint TS-\d{6}-0002 registered from this call/ })).toBeVisible();
  await expect(notes.getByLabel('Caller name')).toHaveValue('张伟');
  await page.getByRole('button', { name: 'Complaints' }).click();
  await page.getByRole('list', { name: 'Complaint list' }).getByRole('button', { name: /张伟/ }).click();
  const heading = page.getByRole('heading', { name: /^TS-\d{6}-0002 · 张伟$/ });
  await expect(heading).toBeVisible();
  await expect(page.getByRole('region', { name: /Timeline/ }).getByText('Escalated to 王经理', { exact: false })).toBeVisible();

  // two hours later (service clock moved on restart): the reply time has passed
  await app.stop();
  app = await startConsole(dbFile, { CALL_CONSOLE_NOW_OFFSET_MS: String(2 * 3_600_000) });
  await openConsole(page, app);
  const banner = page.getByRole('region', { name: '1 complaint is waiting for its reply' });
  await expect(banner).toBeVisible();
  await page.getByRole('button', { name: 'Complaints' }).click();
  const list = page.getByRole('list', { name: 'Complaint list' });
  await expect(list.getByRole('button')).toHaveCount(2);
  await expect(list.getByRole('button').first()).toContainText('OVERDUE');
  await expect(list.getByRole('button').first()).toContainText('张伟');
  await expect(list.getByRole('button').nth(1)).not.toContainText('OVERDUE');
  await expect(page.getByText('2 complaints · 1 overdue')).toBeVisible();
  await banner.getByRole('button', { name: /waiting/ }).click(); // one line until opened
  await banner.getByRole('button', { name: /TS-\d{6}-0002/ }).click();
  await expect(heading).toBeVisible();
  await expect(page.getByRole('article').getByText('OVERDUE')).toBeVisible();

  // C4/C5: close is refused until the reply is recorded
  const actions = page.getByRole('group', { name: 'What to record' });
  await actions.getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('form', { name: 'Resolve' });
  await resolve.getByRole('button', { name: 'Save: Resolve' }).click();
  await expect(resolve.getByRole('alert')).toHaveText('Record the result before resolving the complaint.');
  await actions.getByRole('button', { name: 'Record reply to customer' }).click();
  const reply = page.getByRole('form', { name: 'Record reply to customer' });
  await reply.getByLabel('How the customer was told').selectOption('phone');
  await reply.getByLabel('What they were told').fill('财务已重新发起退款，3 个工作日内到账');
  await reply.getByRole('button', { name: 'Save: Record reply to customer' }).click();
  await expect(page.getByRole('region', { name: /Timeline/ })).toContainText('Reply by Phone');
  await actions.getByRole('button', { name: 'Resolve' }).click();
  await resolve.getByLabel('Result').fill('已退款 refund completed');
  await resolve.getByRole('button', { name: 'Save: Resolve' }).click();
  await expect(page.getByRole('article')).toContainText('Resolved');
  await actions.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('form', { name: 'Close' }).getByRole('button', { name: 'Save: Close' }).click();
  await expect(page.getByRole('article').getByText('Closed', { exact: true })).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('article').getByText('OVERDUE')).toBeHidden();

  // found again by a two-character Chinese word, among all complaints and in the calls
  await page.getByRole('group', { name: 'Which complaints' }).getByRole('button', { name: 'All', exact: true }).click();
  await page.getByLabel('Search complaints and calls').fill('退款');
  await expect(list.getByRole('button')).toHaveCount(1);
  await expect(list.getByRole('button')).toContainText('张伟');
  await expect(list.getByRole('button')).toContainText('Closed');
  await expect(page.getByRole('list', { name: 'Calls with these words' }).getByRole('button')).toContainText('张伟');
  await page.getByLabel('Search complaints and calls').fill('两周');
  await expect(list.getByRole('button')).toHaveCount(1);
  await page.getByLabel('Search complaints and calls').fill('物流');
  await expect(page.getByText('No complaint matches.')).toBeVisible();
  await app.stop();
});

test('O6: resolving a fault report asks for cause, impact, handling and actions up front, refuses without them, then records them with the move', async ({
  page,
}) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.getByRole('button', { name: 'Complaints' }).click();
  await page.getByRole('button', { name: 'New complaint' }).click();
  const form = page.getByRole('form', { name: 'Register a complaint' });
  await form.getByLabel('What happened (matter)').fill('断网，整栋楼没有信号');
  await form.getByLabel('Category').selectOption('fault');
  await form.getByLabel('Fault: time').fill('周一 09:00');
  await form.getByLabel('Fault: place').fill('3 号楼');
  await form.getByLabel('Fault: symptom').fill('各层均无信号');
  await form.getByLabel('Fault: handling plan').fill('派工程师');
  await form.getByRole('button', { name: 'Register complaint' }).click();
  await expect(page.getByRole('heading', { name: /^TS-\d{6}-0001/ })).toBeVisible();

  await page.getByRole('group', { name: 'What to record' }).getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('form', { name: 'Resolve' });
  await expect(resolve.getByLabel('Result')).toBeFocused();
  await resolve.getByLabel('Result').fill('已恢复网络');
  await resolve.getByLabel('Fault: cause').fill('光缆被挖断');
  await resolve.getByRole('button', { name: 'Save: Resolve' }).click();
  await expect(resolve.getByRole('alert')).toHaveText('Before resolving a fault report, record its cause, impact, handling and corrective/preventive actions.');
  // nothing was recorded by the refused attempt
  const timeline = page.getByRole('region', { name: /Timeline/ });
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await resolve.getByLabel('Fault: impact').fill('断网 3 小时');
  await resolve.getByLabel('Fault: handling').fill('熔接光缆');
  await resolve.getByLabel('Fault: corrective and preventive actions').fill('加装线路标识');
  await resolve.getByRole('button', { name: 'Save: Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByRole('article').getByText('Resolved', { exact: true })).toBeVisible();
  await expect(timeline).toContainText('Fault: cause: “—” → “光缆被挖断”');
  await expect(timeline).toContainText('Fault: corrective and preventive actions: “—” → “加装线路标识”');
  await expect(timeline).toContainText('Result: 已恢复网络');
  await app.stop();
});

test('callbacks: a plan after delivery, a due one-off done through an outbound call, its result and score', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.getByRole('button', { name: 'Callbacks' }).click();
  const schedule = page.getByRole('form', { name: 'Schedule a callback' });
  await schedule.getByLabel(/Plan after delivery/).check();
  await schedule.getByLabel('Customer name').fill('Chen Jing');
  await schedule.getByLabel('Phone').fill('136 4444 5555');
  await schedule.getByLabel('What was delivered (project, product)').fill('Office network');
  const today = new Date();
  await schedule.getByLabel('Delivery date').fill(`${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`);
  await schedule.getByLabel('Years to plan').fill('2');
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(schedule.getByRole('status')).toHaveText('16 callbacks scheduled for Chen Jing.');
  await expect(schedule.getByLabel('Customer name')).toHaveValue(''); // a second Schedule cannot add the same plan again

  await schedule.getByLabel('One-off').check();
  await schedule.getByLabel('Customer name').fill('周杰');
  await schedule.getByLabel('Phone').fill('135 2222 3333');
  await schedule.getByLabel('What the callback is about').fill('空调安装回访');
  await schedule.getByLabel('Due', { exact: true }).fill(local(new Date(Date.now() + 60_000)));
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(schedule.getByRole('status')).toHaveText('Callback scheduled for 周杰.');
  await page.getByRole('button', { name: 'All pending' }).click();
  await expect(page.getByRole('list', { name: 'All pending' }).getByRole('listitem')).toHaveCount(17);

  // due now once the clock has moved
  await app.stop();
  const later = await startConsole(app.dbFile, { CALL_CONSOLE_NOW_OFFSET_MS: String(3_600_000) });
  await openConsole(page, later);
  await page.getByRole('button', { name: 'Callbacks' }).click();
  const due = page.getByRole('list', { name: 'Due now' });
  await expect(due.getByRole('listitem')).toHaveCount(1);
  await expect(due).toContainText('周杰');
  await expect(due).toContainText('OVERDUE');
  await due.getByRole('button', { name: 'Do callback' }).click();
  // the outbound call exists with the customer's details
  const today2 = page.getByRole('list', { name: "Today's calls" });
  await expect(today2).toContainText('周杰');
  await expect(today2).toContainText('Callback: 空调安装回访');

  await page.getByRole('button', { name: 'Callbacks' }).click();
  await due.getByRole('button', { name: 'Record result' }).click();
  const result = page.getByRole('form', { name: /Callback result/ });
  await result.getByRole('button', { name: 'Save result' }).click();
  await expect(result.getByRole('alert')).toHaveText('Record what the customer said.');
  await result.getByLabel('What the customer said').fill('运行正常，制冷效果好');
  await result.getByLabel('4').check();
  await result.getByRole('button', { name: 'Save result' }).click();
  await expect(page.getByText('No callback is due.')).toBeVisible();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Done' })).toContainText('运行正常，制冷效果好 (satisfaction 4)');
  await later.stop();
});
