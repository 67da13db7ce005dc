import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { ensureAgent, insertCall, insertCallback, insertComplaint } from '../../../../helpers/exports';

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

/**
 * A small hand-made month (clock: 1 Nov 10:00 Shanghai). Complaints created in October: A (normal,
 * closed after 48 h), B (major, 23:30 local on 31 Oct, next reply due 31 Oct 23:45 local → overdue
 * now), C (normal, resolved in October, due 3 Nov → not overdue); D is created 1 Nov 00:30 local
 * (November). Callbacks: two done in October scored 4 and 5, one done without a score, one pending
 * due in October (overdue now), one pending due in November (neither).
 */
function seededWithDomains() {
  const core = seeded();
  const db = core.db;
  insertComplaint(db, {
    number: 'TS-202610-0001',
    createdAt: '2026-10-02T02:00:00.000Z',
    matter: 'A',
    status: 'closed',
    nextReplyDue: null,
    resolvedAt: '2026-10-03T02:00:00.000Z',
    closedAt: '2026-10-04T02:00:00.000Z',
  });
  insertComplaint(db, {
    number: 'TS-202610-0002',
    createdAt: '2026-10-31T15:30:00.000Z',
    matter: 'B',
    severity: 'major',
    nextReplyDue: '2026-10-31T15:45:00.000Z',
  });
  insertComplaint(db, {
    number: 'TS-202610-0003',
    createdAt: '2026-10-10T02:00:00.000Z',
    matter: 'C',
    status: 'resolved',
    resolvedAt: '2026-10-12T02:00:00.000Z',
    nextReplyDue: '2026-11-03T02:00:00.000Z',
  });
  insertComplaint(db, { number: 'TS-202611-0001', createdAt: '2026-10-31T16:30:00.000Z', matter: 'D', nextReplyDue: '2026-11-05T02:00:00.000Z' });
  insertCallback(db, {
    createdAt: '2026-09-20T02:00:00.000Z',
    dueAt: '2026-10-05T02:00:00.000Z',
    reason: 'r1',
    status: 'done',
    doneAt: '2026-10-05T03:00:00.000Z',
    result: 'ok',
    satisfaction: 4,
  });
  insertCallback(db, {
    createdAt: '2026-10-01T02:00:00.000Z',
    dueAt: '2026-10-08T02:00:00.000Z',
    reason: 'r2',
    status: 'done',
    doneAt: '2026-10-31T15:50:00.000Z',
    result: 'ok',
    satisfaction: 5,
  });
  insertCallback(db, {
    createdAt: '2026-10-01T02:00:00.000Z',
    dueAt: '2026-10-09T02:00:00.000Z',
    reason: 'r3',
    status: 'done',
    doneAt: '2026-10-09T03:00:00.000Z',
    result: 'no answer given',
  });
  insertCallback(db, { createdAt: '2026-10-01T02:00:00.000Z', dueAt: '2026-10-20T02:00:00.000Z', reason: 'r4' });
  insertCallback(db, { createdAt: '2026-10-01T02:00:00.000Z', dueAt: '2026-11-20T02:00:00.000Z', reason: 'r5' });
  insertCallback(db, {
    createdAt: '2026-10-01T02:00:00.000Z',
    dueAt: '2026-10-21T02:00:00.000Z',
    reason: 'r6',
    status: 'done',
    doneAt: '2026-10-31T16:10:00.000Z',
    result: 'November',
    satisfaction: 1,
  });
  return core;
}

test('complaint figures: opened, major, resolved, closed, overdue now, average time to close, by status (local month)', async () => {
  const core = seededWithDomains();
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.complaints).toEqual({
    available: true,
    opened: 3, // A, B (23:30 local on the 31st is October) and C; D is November
    major: 1,
    resolved: 2, // A and C
    closed: 1,
    overdue: 1, // B: open and its reply time has passed
    onTimePct: 66.7, // A and C are not overdue
    avgCloseHours: 48,
    byStatus: { closed: 1, new: 1, resolved: 1 },
  });
  const nov = await call(core, 'reports.summary', { period: { month: '2026-11' } });
  expect(nov.complaints).toMatchObject({ opened: 1, major: 0, resolved: 0, closed: 0, byStatus: { new: 1 } });
  core.close();
});

test('callback figures: done, due and overdue, average satisfaction with the number of scores', async () => {
  const core = seededWithDomains();
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  // done in October: r1 (4), r2 (5, 23:50 local on the 31st), r3 (no score); r6 is 00:10 on 1 Nov
  // none was done by its due time; r4 is due in October and still pending (overdue)
  expect(f.callbacks).toEqual({ available: true, done: 3, due: 1, overdue: 1, avgSatisfaction: 4.5, scored: 2, onTimePct: 0 });
  const nov = await call(core, 'reports.summary', { period: { month: '2026-11' } });
  // r5 is due in November but not yet: nothing of November is overdue (r4 belongs to October)
  expect(nov.callbacks).toEqual({ available: true, done: 1, due: 1, overdue: 0, avgSatisfaction: 1, scored: 1, onTimePct: 0 });
  core.close();
});

