// Deterministic merges, checked on the local side alone (the server is a list here: its order is the
// order changes are pushed in; the real server's order is tested in converge.test.ts): a complaint's
// timeline reads the same on every desk whatever order its events arrived in, and script versions
// saved offline on two desks are both kept, numbered the same way everywhere, with the same current one.
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { sampleScript } from '../../../../helpers/samples-calls';
import { acknowledge, applyBatch, enableTeamMode, takeOutgoing, type IncomingChange } from '../../../../../electron/core/sync/local';
import type { Core } from '../../../../../electron/core/entry/start-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../../../../../electron/core/exports/run';
import { resolvePeriod } from '../../../../../shared/domain/period';
import { tempFolder } from '../../../../helpers/exports';
import { parseCsv } from '../../../../helpers/csv';
import { mergeTimeline } from '../../../../../shared/domain/complaint-timeline';

interface Desk {
  name: string;
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  cursor: number;
}

const server: IncomingChange[] = [];
function push(d: Desk): void {
  const out = takeOutgoing(d.core.db, 100_000);
  for (const c of out) {
    // what PostgreSQL's jsonb gives back
    server.push({
      pos: server.length + 1,
      xid: String(server.length + 1),
      id: c.id,
      workstation: d.name,
      kind: c.kind,
      body: JSON.parse(JSON.stringify(c.body)),
    });
  }
  acknowledge(d.core.db, out, d.clock.now().toISOString());
}
function pull(d: Desk): void {
  applyBatch(d.core.db, d.name, 'epoch', server.slice(d.cursor), d.clock.now().toISOString());
  d.cursor = server.length;
}
const sync = (desks: Desk[]) => {
  for (let i = 0; i < 2; i++)
    for (const d of desks) {
      push(d);
      pull(d);
    }
};

function desk(name: string, at: string): Desk {
  const clock = fixedClock(at);
  const core = memoryCore(clock);
  enableTeamMode(core.db, name, 'test');
  return { name, core, clock, cursor: 0 };
}

beforeEach(() => {
  server.length = 0;
});

test('a complaint acted on at two desks offline shows the same timeline, in (time, id) order, on every desk', async () => {
  const [a, b, c] = [desk('ord_a', '2026-12-01T09:00:00.000Z'), desk('ord_b', '2026-12-01T09:00:00.000Z'), desk('ord_c', '2026-12-01T09:00:00.000Z')];
  const { complaint } = await call(a.core, 'complaints.create', {
    customerName: '王芳',
    phone: '13900001111',
    matter: '安装延误',
    category: 'service',
    nextReplyDue: '2026-12-03T08:00:00.000Z',
  });
  sync([a, b, c]);
  // offline: B's note is the earlier one but reaches the server last
  b.clock.set('2026-12-01T10:00:00.000Z');
  a.clock.set('2026-12-01T11:00:00.000Z');
  await call(a.core, 'complaints.note', { id: complaint.id, text: 'A: called the installer' });
  await call(b.core, 'complaints.note', { id: complaint.id, text: 'B: customer called again' });
  push(a);
  pull(c); // C sees A's note before B's exists on the server
  push(b);
  sync([a, b, c]);
  const timelines = await Promise.all([a, b, c].map(async (d) => (await call(d.core, 'complaints.get', { id: complaint.id })).events));
  const shown = timelines.map((events) => events.map((e) => [e.seq, e.kind, e.at, String(e.data.text ?? '')]));
  expect(shown[0]).toEqual([
    [1, 'created', '2026-12-01T09:00:00.000Z', ''],
    [2, 'note', '2026-12-01T10:00:00.000Z', 'B: customer called again'],
    [3, 'note', '2026-12-01T11:00:00.000Z', 'A: called the installer'],
  ]);
  expect(shown[1]).toEqual(shown[0]);
  expect(shown[2]).toEqual(shown[0]);
  for (const d of [a, b, c]) d.core.close();
});

