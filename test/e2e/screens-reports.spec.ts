// The team lead's reports screen in English and Chinese: the month at a glance, a figure opening
// its rows, and an export with progress into a folder typed in the text field, rows counted.
// axe-core finds no serious violation; screenshots go to test-results/screens/ for a person to check.
import { test, expect } from '@playwright/test';
import { expectAccessible } from '../helpers/accessibility';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportPaper } from '../../electron/core/exports/pdf';
import { openConsole, startConsole, tempDbFile, type RunningConsole } from '../helpers/browser-mode';

const CALLS = 3000;
let app: RunningConsole;

function monthNow(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

test.beforeAll(async () => {
  const db = tempDbFile();
  // this month's calls, with text that breaks naive exports (the CLI bundle is built with the app)
  execFileSync(process.execPath, ['dist/node/cli.js', 'demo-data', '--db', db, '--calls', String(CALLS), '--month', monthNow()]);
  app = await startConsole(db);
});
test.afterAll(async () => {
  await app.stop();
});

const text = {
  en: {
    tab: 'Reports',
    calls: 'Calls',
    pin: /^(Team-lead PIN|New team-lead PIN)$/,
    setPin: /^(Set PIN and unlock|Unlock)$/,
    folder: 'Save into folder',
    export: 'Export',
    back: /Back to the figures/,
    byCategory: 'Calls by category',
    complaintsByStatus: 'Complaints opened in the period, by status now',
    readBack: /^Read-back confirmed\s*P6\s*\d+\.\d %/,
    agents: 'Per agent',
    overdue: /^Overdue now \(opened in the period\)\s*C3\s*(\d+)/,
    overdueHeading: 'Complaints opened in the period and overdue now',
    quarter: 'Quarter',
    kind: 'Period type',
    inquiry: 'Inquiry',
    noRuleInLabel: /\((P|C|O)\d+\)/,
    csvNote: /for other systems/,
    xlsxNote: /statuses and categories in words/,
    done: /Export finished: (\d+) rows written/,
    xlsx: /^Excel workbook \(XLSX\)/,
    csv: /^CSV files \(one per table\)/,
    report: 'Service supervision report (printable page)',
    pdf: 'Service supervision report (PDF)',
    printNote: /save it as PDF from the print dialog/,
  },
  'zh-CN': {
    tab: '报表',
    calls: '来电数',
    pin: /^(组长密码|新组长密码)$/,
    setPin: /^(设置密码并解锁|解锁)$/,
    folder: '保存到文件夹',
    export: '导出',
    back: /返回统计/,
    byCategory: '按类别统计来电',
    complaintsByStatus: '本期登记的投诉（按当前状态）',
    readBack: /^已复述确认\s*P6\s*\d+\.\d %/,
    agents: '按坐席统计',
    overdue: /^当前已超期（本期登记）\s*C3\s*(\d+)/,
    overdueHeading: '本期登记且当前已超期的投诉',
    quarter: '按季度',
    kind: '期间类型',
    inquiry: '咨询',
    noRuleInLabel: /[（(](P|C|O)\d+[)）]/,
    csvNote: /用于导入其他系统/,
    xlsxNote: /状态和类别显示为中文/,
    done: /导出完成：共 (\d+) 行/,
    xlsx: /^Excel 工作簿（XLSX）/,
    csv: /^CSV 文件（每表一个）/,
    report: '服务监督报告（可打印页面）',
    pdf: '服务监督报告（PDF）',
    printNote: /在打印对话框中另存为 PDF/,
  },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`reports: dashboard, rows behind a figure, export with progress (${locale})`, async ({ browser }) => {
    const l = text[locale];
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openConsole(page, app, locale === 'en' ? 'Lena Lead' : '李主管');
    await page.getByRole('navigation').getByRole('button', { name: l.tab }).click();

    // the month at a glance
    const callsFigure = page.getByRole('button', { name: new RegExp(`^${l.calls}\\s*${CALLS}`) });
    await expect(callsFigure).toBeVisible();
    const categories = page.getByRole('list', { name: l.byCategory });
    await expect(categories.getByRole('button').first()).toBeVisible();
    // categories in the UI's words, never the stored code; rule ids only as small references
    for (const code of ['inquiry', 'complaint', 'fault', 'callback']) await expect(categories.getByText(code, { exact: true })).toHaveCount(0);
    expect(await page.locator('.reports-figure-label').allTextContents()).not.toContainEqual(expect.stringMatching(l.noRuleInLabel));
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/reports-${locale}.png` });
    await page.screenshot({ path: `test-results/screens/reports-full-${locale}.png`, fullPage: true });

    // per agent: a row opens that agent's calls, as many as the table says
    const agentTable = page.getByRole('region', { name: l.agents });
    const firstAgent = agentTable.getByRole('row').nth(1);
    const agentCalls = Number(await firstAgent.getByRole('cell').first().textContent());
    expect(agentCalls).toBeGreaterThan(0);
    await firstAgent.getByRole('button').click();
    await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(Math.min(agentCalls, 100) + 1);
    await expect(page.getByText(new RegExp(`\\b${agentCalls}\\b`)).first()).toBeVisible();
    await page.getByRole('button', { name: l.back }).click();

    // the overdue figure opens exactly the complaints it counts
    const overdueFigure = page.getByRole('button', { name: l.overdue });
    const overdueCount = Number(l.overdue.exec((await overdueFigure.textContent())!)![1]);
    await overdueFigure.click();
    await expect(page.getByRole('heading', { name: l.overdueHeading })).toBeVisible();
    await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(Math.min(overdueCount, 100) + 1);
    await page.getByRole('button', { name: l.back }).click();

    // a bar opens the calls behind it
    const firstBar = categories.getByRole('button').first();
    const barCount = Number((await firstBar.textContent())!.match(/(\d+)/g)!.at(-1));
    await firstBar.click();
    await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(Math.min(barCount, 100) + 1);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/reports-rows-${locale}.png`, fullPage: true });
    await page.getByRole('button', { name: l.back }).click();

    // script compliance from the checklist ticks; complaints by status open the complaints behind them
    await expect(page.getByText(l.readBack)).toBeVisible();
    const statusBar = page.getByRole('list', { name: l.complaintsByStatus }).getByRole('button').first();
    const statusCount = Number((await statusBar.textContent())!.match(/(\d+)/g)!.at(-1));
    expect(statusCount).toBeGreaterThan(0);
    await statusBar.click();
    await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(Math.min(statusCount, 100) + 1);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/reports-complaints-${locale}.png`, fullPage: true });
    await page.getByRole('button', { name: l.back }).click();

    // the export behind the team-lead PIN
    await page.getByLabel(l.pin).first().fill('246800');
    await page.getByRole('button', { name: l.setPin }).click();
    const folder = join(mkdtempSync(join(tmpdir(), 'cc-e2e-export-')), 'out');
    await page.getByRole('textbox', { name: l.folder }).fill(folder);
    await page.getByRole('radio', { name: l.csv }).check();
    await expect(page.getByText(l.csvNote)).toBeVisible();
    await page.getByRole('button', { name: l.export, exact: true }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: l.done })).toBeVisible({ timeout: 20_000 });
    const doneText = await page.getByRole('status').filter({ hasText: l.done }).textContent();
    const rowsWritten = Number(l.done.exec(doneText ?? '')![1]);
    expect(rowsWritten).toBeGreaterThan(CALLS); // calls plus the customer cards of the month
    expect(readdirSync(folder).sort()).toEqual(
      ['callbacks', 'calls', 'complaint_events', 'complaints', 'customers', 'phone_calls'].map((t) => `${t}-${monthNow()}.csv`),
    );
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/reports-export-${locale}.png`, fullPage: true });

    // XLSX too, into the same folder
    await page.getByRole('radio', { name: l.xlsx }).check();
    await expect(page.getByText(l.xlsxNote)).toBeVisible();
    await page.getByRole('button', { name: l.export, exact: true }).click();
    await expect(page.getByText(`call-console-${monthNow()}.xlsx`)).toBeVisible({ timeout: 30_000 });
    expect(existsSync(join(folder, `call-console-${monthNow()}.xlsx`))).toBe(true);

    // Browser mode has no printer of its own: PDF is not offered; the printable page says how to get one
    await expect(page.getByRole('radio', { name: l.pdf })).toHaveCount(0);
    await page.getByRole('radio', { name: l.report }).check();
    await expect(page.getByText(l.printNote)).toBeVisible();
    await page.getByRole('button', { name: l.export, exact: true }).click();
    const reportFile = join(folder, `service-report-${monthNow()}.html`);
    // a second export of the same period never replaces the first
    await expect(page.getByText(`service-report-${monthNow()}.html`)).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: l.export, exact: true }).click();
    await expect(page.getByText(`service-report-${monthNow()}-2.html`)).toBeVisible({ timeout: 30_000 });
    expect(existsSync(reportFile)).toBe(true);
    await page.screenshot({ path: `test-results/screens/reports-export-report-${locale}.png`, fullPage: true });

    // The page prints on A4 in Chromium, the engine the desktop app prints its PDF with, with the
    // same paper settings: a few pages with their charts, not a sprawl of half-empty ones.
    const printed = await context.newPage();
    await printed.goto(pathToFileURL(reportFile).href);
    await expect(printed.locator('svg').first()).toBeVisible();
    const pdf = await printed.pdf({
      format: reportPaper.pageSize,
      printBackground: reportPaper.printBackground,
      path: `test-results/screens/report-${locale}.pdf`,
    });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(4);
    // nothing wider than the printable width of A4 (210 mm − 2 × 12 mm margins ≈ 703 px)
    await printed.setViewportSize({ width: 703, height: 1000 });
    await printed.emulateMedia({ media: 'print' });
    const overflow = await printed.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // pages as PNGs for a person to look at
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', `test-results/screens/report-${locale}.pdf`, `test-results/screens/report-${locale}`]);
    } catch {
      // poppler-utils missing: the PDF itself is still there to open
    }
    // A4 is 595 × 842 points
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    await context.close();
  });
}

test('the periods the policy names: a quarter and a day, in the period picker', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openConsole(page, app, 'Lena Lead');
  await page.getByRole('navigation').getByRole('button', { name: 'Reports' }).click();
  await page.getByLabel('Period type').selectOption('quarter');
  await expect(page.getByRole('heading', { name: /Quarterly service supervision report/ })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^Calls\\s*${CALLS}`) })).toBeVisible();
  await page.getByLabel('Period type').selectOption('day');
  await expect(page.getByRole('heading', { name: /Daily work report/ })).toBeVisible();
  await context.close();
});
