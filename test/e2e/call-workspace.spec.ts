// The call workspace driven as an agent would: keyboard first, reading the script beside the form.
import { test, expect, type Page } from '@playwright/test';
import { openConsole, startConsole, tempDbFile, type RunningConsole } from '../helpers/browser-mode';

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

/** Team-lead settings for the run: the company name the greeting says (P2). */
async function setCompany(app: RunningConsole, companyName: string): Promise<void> {
  await post(app, 'lead.setPin', { pin: '246800' }).catch(() => post(app, 'lead.unlock', { pin: '246800' }));
  await post(app, 'settings.update', { companyName });
}

// whole calls with page loads; this machine's Chromium is slow under load
test.describe.configure({ timeout: 90_000 });

const form = (page: Page) => page.getByRole('form', { name: 'Call notes' });
const script = (page: Page) => page.getByRole('region', { name: /^Script/ });
const currentStep = (page: Page) => script(page).locator('li[aria-current="step"]');

async function fillRequired(page: Page, values: { name: string; phone: string; region: string; subject: string; wants: string }) {
  await form(page).getByLabel('Caller name').fill(values.name);
  await form(page).getByLabel('Phone', { exact: true }).fill(values.phone);
  await form(page).getByLabel('Region').fill(values.region);
  await form(page).getByLabel('Subject').fill(values.subject);
  await form(page)
    .getByLabel(/^Why they call/)
    .fill(values.wants);
}

test('a full inbound call through every script step, read-back filled live from what is typed', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await setCompany(app, 'Eastern Service Co.');
  await page.keyboard.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();

  // 1 Greeting (P2): the company name is in the line
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co., Test Agent speaking.');
  await expect(currentStep(page)).not.toContainText('sorry to have kept you waiting');
  await page.keyboard.press('Alt+Enter'); // greeted → moves on
  await expect(currentStep(page)).toContainText('May I have your name');

  // 2 Identify: the agent types as the caller answers
  await page.keyboard.type('Zhang Wei');
  await page.keyboard.press('Tab');
  await page.keyboard.type('138 0013 8000');
  await page.keyboard.press('Alt+Enter'); // identified
  // 3 Read back (P6): typed values appear, what is missing is a gap saying what to ask
  await expect(currentStep(page)).toContainText('your number is 138 0013 8000, your name is Zhang Wei');
  await expect(currentStep(page).locator('mark')).toContainText(['[ask: region]', '[ask: address]', '[ask: what they ask about]', '[ask: why they call]']);
  await form(page).getByLabel('Region').fill('Hangzhou');
  await form(page).getByLabel('Address').fill('90 Wensan Road');
  await form(page).getByLabel('Subject').fill('October invoice');
  await form(page)
    .getByLabel(/^Why they call/)
    .fill('A corrected invoice');
  await expect(currentStep(page)).toContainText(
    'your number is 138 0013 8000, your name is Zhang Wei, you are in Hangzhou, your address is 90 Wensan Road, you are calling about October invoice, and you would like A corrected invoice. Is that right?',
  );
  await expect(currentStep(page).locator('mark')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Caller confirmed the details' }).click(); // all ticked: moves on
  await expect(script(page).getByRole('button', { name: /Read back.*done/ })).toBeVisible();

  // 4 Handle: the branch follows the category
  await expect(currentStep(page)).toContainText("Choose the call's category");
  await form(page).getByLabel('Category').selectOption({ label: 'Complaint' });
  await expect(currentStep(page)).toContainText("I'm sorry for the trouble.");
  await page.keyboard.press('Alt+Enter');

  // 5 Closing (P3, P7)
  await expect(currentStep(page)).toContainText('Goodbye, and thank you for calling!');
  await page.keyboard.press('Alt+Enter');
  await expect(script(page).getByRole('checkbox', { name: 'Said "Thank you for calling"' })).toBeChecked();
  await page.keyboard.press('Alt+Enter');
  await expect(script(page).getByRole('checkbox', { name: 'Caller hung up first' })).toBeChecked();

  // wrap-up
  await page.keyboard.press('F4');
  await expect(page.getByText(/after-call work running/)).toBeVisible();
  await page.getByRole('radio', { name: /Complaint logged/ }).check();
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Completed');
  await expect(page.getByText(/after-call work \d+:\d\d/)).toBeVisible();
  await expect(page.getByRole('region', { name: /Unfinished calls/ })).toContainText('None');

  const [done] = await post<{ id: string; checklist: Record<string, string>; status: string }[]>(app, 'calls.listDay', {});
  expect(done!.status).toBe('completed');
  expect(Object.keys(done!.checklist).sort()).toEqual(['confirmed', 'greeted', 'handled', 'hungUpFirst', 'identified', 'thanked']);
  await app.stop();
});

