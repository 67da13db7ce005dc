// Team exports say what they cover: the server position applied here, when this workstation last
// heard from the server, and which workstations have been quiet for a day (their records may be missing).
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../../electron/core/db/open';
import { runExport, type ExportRequest } from '../../../../../electron/core/exports/run';
import { resolvePeriod } from '../../../../../shared/domain/period';
import { tempFolder } from '../../../../helpers/exports';
import { parseCsv } from '../../../../helpers/csv';

// real PostgreSQL on a shared 2-core machine: allow for a slow moment
vi.setConfig({ testTimeout: 60_000 });

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const now = () => new Date('2026-12-01T10:00:00.000Z');
const request = (folder: string, language: ExportRequest['language'] = 'en'): ExportRequest => ({
  period: resolvePeriod({ month: '2026-11' }),
  format: 'xlsx',
  folder,
  language,
  actor: { agentId: null, name: 'Lead' },
});

async function summary(folder: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(folder, 'call-console-2026-11.xlsx'));
  return book.worksheets[0]!.getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1).map(String));
}

test('without team mode the summary says nothing about a team', async () => {
  const folder = tempFolder();
  await runExport(db, request(folder), { now });
  expect(JSON.stringify(await summary(folder))).not.toMatch(/team|Warning/i);
});

test('in team mode: the position covered, the last receipt, and the workstations that have not synced for a day', async () => {
  db.prepare(
    `UPDATE sync_state SET mode = 1, workstation = 'desk_a', epoch = 'abcdef0123', cursor_xid = '812', cursor_pos = 4410, last_pull_at = '2026-12-01T09:58:00.000Z'`,
  ).run();
  db.prepare(
    `INSERT INTO sync_workstations (workstation, last_seen) VALUES ('desk_a', '2026-12-01T09:58:00.000Z'), ('desk_b', '2026-11-30T09:40:00.000Z'), ('desk_c', '2026-11-29T17:40:00.000Z'), ('desk_d', '2026-12-01T08:00:00.000Z')`,
  ).run();
  const folder = tempFolder();
  await runExport(db, request(folder), { now });
  const rows = await summary(folder);
  expect(rows).toContainEqual(['Team server position applied', 'abcdef01/812/4410']);
  const warnings = rows.filter((r) => r[0] === 'Warning').map((r) => r[1]);
  expect(warnings).toEqual([expect.stringMatching(/^2 workstation\(s\) have not synced since .*\(desk_c, desk_b\)/)]);

  // this workstation itself behind: said as well (and in Chinese)
  db.prepare(`UPDATE sync_state SET last_pull_at = '2026-12-01T07:00:00.000Z'`).run();
  const zh = tempFolder();
  await runExport(db, request(zh, 'zh-CN'), { now });
  const zhRows = await summary(zh);
  expect(zhRows.filter((r) => r[0] === '警告').map((r) => r[1])).toEqual([expect.stringContaining('超过一小时'), expect.stringContaining('2 个工作站')]);
});

test('CSV in team mode: a coverage file beside the data files says the same; the data files are unchanged; without team mode there is none', async () => {
  const alone = tempFolder();
  await runExport(db, { ...request(alone), format: 'csv' }, { now });
  expect(readdirSync(alone).some((f) => f.startsWith('coverage'))).toBe(false);

  db.prepare(
    `UPDATE sync_state SET mode = 1, workstation = 'desk_a', epoch = 'abcdef0123', cursor_xid = '812', cursor_pos = 4410, last_pull_at = '2026-12-01T09:58:00.000Z'`,
  ).run();
  db.prepare(
    `INSERT INTO sync_workstations (workstation, last_seen) VALUES ('desk_a', '2026-12-01T09:58:00.000Z'), ('desk_c', '2026-11-29T17:40:00.000Z')`,
  ).run();
  const folder = tempFolder();
  const outcome = await runExport(db, { ...request(folder), format: 'csv' }, { now });
  expect(outcome.files).toContain('coverage-2026-11.csv');
  // the data files are the same as without team mode (machine readers see no extra line)
  for (const f of readdirSync(alone)) expect(readFileSync(join(folder, f), 'utf8')).toBe(readFileSync(join(alone, f), 'utf8'));
  const rows = parseCsv(readFileSync(join(folder, 'coverage-2026-11.csv'), 'utf8').replace(/^\uFEFF/, ''));
  expect(rows[0]).toEqual(['Item', 'Value']);
  expect(rows).toContainEqual(['Team server position applied', 'abcdef01/812/4410']);
  expect(rows).toContainEqual(['Warning', expect.stringMatching(/^1 workstation\(s\) have not synced since .*\(desk_c\)/)]);
  expect(rows).toContainEqual(['Total rows', '0']);
});
