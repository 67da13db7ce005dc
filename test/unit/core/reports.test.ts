import { call, fixedClock, memoryCore } from '../../helpers/core';
import { insertCall } from '../../helpers/exports';

function seeded() {
  const core = memoryCore(fixedClock('2026-11-01T02:00:00.000Z'));
  // Shanghai local days: 1 Oct (two calls), 31 Oct 23:30 (one), plus one in November
  insertCall(core.db, { createdAt: '2026-09-30T16:30:00.000Z', category: '发票', answeredAfterS: 4, endedAfterS: 120 });
  insertCall(core.db, { createdAt: '2026-10-01T03:00:00.000Z', category: '发票', answeredAfterS: 10, endedAfterS: 300 });
  insertCall(core.db, { createdAt: '2026-10-31T15:30:00.000Z', category: '', answeredAfterS: 7, status: 'open' });
  insertCall(core.db, { createdAt: '2026-10-31T16:30:00.000Z', category: '售后' });
  return core;
}

test('R2 figures: calls by category and local day, average answer and handling time', async () => {
  const core = seeded();
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.calls.total).toBe(3);
  expect(f.calls.byCategory).toEqual([
    { category: '发票', count: 2 },
    { category: '', count: 1 },
  ]);
  expect(f.calls.byDay).toEqual([
    { day: '2026-10-01', count: 2 },
    { day: '2026-10-31', count: 1 },
  ]);
  expect(f.calls.avgAnswerSeconds).toBe(7); // (4 + 10 + 7) / 3
  expect(f.calls.avgHandlingSeconds).toBe(210); // (120 + 300) / 2, the open call has no end yet
  expect(f.calls.byStatus).toEqual({ completed: 2, open: 1 });
  core.close();
});

test('sections of domains not built yet say "not available" instead of inventing zeros', async () => {
  const core = seeded();
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.scriptCompliance).toEqual({ available: false });
  expect(f.complaints.available).toBe(false);
  expect(f.callbacks).toEqual({ available: false, done: 0, avgSatisfaction: null });
  core.close();
});

test('each figure opens the rows behind it: a category, a day, paged', async () => {
  const core = seeded();
  const invoices = await call(core, 'reports.rows', { period: { month: '2026-10' }, category: '发票' });
  expect(invoices.total).toBe(2);
  expect(invoices.rows.every((r) => r.category === '发票')).toBe(true);
  const lastDay = await call(core, 'reports.rows', { period: { month: '2026-10' }, day: '2026-10-31' });
  expect(lastDay.rows.map((r) => r.createdAt)).toEqual(['2026-10-31T15:30:00.000Z']);
  const uncategorised = await call(core, 'reports.rows', { period: { month: '2026-10' }, category: '' });
  expect(uncategorised.total).toBe(1);
  const page = await call(core, 'reports.rows', { period: { month: '2026-10' }, limit: 1, offset: 1 });
  expect(page).toMatchObject({ total: 3, rows: [{ createdAt: '2026-10-01T03:00:00.000Z' }] });
  core.close();
});

test('the printable report is self-contained HTML with charts, in the chosen language', async () => {
  const core = seeded();
  const { html, fileName } = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'zh-CN' });
  expect(fileName).toBe('service-report-2026-10.html');
  expect(html).toContain('月度服务监督报告');
  expect(html).toContain('<svg');
  expect(html).toContain('投诉'); // the complaints section is there, marked as not recorded yet
  expect(html).not.toMatch(/<script|src=|href=|url\(|@import/i);
  const en = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'en' });
  expect(en.html).toContain('Calls by category');
  core.close();
});
