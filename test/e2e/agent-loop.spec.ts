// Ten keys a call: the agent's loop driven with the keyboard only. Every key that is not typed text
// (Tab, Enter, Alt+…, Ctrl+…, F-keys, a digit that picks a choice) is counted; a call that needs
// more than ten fails. Focus is checked where the next thing happens.
import { test, expect, type Page } from '@playwright/test';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';

const MAX_KEYS = 10;
// a whole call with several page loads; this machine's Chromium is slow under load
test.describe.configure({ timeout: 90_000 });

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

/** The agent's hands: `press` counts, `type` is the text the caller dictates and is not counted. */
function keyboard(page: Page) {
  const pressed: string[] = [];
  return {
    pressed,
    press: async (key: string) => {
      pressed.push(key);
      await page.keyboard.press(key);
    },
    type: (text: string) => page.keyboard.type(text),
  };
}

const form = (page: Page) => page.getByRole('form', { name: 'Call notes' });
const script = (page: Page) => page.getByRole('region', { name: /^Script/ });
const currentStep = (page: Page) => script(page).locator('li[aria-current="step"]');

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

async function setUp(page: Page, width = 1366, height = 768) {
  await page.setViewportSize({ width, height });
  const app = await startConsole();
  await openConsole(page, app);
  await post(app, 'lead.setPin', { pin: '246800' });
  await post(app, 'settings.update', { companyName: 'Eastern Service Co.' });
  await post(app, 'lead.lock', {});
  return app;
}

test('a standard inbound call, keyboard only, in at most ten keys beyond the typed text', async ({ page }) => {
  const app = await setUp(page);
  const keys = keyboard(page);
  await keys.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co., Test Agent speaking.');

  await keys.type('Zhang Wei');
  await expect(script(page).getByRole('button', { name: /Greeting.*done/ })).toBeVisible(); // the greeting is over
  await keys.press('Tab');
  await keys.type('138 0013 8000');
  await keys.press('Tab');
  await keys.type('Hangzhou');
  await keys.press('Tab');
  await keys.type('90 Wensan Road');
  await keys.press('Tab');
  await expect(form(page).getByLabel('Subject')).toBeFocused();
  await keys.type('October invoice');
  await keys.press('Tab');
  await expect(form(page).getByLabel(/^Why they call/)).toBeFocused();
  await keys.type('A corrected invoice');

  // name, region, what and why written down: Identify is done, the read-back reads all of it (P6)
  await expect(currentStep(page)).toContainText(
    'your number is 138 0013 8000, your name is Zhang Wei, you are in Hangzhou, your address is 90 Wensan Road, you are calling about October invoice, and you would like A corrected invoice. Is that right?',
  );
  await keys.press('Alt+Enter'); // the caller confirmed
  await expect(currentStep(page)).toContainText('Thank you, I’ll take care of this for you.'.replace('’', "'"));
  await expect(form(page).getByLabel(/^Why they call/)).toBeFocused(); // the cursor stays where the agent types

  await keys.press('Control+2'); // outcome 2 "Information given": how it was handled
  await expect(currentStep(page)).toContainText('Goodbye, and thank you for calling!');
  await expect(page.getByRole('radio', { name: /Information given/ })).toBeChecked();

  await keys.press('F4'); // the caller hung up after the closing line
  await expect(page.getByText(/after-call work running/)).toBeVisible();
  await expect(page.locator('#wrap-complete')).toBeFocused();
  expect(await inViewport(page, '#wrap-complete')).toBe(true);

  await keys.press('F9');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Completed');
  await expect(page.locator('#new-call')).toBeFocused();
  expect(await inViewport(page, '#new-call')).toBe(true);

  const [done] = await post<{ status: string; checklist: Record<string, string>; region: string; wants: string }[]>(app, 'calls.listDay', {});
  expect(done).toMatchObject({ status: 'completed', region: 'Hangzhou', wants: 'A corrected invoice' });
  expect(Object.keys(done!.checklist).sort()).toEqual(['confirmed', 'greeted', 'handled', 'hungUpFirst', 'identified', 'thanked']);
  console.log(`standard call keys: ${keys.pressed.length} (${keys.pressed.join(' ')})`);
  expect(keys.pressed.length).toBeLessThanOrEqual(MAX_KEYS);
  await app.stop();
});