test('script compliance: shares of completed calls with read-back confirmed, closing said, caller hung up first', async () => {
  const core = seeded();
  const tick = (id: string, keys: string[]) =>
    core.db
      .prepare(`UPDATE calls SET checklist = ? WHERE id = ?`)
      .run(JSON.stringify(Object.fromEntries(keys.map((k) => [k, '2026-10-15T02:00:00.000Z']))), id);
  // seeded(): two completed October calls without ticks (00:30 and 11:00 local on 1 Oct), one open call (not counted)
  tick(insertCall(core.db, { createdAt: '2026-10-15T02:00:00.000Z' }), ['greeted', 'confirmed', 'thanked', 'hungUpFirst']);
  tick(insertCall(core.db, { createdAt: '2026-10-16T02:00:00.000Z' }), ['confirmed', 'thanked']);
  tick(insertCall(core.db, { createdAt: '2026-10-17T02:00:00.000Z' }), ['confirmed']);
  tick(insertCall(core.db, { createdAt: '2026-10-18T02:00:00.000Z', status: 'open' }), ['confirmed', 'thanked', 'hungUpFirst']);
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.scriptCompliance).toEqual({ available: true, calls: 5, readBackPct: 60, closingPct: 40, hungUpFirstPct: 20 });
  const empty = await call(core, 'reports.summary', { period: { month: '2026-08' } });
  expect(empty.scriptCompliance).toEqual({ available: true, calls: 0, readBackPct: null, closingPct: null, hungUpFirstPct: null });
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
  // paging on is a team-lead action (recorded)
  await call(core, 'lead.setPin', { pin: '864200' });
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
  expect(html).toContain('投诉');
  expect(html).not.toMatch(/<script|src=|href=|url\(|@import/i);
  const en = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'en' });
  expect(en.html).toContain('Calls by category');
  core.close();
});

test('the printable report shows the complaint, callback and script figures', async () => {
  const core = seededWithDomains();
  const { html } = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'en' });
  expect(html).toContain('Average time to close</th><td class="num">48.0 h');
  expect(html).toContain('Overdue now (opened in the period)</th><td class="num">1</td>');
  expect(html).toContain('Average satisfaction (1–5)</th><td class="num">4.50</td>');
  expect(html).toContain('2 scores; analysed monthly <span class="ref">O5</span>');
  expect(html).toContain('Complaints opened in the period, by status now');
  // rule ids only as small references beside the figures, never inside a manager's words
  expect(html).toContain('Caller hung up first</th>');
  expect(html).not.toMatch(/[(（](P|C|O|R)\d+[)）]/);
  // the previous period beside each figure, with the change
  expect(html).toContain('compared with 2026-09-01 – 2026-09-30');
  expect(html).toContain('<td class="num">+3</td>');
  // the policy's targets beside the figures
  expect(html).toContain('Answered within two rings (≤ 6 s)');
  expect(html).toContain('every one (100 %) <span class="ref">P1</span>');
  // A4, and signed by a person
  expect(html).toContain('@page{size:A4');
  expect(html).toMatch(/Prepared 2026-11-01 10:00 by Test Agent/);
  expect(html).not.toContain('Not recorded by this version yet');
  expect(html).not.toMatch(/<script|src=|href=|url\(|@import/i);
  core.close();
});

test('the report names the company, uses the UI words for codes and the UI wording in Chinese', async () => {
  const core = seeded();
  await call(core, 'lead.setPin', { pin: '246800' });
  core.db.prepare("INSERT INTO settings (key, value) VALUES ('company.name', '杭州示例科技有限公司')").run();
  insertCall(core.db, { createdAt: '2026-10-12T02:00:00.000Z', category: 'inquiry', status: 'discarded' });
  const { html } = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'zh-CN' });
  expect(html).toContain('<p class="company">杭州示例科技有限公司</p>');
  expect(html).toContain('>咨询</text>'); // the category chart speaks the UI's word
  expect(html).not.toMatch(/>inquiry</);
  expect(html).not.toContain('已作废');
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.company).toBe('杭州示例科技有限公司');
  core.close();
});