test('P1: a late answer puts the apology first (rang long ago, or ticked by the agent)', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  // the phone rang 40 s before it was answered
  await post(app, 'calls.start', { direction: 'inbound', language: 'en', rangAt: new Date(Date.now() - 40_000).toISOString() });
  await page.reload();
  const apology = script(page).getByRole('note', { name: 'Late answer' });
  await expect(apology).toContainText("I'm so sorry to have kept you waiting.");
  await expect(page.getByRole('checkbox', { name: /Answered late/ })).toBeChecked();

  await page.keyboard.press('F2'); // answered at once: no apology
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await expect(apology).toHaveCount(0);
  await page.keyboard.press('Alt+L'); // the agent knows it rang five times
  await expect(apology).toBeVisible();
  await expect(page.getByRole('region', { name: /Unfinished calls/ }).getByRole('listitem')).toHaveCount(2);
  await app.stop();
});

test('wrap-up is blocked until name, region, subject and why are recorded (P5), and says what is missing', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.keyboard.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await page.keyboard.type('Li Na');
  await page.getByRole('radio', { name: /Information given/ }).check();
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert')).toHaveText('Not completed. Record these first: Region, Subject, Why they call (what they want)');
  await expect(form(page).getByLabel('Region')).toBeFocused();
  await expect(form(page).getByLabel('Region')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Open');

  await page.keyboard.type('Suzhou');
  await form(page).getByLabel('Subject').fill('Opening hours');
  await expect(page.getByText('Still needed to complete: Why they call (what they want)')).toBeVisible();
  await form(page)
    .getByLabel(/^Why they call/)
    .fill('Wants to visit on Saturday');
  await page.getByRole('button', { name: /Complete call/ }).click();
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Completed');
  await app.stop();
});

test('a returning caller: history appears as the number is typed, and an earlier call opens read-only', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.keyboard.press('F2');
  await fillRequired(page, { name: 'Wang Fang', phone: '139-1234-5678', region: 'Ningbo', subject: 'Broken meter', wants: 'A repair visit' });
  await page.getByRole('radio', { name: /Resolved on the call/ }).check();
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Completed');

  await page.keyboard.press('F2');
  await expect(page.getByRole('region', { name: 'Caller history' })).toContainText('Type the caller');
  await form(page).getByLabel('Phone', { exact: true }).fill('+86 139 1234 5678');
  const history = page.getByRole('region', { name: 'Caller history' });
  await expect(history).toContainText('Repeat caller: 1 call from this number in the last 7 days');
  await history
    .getByRole('list', { name: 'Earlier calls' })
    .getByRole('button', { name: /Broken meter/ })
    .click();
  await expect(form(page).getByLabel('Caller name')).toHaveValue('Wang Fang');
  await expect(form(page).getByLabel('Caller name')).toHaveAttribute('readonly', '');
  await expect(page.getByText('This call is finished.')).toBeVisible();
  await expect(page.getByText(/outcome: Resolved on the call/)).toBeVisible();

  // a correction to the finished record is allowed, and recorded with who and what
  await page.getByRole('button', { name: 'Edit record' }).click();
  await form(page).getByLabel('Subject').fill('Broken water meter');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('region', { name: 'Recorded on this call' })).toContainText('Test Agent edited the record (subject)');
  await expect(form(page).getByLabel('Subject')).toHaveValue('Broken water meter');
  await app.stop();
});

test('a callback started by another screen (outbound, category callback) opens with the callback branch', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  // what the complaints screen's "do callback" does before navigating here with call.open
  const started = await post<{ id: string }>(app, 'calls.start', { direction: 'outbound', language: 'en' });
  await post(app, 'calls.update', { id: started.id, fields: { category: 'callback', phone: '138 0013 8000', callerName: 'Zhao Lei' } });
  await page.reload();
  await expect(page.getByRole('heading', { name: /Outbound call/ })).toBeVisible();
  await expect(form(page).getByLabel('Caller name')).toHaveValue('Zhao Lei');
  await script(page)
    .getByRole('button', { name: /Handle/ })
    .click();
  await expect(currentStep(page)).toContainText('Branch: Callback');
  await expect(currentStep(page)).toContainText("I'm calling to ask how the product is working for you.");
  await app.stop();
});

test('the server is killed mid-call; after a restart the unfinished call reopens with its text', async ({ page }) => {
  const dbFile = tempDbFile();
  let app = await startConsole(dbFile);
  await openConsole(page, app);
  await page.keyboard.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await page.keyboard.type('Chen Jie');
  await form(page).getByLabel('Details').click();
  await page.keyboard.type('Parcel left at the wrong gate.\nNeeds a call before 5 pm.');
  await expect(page.getByRole('status')).toContainText('Saved');
  // the whole text is stored (a slow machine may have saved a first part already)
  await expect
    .poll(async () => (await post<{ calls: { details: string }[] }>(app, 'calls.listUnfinished', {})).calls[0]?.details)
    .toBe('Parcel left at the wrong gate.\nNeeds a call before 5 pm.');
  await app.stop('SIGKILL');

  app = await startConsole(dbFile);
  await openConsole(page, app);
  await expect(form(page).getByLabel('Details')).toHaveValue('Parcel left at the wrong gate.\nNeeds a call before 5 pm.');
  await expect(form(page).getByLabel('Caller name')).toHaveValue('Chen Jie');
  await expect(page.getByRole('region', { name: /Unfinished calls/ })).toContainText('Chen Jie');
  await app.stop();
});