test('a returning caller: one key fills name, region and address from the customer card', async ({ page }) => {
  const app = await setUp(page);
  const first = await post<{ id: string }>(app, 'calls.start', { direction: 'inbound', language: 'en' });
  await post(app, 'calls.update', {
    id: first.id,
    fields: { callerName: 'Wang Fang', phone: '139-1234-5678', region: 'Ningbo', address: '8 Harbour Road', subject: 'Meter', wants: 'Repair' },
  });
  await post(app, 'calls.end', { id: first.id });
  const outcomes = await post<{ id: string }[]>(app, 'dispositions.list', {});
  await post(app, 'calls.complete', { id: first.id, dispositionId: outcomes[0]!.id });
  await page.reload();
  await page.getByRole('navigation').waitFor();

  const keys = keyboard(page);
  await keys.press('F2');
  await expect(form(page).getByLabel('Caller name')).toBeFocused();
  await keys.press('Tab');
  await keys.type('+86 139 1234 5678'); // another spelling of the same number
  const history = page.getByRole('region', { name: 'Caller history' });
  await expect(history).toContainText('Customer card: Wang Fang · Ningbo · 8 Harbour Road');
  await expect(history).toContainText('Repeat caller: 1 call from this number in the last 7 days');
  await keys.press('Alt+F');
  await expect(form(page).getByLabel('Caller name')).toHaveValue('Wang Fang');
  await expect(form(page).getByLabel('Region')).toHaveValue('Ningbo');
  await expect(form(page).getByLabel('Address')).toHaveValue('8 Harbour Road');
  await expect(form(page).getByLabel('Subject')).toBeFocused(); // on to what is still to type
  await keys.type('Meter again');
  await keys.press('Enter'); // Enter goes on like Tab
  await keys.type('A second repair visit');
  await expect(currentStep(page)).toContainText('your name is Wang Fang, you are in Ningbo');
  await keys.press('Alt+Enter');
  await keys.press('Control+1'); // resolved on the call
  await keys.press('F4');
  await keys.press('F9');
  await expect(page.getByRole('heading', { name: /Inbound call/ })).toContainText('Completed');
  console.log(`returning caller keys: ${keys.pressed.length} (${keys.pressed.join(' ')})`);
  expect(keys.pressed.length).toBeLessThanOrEqual(MAX_KEYS);
  await app.stop();
});

test('a callback: from the due queue to a completed call with the callback result and score in the same wrap-up', async ({ page }) => {
  const app = await setUp(page);
  // the customer called before (card with region and address), and a callback is due now
  const first = await post<{ id: string }>(app, 'calls.start', { direction: 'inbound', language: 'en' });
  await post(app, 'calls.update', {
    id: first.id,
    fields: { callerName: 'Zhao Lei', phone: '138 0013 8000', region: 'Suzhou', address: '3 Canal Street', subject: 'Install', wants: 'Install' },
  });
  await post(app, 'calls.end', { id: first.id });
  await post(app, 'calls.discard', { id: first.id, reason: 'test' });
  await post(app, 'callbacks.schedule', {
    customerName: 'Zhao Lei',
    phone: '138 0013 8000',
    reason: 'Quarterly check',
    dueAt: new Date(Date.now() - 60_000).toISOString(),
  });
  await page.reload();
  await page.getByRole('navigation').waitFor();

  const keys = keyboard(page);
  await keys.press('Alt+3');
  await expect(page.getByRole('button', { name: 'Do callback' })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: /Outbound call/ })).toBeVisible();
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co.'); // the agent's own language
  await expect(form(page).getByLabel('Region')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Caller history' })).toContainText('Customer card: Zhao Lei · Suzhou'); // what the agent reads first
  await keys.press('Alt+F');
  await expect(form(page).getByLabel(/^Why they call/)).toBeFocused();
  await keys.type('Quarterly check of the boiler');
  await keys.press('Alt+Enter'); // read back, confirmed
  await expect(currentStep(page)).toContainText("I'm calling to ask how the product is working for you.");
  await keys.press('Control+1');
  await keys.press('F4');
  await expect(page.locator('#wrap-callback-result')).toBeFocused();
  await keys.type('Works well, no faults since the last visit');
  await keys.press('Tab');
  await keys.press('4');
  await keys.press('F9');
  await expect(page.getByRole('heading', { name: /Outbound call/ })).toContainText('Completed');
  const [done] = await post<{ status: string; result: string; satisfaction: number | null }[]>(app, 'callbacks.queue', { scope: 'done' });
  expect(done).toMatchObject({ status: 'done', result: 'Works well, no faults since the last visit', satisfaction: 4 });
  console.log(`callback keys: ${keys.pressed.length} (${keys.pressed.join(' ')})`);
  expect(keys.pressed.length).toBeLessThanOrEqual(MAX_KEYS);
  await app.stop();
});

test('first start: the company name, the team lead and the PIN are set before anyone works; the greeting names the company', async ({ page }) => {
  const app = await startConsole();
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: 'First start: set up this console' });
  await setup.getByLabel(/Company name/).fill('Eastern Service Co.');
  await setup.getByLabel("Team lead's name").fill('Li Na');
  await setup.getByLabel(/Team-lead PIN/).fill('246800');
  await setup.getByLabel('The PIN again').fill('246900');
  await setup.getByRole('button', { name: 'Set up and sign in as team lead' }).click();
  await expect(setup.getByRole('alert')).toHaveText('The two PINs differ.');
  await setup.getByLabel('The PIN again').fill('246800');
  await setup.getByRole('button', { name: 'Set up and sign in as team lead' }).click();
  await expect(page.getByText('Signed in: Li Na')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(currentStep(page)).toContainText('Hello, this is Eastern Service Co., Li Na speaking.');
  expect(await post(app, 'lead.state', {})).toMatchObject({ pinSet: true, unlocked: false });
  expect(await post(app, 'agents.list', {})).toMatchObject([{ name: 'Li Na', role: 'lead' }]);
  await app.stop();
});

test('without a company name the greeting says it is not set, not something to ask the caller', async ({ page }) => {
  const app = await startConsole();
  await openConsole(page, app);
  await page.keyboard.press('F2');
  await expect(currentStep(page).locator('mark').first()).toHaveText('[company name not set]');
  await app.stop();
});