test("a screen kept up to date from actions' answers alone shows the team's timeline in (time, id) order, entries pulled in between included", async () => {
  const [a, b] = [desk('scr_view_a', '2026-12-01T09:00:00.000Z'), desk('scr_view_b', '2026-12-01T09:00:00.000Z')];
  const { complaint } = await call(a.core, 'complaints.create', {
    customerName: '王芳',
    phone: '13900001111',
    matter: '安装延误',
    category: 'service',
    nextReplyDue: '2026-12-03T08:00:00.000Z',
  });
  sync([a, b]);
  // A's screen reads the timeline once, then only merges what its actions answer
  let held = await call(a.core, 'complaints.get', { id: complaint.id });
  expect(held.order).toBe('time');
  const act = async (text: string) => {
    const change = await call(a.core, 'complaints.note', { id: complaint.id, since: held.cursor, text });
    const merged = mergeTimeline(held, change);
    expect(merged.complete).toBe(true);
    held = merged.detail;
    return change;
  };
  a.clock.set('2026-12-01T11:00:00.000Z');
  await act('A: called the installer');
  // B noted something earlier (by its clock); it reaches A between two of A's actions
  b.clock.set('2026-12-01T10:00:00.000Z');
  await call(b.core, 'complaints.note', { id: complaint.id, text: 'B: customer called again' });
  push(b);
  pull(a);
  a.clock.set('2026-12-01T12:00:00.000Z');
  const answer = await act('A: installer booked');
  // the answer brings B's entry too (it reached A after the screen's mark), not A's earlier note
  expect(answer.newEvents.map((e) => e.data.text)).toEqual(['B: customer called again', 'A: installer booked']);
  expect(answer.appended).toBe(1);
  const stored = (await call(a.core, 'complaints.get', { id: complaint.id })).events;
  expect(held.events).toEqual(stored);
  expect(held.events.map((e) => [e.seq, String(e.data.text ?? e.kind)])).toEqual([
    [1, 'created'],
    [2, 'B: customer called again'],
    [3, 'A: called the installer'],
    [4, 'A: installer booked'],
  ]);
  for (const d of [a, b]) d.core.close();
});

test('script versions saved offline on two desks: both kept in the history, numbered alike, the same current version everywhere', async () => {
  const [a, b, c] = [desk('scr_a', '2026-12-01T09:00:00.000Z'), desk('scr_b', '2026-12-01T09:00:00.000Z'), desk('scr_c', '2026-12-01T09:00:00.000Z')];
  sync([a, b, c]);
  const base = await call(a.core, 'scripts.current', { language: 'en' });
  const saveAt = async (d: Desk, at: string, text: string) => {
    d.clock.set(at);
    await call(d.core, 'lead.setPin', { pin: '246800' });
    return call(d.core, 'scripts.save', {
      language: 'en',
      basedOn: (await call(d.core, 'scripts.current', { language: 'en' })).id,
      content: { ...sampleScript, steps: sampleScript.steps.map((step, i) => (i === 0 ? { ...step, lines: [text] } : step)) },
    });
  };
  // both saved "the next version" offline; B's is the later one
  const fromA = await saveAt(a, '2026-12-01T10:00:00.000Z', 'Thank you for calling (A)');
  const fromB = await saveAt(b, '2026-12-01T10:05:00.000Z', 'Thank you for calling (B)');
  expect(fromA.version).toBe(fromB.version);
  // arrival orders differ: C gets B's first
  push(b);
  pull(c);
  push(a);
  sync([a, b, c]);
  const histories = await Promise.all([a, b, c].map((d) => call(d.core, 'scripts.versions', { language: 'en' })));
  const numbered = histories.map((h) => h.map((v) => [v.version, v.id]));
  expect(numbered[0]!.slice(0, 2)).toEqual([
    [fromA.version + 1, fromB.id],
    [fromA.version, fromA.id],
  ]);
  expect(numbered[1]).toEqual(numbered[0]);
  expect(numbered[2]).toEqual(numbered[0]);
  expect(numbered[0]!.map(([, id]) => id)).toContain(base.id);
  for (const d of [a, b, c]) expect((await call(d.core, 'scripts.current', { language: 'en' })).id).toBe(fromB.id);
  // and the next version saved anywhere follows both
  const next = await saveAt(c, '2026-12-01T11:00:00.000Z', 'Thank you for calling (C)');
  expect(next.version).toBe(fromA.version + 2);
  sync([a, b, c]);
  for (const d of [a, b]) expect((await call(d.core, 'scripts.current', { language: 'en' })).id).toBe(next.id);
  for (const d of [a, b, c]) d.core.close();
});