test('a script edit makes a new version; an old call still shows the version it was read from', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await setCompany(app, 'Eastern Service Co.');
  await page.keyboard.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await page.keyboard.type('Old Caller');
  await expect(script(page)).toContainText('version 2'); // version 2 ships the longer read-back
  await expect(page.getByRole('status')).toContainText('Saved');

  // by name, not Alt+digit: the tab order changes as screens are added
  await page.getByRole('navigation').getByRole('button', { name: 'Scripts' }).click();
  await page.getByLabel('Script language').selectOption('en');
  const greeting = page.getByRole('group', { name: /1\. Greeting/ }).getByLabel('What the agent says');
  await greeting.fill('Good day, {company} here. This is {agent}.');
  await expect(page.getByRole('region', { name: 'Live preview' })).toContainText('Good day, Eastern Service Co. here.');
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as version 3.');

  await page.getByRole('navigation').getByRole('button', { name: 'Calls' }).click();
  await page.keyboard.press('F2');
  await expect(script(page)).toContainText('version 3');
  await expect(currentStep(page)).toContainText('Good day, Eastern Service Co. here.');
  await page
    .getByRole('region', { name: /Unfinished calls/ })
    .getByRole('button', { name: /Old Caller/ })
    .click();
  await expect(form(page).getByLabel('Caller name')).toHaveValue('Old Caller');
  await expect(script(page)).toContainText('version 2');
  // reopened at its first step with something open (the greeting was ticked by typing); its words are v2's
  await expect(currentStep(page)).toContainText('May I have your name');
  await script(page)
    .getByRole('button', { name: /Greeting/ })
    .click();
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co.');
  await app.stop();
});

test('escalate (P8) and transfer (P10) are recorded on the call; discarding asks first', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.keyboard.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await page.keyboard.type('Sun Li');
  await page.keyboard.press('Alt+E');
  const dialog = page.getByRole('dialog', { name: 'Escalate to a supervisor' });
  await dialog.getByLabel(/What you cannot handle/).fill('Refund above my limit');
  await dialog.getByRole('button', { name: 'Record escalation' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(form(page).getByLabel('Caller name')).toBeFocused(); // the agent keeps their place
  const recorded = page.getByRole('region', { name: 'Recorded on this call' });
  await expect(recorded).toContainText('Test Agent escalated to a supervisor: Refund above my limit');

  await page.keyboard.press('Alt+T');
  const transfer = page.getByRole('dialog', { name: 'Transfer the call' });
  await transfer.getByLabel(/Transfer to/).fill('Billing team');
  await expect(transfer.getByLabel(/Gist told/)).toHaveValue('Sun Li');
  // Tab goes round the dialog's controls, never to the form behind it
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    await expect(transfer.locator(':focus')).toHaveCount(1);
  }
  await transfer.getByRole('button', { name: 'Record transfer' }).click();
  await expect(recorded).toContainText('Test Agent transferred to Billing team: Sun Li');

  await page.keyboard.press('Alt+D');
  const discard = page.getByRole('dialog', { name: 'Discard this call?' });
  await discard.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('region', { name: /Unfinished calls/ })).toContainText('Sun Li');
  await page.keyboard.press('Alt+D');
  await discard.getByRole('button', { name: 'Discard call' }).click();
  await expect(page.getByRole('region', { name: /Unfinished calls/ })).not.toContainText('Sun Li');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Discarded');
  await app.stop();
});

test('the team lead sets the company name and the late-answer threshold in Settings; the greeting uses it', async ({ page }) => {
  const app = await startConsole();
  await post(app, 'lead.setPin', { pin: '246800' });
  await post(app, 'lead.lock', {});
  await openConsole(page, app);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Team-lead PIN', { exact: true }).fill('246800');
  await page.getByRole('button', { name: 'Unlock' }).click();
  const team = page.getByRole('form', { name: 'Team settings' });
  await team.getByLabel(/Company name/).fill('Eastern Service Co.');
  await team.getByLabel(/Late answer after/).fill('1');
  await expect(team.getByText(/3 to 300 seconds/)).toHaveClass(/field-error/);
  await team.getByLabel(/Late answer after/).fill('20');
  await team.getByRole('button', { name: 'Save settings' }).click();
  await expect(team.getByRole('status')).toHaveText('Saved.');

  await page.getByRole('navigation').getByRole('button', { name: 'Calls' }).click();
  await page.keyboard.press('F2');
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co., Test Agent speaking.');
  expect(await post<{ lateAnswerSeconds: number }>(app, 'settings.get', {})).toMatchObject({ lateAnswerSeconds: 20 });
  await app.stop();
});
