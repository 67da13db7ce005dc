// search3_p95_ms / search2_p95_ms: full-text search through the service (dispatch →
// search.query, first page of 50, newest first) over the cached bench database (bench-db.ts:
// BENCH_CALLS calls, default 1,000,000, plus a complaint per ten calls, mixed Chinese/English);
// words of ≥ 3 characters and two-character Chinese words. search_count_p95_ms: the same words'
// true totals (search.count, capped at SEARCH_COUNT_CAP); search_more_p95_ms: the next page
// (offset 50) as a team lead reads it.
// complaint_note_p95_ms: complaints.note, 499 notes of 5,000 characters on one complaint (p95 of all),
// sent with the screen's timeline mark; complaint_note_answer_kb: the largest answer among them;
// autosave_behind_note_p95_ms: an autosave (calls.update) sent while a note is being written.
// complaint_open_ms: complaints.get of a complaint with 500 timeline events (p95 of 50 opens).
// search_write_p95_ms: one call saved through the service with all search triggers.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { offsetClock } from '../../electron/core/infra/clock';
import { benchDatabase, english, given, settled, surnames, words2, words3 } from './bench-db';
import { cpuMs, figure, loadFigure, ms, percentile } from './stats';

// BENCH_CALLS sets the size of every bench that fills a database (10000000 for a whole team's file)
const CALLS = Number(process.env.BENCH_SEARCH_DOCS ?? process.env.BENCH_CALLS ?? 1_000_000);
const QUERIES = 200;

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
const sentence = () => `${pick(words3)}${pick(words2)} ${pick(english)} ${pick(words2)}${pick(words2)}`;