test('per agent: calls, handling, after-call work, script compliance, complaints owned and overdue, callbacks, satisfaction; a row opens the calls', async () => {
  const core = seededWithDomains();
  const f = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(f.agents).toEqual([
    {
      name: '王芳',
      calls: 3,
      avgHandlingSeconds: 210,
      avgAfterCallWorkSeconds: null,
      scriptCompliancePct: 0,
      complaintsOwned: 3,
      complaintsOverdue: 1,
      callbacksDone: 3,
      avgSatisfaction: 4.5,
      scored: 2,
    },
  ]);
  const rows = await call(core, 'reports.rows', { period: { month: '2026-10' }, agentName: '王芳' });
  expect(rows.total).toBe(3);
  expect((await call(core, 'reports.rows', { period: { month: '2026-10' }, agentName: 'nobody' })).total).toBe(0);
  core.close();
});

test('a day, a week and a quarter are periods of their own, each compared with the one before', async () => {
  const core = seeded();
  const day = await call(core, 'reports.summary', { period: { day: '2026-10-01' } });
  expect(day.calls.total).toBe(2);
  expect(day.previous?.period.label).toBe('2026-09-30');
  const week = await call(core, 'reports.summary', { period: { week: '2026-W40' } });
  expect(week.period).toMatchObject({ firstDay: '2026-09-28', lastDay: '2026-10-04' });
  expect(week.calls.total).toBe(2);
  const quarter = await call(core, 'reports.summary', { period: { quarter: '2026-Q4' } });
  expect(quarter.calls.total).toBe(4);
  expect(quarter.previous?.period.label).toBe('2026-Q3');
  const bad = await core.dispatch('reports.summary', { period: { quarter: '2026-Q9' } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  core.close();
});

test('one definition of overdue: the banner, the tracker, the report and its drill-down count the same complaints', async () => {
  const core = memoryCore(fixedClock('2026-11-20T02:00:00.000Z'), { signedIn: false });
  const owner = ensureAgent(core.db);
  await call(core, 'session.signIn', { agentId: owner });
  // 25 open complaints of November with their reply time passed (more than a banner page), one of
  // each other kind: resolved with an old due time (owes no reply), closed, open but not yet due
  for (let i = 0; i < 25; i++)
    insertComplaint(core.db, {
      number: `TS-202611-${String(i + 1).padStart(4, '0')}`,
      createdAt: `2026-11-0${(i % 9) + 1}T02:00:00.000Z`,
      matter: `m${i}`,
      status: i % 3 === 0 ? 'awaiting_customer' : 'in_progress',
      nextReplyDue: '2026-11-10T02:00:00.000Z',
    });
  insertComplaint(core.db, {
    number: 'TS-202611-0100',
    createdAt: '2026-11-02T02:00:00.000Z',
    matter: 'resolved',
    status: 'resolved',
    resolvedAt: '2026-11-03T02:00:00.000Z',
    nextReplyDue: '2026-11-04T02:00:00.000Z',
  });
  insertComplaint(core.db, {
    number: 'TS-202611-0101',
    createdAt: '2026-11-02T02:00:00.000Z',
    matter: 'closed',
    status: 'closed',
    nextReplyDue: null,
    resolvedAt: '2026-11-03T02:00:00.000Z',
    closedAt: '2026-11-04T02:00:00.000Z',
  });
  insertComplaint(core.db, { number: 'TS-202611-0102', createdAt: '2026-11-02T02:00:00.000Z', matter: 'later', nextReplyDue: '2026-11-30T02:00:00.000Z' });
  // and 5 overdue ones opened in October: overdue, but not November's
  for (let i = 0; i < 5; i++)
    insertComplaint(core.db, {
      number: `TS-202610-${String(i + 1).padStart(4, '0')}`,
      createdAt: '2026-10-15T02:00:00.000Z',
      matter: `o${i}`,
      nextReplyDue: '2026-10-20T02:00:00.000Z',
    });

  const banner = await call(core, 'complaints.due', {});
  expect(banner).toHaveLength(30); // every overdue complaint of the agent, never capped
  const tracker = await call(core, 'complaints.list', { view: 'open', limit: 500 });
  expect(tracker.overdue).toBe(30);
  expect(tracker.rows.filter((r) => r.overdue)).toHaveLength(30);
  expect(tracker.rows.find((r) => r.matter === 'resolved')?.overdue).toBe(false);
  const november = await call(core, 'reports.summary', { period: { month: '2026-11' } });
  expect(november.complaints.overdue).toBe(25);
  const drill = await call(core, 'complaints.list', { view: 'all', from: '2026-11-01', to: '2026-11-30', overdue: true, limit: 500 });
  expect(drill.total).toBe(25);
  expect(drill.rows.every((r) => r.overdue)).toBe(true);
  const october = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(october.complaints.overdue).toBe(5);
  core.close();
});