test('team-wide lists and exports say which agent and workstation each row came from', async () => {
  const [a, b] = [desk('lab_a', '2026-12-01T09:00:00.000Z'), desk('lab_b', '2026-12-01T09:10:00.000Z')];
  const take = async (d: Desk, subject: string) => {
    const { id } = await call(d.core, 'calls.start', {});
    await call(d.core, 'calls.update', { id, fields: { callerName: '王芳', phone: '139 0000 1111', subject } });
    return id;
  };
  const fromA = await take(a, 'asked at A');
  const fromB = await take(b, 'asked at B');
  await call(a.core, 'complaints.create', {
    customerName: '王芳',
    phone: '13900001111',
    matter: '安装延误',
    category: 'service',
    nextReplyDue: '2026-12-03T08:00:00.000Z',
  });
  sync([a, b]);

  const history = await call(b.core, 'calls.history', { phone: '139 0000 1111' } as never);
  expect(history.calls.map((c) => [c.id, c.agentName, c.workstation]).sort()).toEqual(
    [
      [fromA, 'Test Agent', 'lab_a'],
      [fromB, 'Test Agent', 'lab_b'],
    ].sort(),
  );
  const open = await call(b.core, 'complaints.list', { view: 'open' });
  expect(open.rows.map((r) => [r.ownerName, r.workstation])).toEqual([['Test Agent', 'lab_a']]);
  const hits = await call(b.core, 'search.query', { q: '王芳' });
  expect(hits.map((h) => [h.kind, h.workstation]).sort()).toEqual([
    ['call', 'lab_a'],
    ['call', 'lab_b'],
    ['complaint', 'lab_a'],
  ]);
  const rows = await call(b.core, 'reports.rows', { period: { month: '2026-12' } });
  expect(rows.rows.map((r) => r.workstation).sort()).toEqual(['lab_a', 'lab_b']);
  expect(history.openComplaints.map((c) => c.workstation)).toEqual(['lab_a']);
  // the export: a workstation column, this desk's name for its own rows
  const folder = tempFolder();
  await runExport(
    b.core.db,
    { period: resolvePeriod({ month: '2026-12' }), format: 'csv', folder, language: 'en', actor: { agentId: null, name: 'Lead' } },
    { now: () => b.clock.now() },
  );
  const [header, ...csvRows] = parseCsv(readFileSync(join(folder, 'calls-2026-12.csv'), 'utf8').replace(/^\uFEFF/, ''));
  const column = header!.indexOf('Workstation');
  expect(column).toBeGreaterThan(-1);
  expect(csvRows.map((r) => r[column]).sort()).toEqual(['lab_a', 'lab_b']);

  // a desk alone shows and returns exactly what it did before: no desk on any row
  const alone = memoryCore(fixedClock('2026-12-01T09:00:00.000Z'));
  await take({ name: '', core: alone, clock: fixedClock('2026-12-01T09:00:00.000Z'), cursor: 0 }, 'alone');
  expect((await call(alone, 'calls.history', { phone: '139 0000 1111' } as never)).calls[0]).not.toHaveProperty('workstation');
  expect((await call(alone, 'search.query', { q: '王芳' }))[0]).not.toHaveProperty('workstation');
  alone.close();
  for (const d of [a, b]) d.core.close();
});
