// The CLI as IT runs it: `node dist/node/cli.js …` in a child process, checking exit codes,
// messages and files. (The bundle is rebuilt first: vitest runs before `npm run build`.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../../../../electron/core/db/open';
import { fillDemoData } from '../../../../../electron/core/db/demo-data';
import { runExport } from '../../../../../electron/core/exports/run';
import { resolvePeriod } from '../../../../../shared/domain/period';
import { parseCsv } from '../../../../helpers/csv';
import { filesIn, tempFolder } from '../../../../helpers/exports';

// Child processes and whole exports: this 2-core machine is shared, so allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

const root = resolve(__dirname, '../../../../..');
const cliJs = join(root, 'dist/node/cli.js');

beforeAll(() => {
  execFileSync(process.execPath, ['build/scripts/bundle.mjs', '--quiet'], { cwd: root });
}, 60_000);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliJs, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('demo-data creates exactly N calls; an all-time export yields exactly N call rows', () => {
  const dir = tempFolder('cc-cli-');
  const db = join(dir, 'demo.db');
  const made = cli('demo-data', '--db', db, '--calls', '1234', '--month', '2026-10');
  expect(made).toMatchObject({ code: 0 });
  expect(made.out).toMatch(/added 1234 calls, (\d+) complaints, (\d+) callbacks/);
  const [, complaints, callbacks] = /added 1234 calls, (\d+) complaints, (\d+) callbacks/.exec(made.out)!;
  expect(Number(complaints)).toBeGreaterThan(0);
  expect(Number(callbacks)).toBeGreaterThan(0);
  const out = join(dir, 'out');
  const exported = cli('export', '--db', db, '--all', '--format', 'csv', '--out', out);
  expect(exported.code).toBe(0);
  expect(exported.out).toContain('calls: 1234 rows');
  const [, ...rows] = parseCsv(readFileSync(join(out, 'calls-all.csv'), 'utf8').slice(1));
  expect(rows).toHaveLength(1234);
  expect(exported.out).toContain(`complaints: ${complaints} rows`);
  expect(exported.out).toContain(`callbacks: ${callbacks} rows`);
  const [, ...complaintRows] = parseCsv(readFileSync(join(out, 'complaints-all.csv'), 'utf8').slice(1));
  expect(complaintRows).toHaveLength(Number(complaints));
  const month = cli('export', '--db', db, '--month', '2026-10', '--format', 'xlsx', '--out', out, '--lang', 'zh-CN');
  expect(month.code).toBe(0);
  expect(month.out).toContain('calls: 1234 rows');
  expect(filesIn(out)).toEqual([
    'call-console-2026-10.xlsx',
    'callbacks-all.csv',
    'calls-all.csv',
    'complaint_events-all.csv',
    'complaints-all.csv',
    'customers-all.csv',
    'phone_calls-all.csv',
  ]);
  const report = cli('export', '--db', db, '--from', '2026-10-01', '--to', '2026-10-07', '--format', 'report', '--out', out);
  expect(report.code).toBe(0);
  expect(readFileSync(join(out, 'service-report-2026-10-01_2026-10-07.html'), 'utf8')).toContain('<svg');
  // the periods the policy names: the agent's day (R4), the week (R3), the quarter (R1)
  const quarter = cli('export', '--db', db, '--quarter', '2026-Q4', '--format', 'report', '--out', out, '--lang', 'zh-CN');
  expect(quarter.code).toBe(0);
  expect(quarter.out).toContain('calls: 1234 rows');
  const quarterly = readFileSync(join(out, 'service-report-2026-Q4.html'), 'utf8');
  expect(quarterly).toContain('季度服务监督报告');
  expect(quarterly).toContain('定时导出'); // signed by the scheduled export, not cli:<user>
  expect(quarterly).not.toContain('cli:');
  expect(cli('export', '--db', db, '--week', '2026-W41', '--format', 'csv', '--out', out).code).toBe(0);
  expect(filesIn(out)).toContain('calls-2026-W41.csv');
  expect(cli('export', '--db', db, '--day', '2026-10-05', '--format', 'csv', '--out', out).code).toBe(0);
  expect(filesIn(out)).toContain('calls-2026-10-05.csv');
  const check = cli('check', '--db', db);
  expect(check.code).toBe(0);
  expect(check.out).toContain('integrity_check: ok');
  expect(check.out).toContain('calls: 1234 rows');
  expect(check.out).toContain(`complaints: ${complaints} rows`);
  expect(check.out).toContain('exports_log: 6 rows');
}, 240_000); // eleven exports in child processes on a shared 2-core machine

