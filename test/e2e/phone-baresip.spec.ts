// A real SIP softphone: two baresip instances on loopback, one the agent's (the console talks to
// its ctrl_tcp), one the caller. The console must pop the call before it is answered, count the
// rings (P1: apology first after five), answer with F2 (baresip picks up), record the answer and
// talk times and the caller's hang-up; a caller who gives up before the answer is a missed call.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { openConsole, startConsole, type RunningConsole } from '../helpers/browser-mode';
import { control, startSoftphone, type Softphone } from '../helpers/baresip';

const hasBaresip = (() => {
  try {
    execFileSync('baresip', ['-h'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch (err) {
    return (err as { status?: number }).status !== undefined; // -h exits non-zero but runs
  }
})();

const CALLER = '13800138000';
let app: RunningConsole;
let agent: Softphone;
let caller: Softphone;

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

test.describe('phone: baresip', () => {
  test.skip(!hasBaresip, 'baresip is not installed (Debian package baresip-core)');
  test.setTimeout(90_000);

  test.beforeAll(async () => {
    agent = await startSoftphone('8001');
    caller = await startSoftphone(CALLER);
    app = await startConsole();
  });
  test.afterAll(async () => {
    await app?.stop();
    await agent?.stop();
    await caller?.stop();
  });

  async function setUp(page: Page) {
    await openConsole(page, app, 'Li Na');
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
    // a short ring cadence, so five rings take five seconds
    await api('phone.configure', { source: 'baresip', baresipAddress: `127.0.0.1:${agent.ctrlPort}`, ringCadenceSeconds: 1, extension: '8001' });
    await expect(page.getByRole('status').filter({ hasText: 'Phone: connected' })).toBeVisible({ timeout: 10_000 });
  }

  test('caller dials, the console pops the number, F2 after five rings answers with the apology first, the caller hangs up', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await setUp(page);
    const phone = await control(caller);
    phone.send('dial', agent.uri);

    // the pop, before anyone answers: the caller's number and a live ring count
    const banner = page.getByRole('alert').filter({ hasText: 'Incoming call' });
    await expect(banner).toBeVisible({ timeout: 10_000 });
    await expect(banner).toContainText(CALLER);
    expect(phone.events.some((e) => e.type === 'CALL_ESTABLISHED')).toBe(false);
    await expect(banner).toContainText(/[5-9] rings · apologise first/, { timeout: 9_000 });
    await page.screenshot({ path: 'test-results/screens/phone-baresip-ringing-en.png' });

    await page.keyboard.press('F2');
    // the console told the agent's baresip to accept: the caller's side sees the call established
    await phone.waitFor('CALL_ESTABLISHED');
    await expect(banner).toBeHidden();
    const apology = page.getByRole('note', { name: /late/i });
    await expect(apology).toContainText("I'm so sorry to have kept you waiting.");
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue(CALLER);
    await expect(page.locator('[data-timer="talk"]')).toBeVisible();
    await page.waitForTimeout(2000);

    phone.send('hangup');
    await expect(page.locator('[data-timer="acw"]')).toBeVisible({ timeout: 10_000 });
    const {
      calls: [call],
    } = await api<{ calls: { id: string; rangAt: string; answeredAt: string; endedAt: string; lateAnswer: boolean; phone: string }[] }>('calls.listUnfinished');
    expect(call!.phone).toBe(CALLER);
    expect(call!.lateAnswer).toBe(true);
    const answerMs = Date.parse(call!.answeredAt) - Date.parse(call!.rangAt);
    const talkMs = Date.parse(call!.endedAt) - Date.parse(call!.answeredAt);
    expect(answerMs).toBeGreaterThanOrEqual(5000);
    expect(talkMs).toBeGreaterThanOrEqual(1500);
    const state = await api<{ ringing: unknown[]; active: unknown }>('phone.state');
    expect(state).toMatchObject({ ringing: [], active: null });
    phone.close();
    await context.close();
  });

  test('a caller who hangs up before the answer is a missed call, called back in one action', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await setUp(page);
    const phone = await control(caller);
    phone.send('dial', agent.uri);
    const banner = page.getByRole('alert').filter({ hasText: 'Incoming call' });
    await expect(banner).toContainText(CALLER, { timeout: 10_000 });
    await page.waitForTimeout(1500);
    phone.send('hangup');
    await expect(banner).toBeHidden({ timeout: 10_000 });
    const missed = page.getByRole('region', { name: /Missed — call back/ });
    await expect(missed.getByRole('listitem').filter({ hasText: CALLER })).toBeVisible();
    await expect(page.getByRole('button', { name: /Missed — call back 1/ })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/phone-baresip-missed-en.png' });
    await missed.getByRole('button', { name: `Call back ${CALLER}` }).click();
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue(CALLER);
    await expect(missed.getByRole('listitem')).toHaveCount(0);
    phone.close();
    await context.close();
  });
});