async function main(): Promise<void> {
  const { file, bytes, benchAgentId: agentId } = benchDatabase(CALLS);
  figure('search_calls', CALLS, 'calls', 0);
  figure('search_db_gb', bytes / 1e9, 'GB', 2);
  const core = await settled(startCore({ dbFile: file, transport: 'browser', version: 'bench', clock: offsetClock(0), backupKeep: 1 }));

  const signIn = await core.dispatch('session.signIn', { agentId });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));

  /** each query through the dispatcher; wall-clock and CPU milliseconds */
  async function timed(queries: string[], method: 'search.query' | 'search.count' = 'search.query', offset = 0): Promise<{ wall: number[]; cpu: number[] }> {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const r = await core.dispatch(method, method === 'search.query' ? { q, offset, limit: 50 } : { q, kind: 'call' });
      cpu.push(cpuMs(c));
      wall.push(ms(t));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    return { wall, cpu };
  }
  const report = (name: string, { wall, cpu }: { wall: number[]; cpu: number[] }) => {
    figure(`${name}_p95_ms`, percentile(wall, 95), 'ms');
    figure(`${name}_cpu_p95_ms`, percentile(cpu, 95), 'ms');
  };
  const three = Array.from({ length: QUERIES }, () => (rand() < 0.5 ? pick(words3) : pick(english)));
  const two = Array.from({ length: QUERIES }, () => pick(words2));
  await timed(three.slice(0, 20)); // warm-up
  loadFigure('search_load');
  report('search3', await timed(three));
  report('search2', await timed(two));
  report('search2_rare_pair', await timed(Array.from({ length: 50 }, () => pick(surnames) + pick(given))));
  // the screen's totals (capped at 10,000) and the next page "More" reads
  report('search_count3', await timed(three.slice(0, 100), 'search.count'));
  report('search_count2', await timed(two.slice(0, 100), 'search.count'));
  report('search_more', await timed(three.slice(0, 100), 'search.query', 50));

  const lists: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = process.hrtime.bigint();
    const r = await core.dispatch('complaints.list', { view: i % 2 ? 'open' : 'mine', offset: i % 4 < 2 ? 0 : Math.floor(rand() * 100_000), limit: 200 });
    lists.push(ms(t));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  figure('complaint_list_page_p95_ms', percentile(lists, 95), 'ms');

  const writes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = await core.dispatch('calls.start', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const t = process.hrtime.bigint();
    const saved = await core.dispatch('calls.update', {
      id: (started.value as { id: string }).id,
      fields: { callerName: pick(surnames) + pick(given), subject: sentence(), details: sentence() },
    });
    writes.push(ms(t));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  }
  figure('search_write_p95_ms', percentile(writes, 95), 'ms');

  core.close();

  // The notes go to a copy: the kept file would gain a complaint of 499 long notes per run, and
  // every later search walks them. Past 4 GB (a team's file) the copy is of the 100,000-call file.
  const source = bytes < 4e9 ? { file, benchAgentId: agentId } : benchDatabase(100_000);
  const notesDir = mkdtempSync(join(tmpdir(), 'cc-bench-notes-'));
  const notesFile = join(notesDir, 'notes.db');
  copyFileSync(source.file, notesFile);
  const notesCore = await settled(startCore({ dbFile: notesFile, transport: 'browser', version: 'bench', clock: offsetClock(0), backupKeep: 0 }));
  const notesSignIn = await notesCore.dispatch('session.signIn', { agentId: source.benchAgentId });
  if (!notesSignIn.ok) throw new Error(JSON.stringify(notesSignIn.error));
  const created = await notesCore.dispatch('complaints.create', {
    customerName: '张伟',
    phone: '13800138000',
    matter: '退款申请 refund requested twice',
    category: 'service',
    nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const id = (created.value as { complaint: { id: string } }).complaint.id;
  // long notes (5,000 characters, the most a note takes), sent as the complaint screen sends them
  // (with its timeline mark): each action indexes only its own entry and answers with only that
  // entry, so the 499th costs what the 1st did
  const opened = await notesCore.dispatch('complaints.get', { id });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  let since = (opened.value as { cursor: number }).cursor;
  const noteTimes: number[] = [];
  const noteCpu: number[] = [];
  const answerBytes: number[] = [];
  // an agent's autosave arriving while a note is written waits for it (one service thread)
  const autosaves: number[] = [];
  const draft = await notesCore.dispatch('calls.start', {});
  if (!draft.ok) throw new Error(JSON.stringify(draft.error));
  const draftId = (draft.value as { id: string }).id;
  for (let i = 1; i < 500; i++) {
    let text = `第 ${i} 次跟进：`;
    while (text.length < 4_900) text += `${sentence()}，`;
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const note = notesCore.dispatch('complaints.note', { id, since, text: text.slice(0, 5_000) });
    const save = i % 10 === 0 ? notesCore.dispatch('calls.update', { id: draftId, fields: { details: `${sentence()} ${i}` } }) : null;
    const r = await note;
    noteTimes.push(ms(t));
    if (!save) noteCpu.push(cpuMs(c));
    if (save) {
      const saved = await save;
      autosaves.push(ms(t));
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    }
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    since = (r.value as { cursor: number }).cursor;
    answerBytes.push(JSON.stringify(r.value).length);
  }
  figure(
    'complaint_note_p95_ms',
    percentile(noteTimes, 95),
    `ms (notes 1–499 of 5,000 characters; the last 50: p95 ${percentile(noteTimes.slice(-50), 95).toFixed(1)} ms)`,
  );
  figure('complaint_note_cpu_p95_ms', percentile(noteCpu, 95), 'ms (CPU time of the same notes, without the autosave ones)');
  figure('complaint_note_answer_kb', Math.max(...answerBytes) / 1024, 'KiB (largest answer of a note action, as JSON)', 1);
  figure('autosave_behind_note_p95_ms', percentile(autosaves, 95), 'ms (calls.update sent while a long note is written; 50 saves)');
  const hits = await notesCore.dispatch('search.query', { q: '第 1 次跟进', limit: 50 });
  if (!hits.ok || !(hits.value as { id: string }[]).some((h) => h.id === id)) throw new Error('the first note does not find its complaint');
  const opens: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint();
    const r = await notesCore.dispatch('complaints.get', { id });
    opens.push(ms(t));
    if (!r.ok || (r.value as { events: unknown[] }).events.length !== 500) throw new Error('complaint did not open with 500 events');
  }
  figure('complaint_open_ms', percentile(opens, 95), 'ms');
  notesCore.close();
  rmSync(notesDir, { recursive: true, force: true });
}

void main();