test.each([
  [[], 2, /usage/],
  [['frobnicate'], 2, /unknown command "frobnicate"/],
  [['export', '--db', 'x.db', '--month', '2026-13', '--format', 'csv', '--out', 'o'], 2, /month must look like 2026-10/],
  [['export', '--db', 'x.db', '--month', 'October', '--format', 'csv', '--out', 'o'], 2, /month must look like 2026-10/],
  [['export', '--db', 'x.db', '--month', '2026-10', '--from', '2026-10-01', '--to', '2026-10-02', '--format', 'csv', '--out', 'o'], 2, /exactly one period/],
  [['export', '--db', 'x.db', '--from', '2026-10-01', '--format', 'csv', '--out', 'o'], 2, /--from and --to go together/],
  [['export', '--db', 'x.db', '--month', '2026-10', '--format', 'docx', '--out', 'o'], 2, /--format must be xlsx, csv, report or pdf/],
  // plain Node has no Chromium to print with: the message names the installed app and the HTML page
  [['export', '--db', 'x.db', '--month', '2026-10', '--format', 'pdf', '--out', 'o'], 2, /--format pdf needs the installed app.*--cli export.*--format report/],
  [['export', '--db', 'x.db', '--month', '2026-10', '--format', 'csv'], 2, /--out <dir> is required/],
  [['export', '--month', '2026-10', '--format', 'csv', '--out', 'o'], 2, /--db <file> is required/],
  [['export', '--db', 'x.db', '--mnth', '2026-10'], 2, /Unknown option '--mnth'/],
  [['demo-data', '--db', 'x.db', '--calls', 'many'], 2, /--calls must be a whole number/],
  [['export', '--db', 'x.db', '--quarter', '2026-Q5', '--format', 'csv', '--out', 'o'], 2, /quarter must look like 2026-Q4/],
  [['export', '--db', 'x.db', '--week', '2026-47', '--format', 'csv', '--out', 'o'], 2, /week must look like 2026-W47/],
  [['export', '--db', 'x.db', '--day', '2026-02-30', '--format', 'csv', '--out', 'o'], 2, /day must look like/],
  [['export', '--db', 'x.db', '--day', '2026-10-01', '--quarter', '2026-Q4', '--format', 'csv', '--out', 'o'], 2, /exactly one period/],
] as const)('usage error %j exits %i', (args, code, message) => {
  const r = cli(...args);
  expect(r.code).toBe(code);
  expect(r.err).toMatch(message);
});

test('a missing database is a failure (exit 1) and is not created', () => {
  const dir = tempFolder('cc-cli-');
  const db = join(dir, 'nothing-here.db');
  const r = cli('export', '--db', db, '--month', '2026-10', '--format', 'csv', '--out', join(dir, 'out'));
  expect(r.code).toBe(1);
  expect(r.err).toContain(`No database at ${db}`);
  expect(existsSync(db)).toBe(false);
  expect(existsSync(join(dir, 'out'))).toBe(false);
  expect(cli('check', '--db', db).code).toBe(1);
  expect(existsSync(db)).toBe(false);
});

test('a corrupt database is a failure (exit 1) naming the problem', () => {
  const dir = tempFolder('cc-cli-');
  const db = join(dir, 'broken.db');
  writeFileSync(db, 'this is not a database at all, just text. '.repeat(200));
  const r = cli('export', '--db', db, '--month', '2026-10', '--format', 'csv', '--out', join(dir, 'out'));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/db_corrupt/);
  expect(cli('check', '--db', db)).toMatchObject({ code: 1, err: expect.stringMatching(/db_corrupt/) });
});

test('an unwritable output folder is a failure (exit 1) naming the folder', () => {
  const dir = tempFolder('cc-cli-');
  const db = join(dir, 'demo.db');
  expect(cli('demo-data', '--db', db, '--calls', '10').code).toBe(0);
  writeFileSync(join(dir, 'file'), 'x');
  const r = cli('export', '--db', db, '--all', '--format', 'csv', '--out', join(dir, 'file', 'out'));
  expect(r.code).toBe(1);
  expect(r.err).toContain(`io): Cannot write into the folder ${join(dir, 'file', 'out')}`);
});

test('demo data carries what breaks naive exports, and is deterministic for a seed', async () => {
  const a = openDatabase(':memory:');
  const b = openDatabase(':memory:');
  const options = { calls: 300, from: new Date('2026-10-01T00:00:00+08:00'), to: new Date('2026-11-01T00:00:00+08:00'), seed: 7 };
  expect(fillDemoData(a, options)).toMatchObject({ calls: 300 });
  fillDemoData(b, options);
  const text = a.prepare("SELECT group_concat(caller_name || subject || details || wants, '|') FROM calls").pluck().get() as string;
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).toMatch(/[A-Za-z]{3}/);
  expect(text).toContain('\n');
  expect(text).toContain('"');
  expect(text).toContain(',');
  expect(text).toMatch(/(^|\|)=|\|[=+\-@]/);
  const strip = (db: typeof a) => db.prepare('SELECT caller_name, phone, details, created_at FROM calls ORDER BY created_at').raw().all();
  expect(strip(a)).toEqual(strip(b));
  const outcome = await runExport(
    a,
    { period: resolvePeriod({ month: '2026-10' }), format: 'csv', folder: tempFolder(), language: 'en', actor: { agentId: null, name: 't' } },
    { now: () => new Date() },
  );
  expect(outcome.counts.calls).toBe(300);
  a.close();
  b.close();
});
