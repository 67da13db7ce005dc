// Rows with the text that breaks naive exports, inserted with exact timestamps.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../electron/core/db/open';
import { newId } from '../../electron/core/ids';
import { normalisePhone } from '../../shared/domain/phone';

export interface TestCall {
  createdAt: string;
  callerName?: string;
  phone?: string;
  region?: string;
  address?: string;
  category?: string;
  subject?: string;
  details?: string;
  wants?: string;
  nextStep?: string;
  status?: 'open' | 'completed' | 'discarded';
  answeredAfterS?: number | null;
  endedAfterS?: number | null;
}

export function insertCall(db: Db, c: TestCall): string {
  const id = newId();
  const created = Date.parse(c.createdAt);
  const answered = c.answeredAfterS === null ? null : new Date(created + (c.answeredAfterS ?? 5) * 1000).toISOString();
  const ended = c.endedAfterS == null || answered === null ? null : new Date(Date.parse(answered) + c.endedAfterS * 1000).toISOString();
  db.prepare(
    `INSERT INTO calls (id, direction, status, agent_name, caller_name, phone, phone_norm, region, address, category, subject,
       details, wants, next_step, rang_at, answered_at, ended_at, created_at, updated_at)
     VALUES (?, 'inbound', ?, '王芳', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    c.status ?? 'completed',
    c.callerName ?? '',
    c.phone ?? '',
    normalisePhone(c.phone ?? ''),
    c.region ?? '',
    c.address ?? '',
    c.category ?? '',
    c.subject ?? '',
    c.details ?? '',
    c.wants ?? '',
    c.nextStep ?? '',
    c.createdAt,
    answered,
    ended,
    c.createdAt,
    c.createdAt,
  );
  return id;
}

/** Text a spreadsheet could misread: formulas, quotes, commas, line breaks, Chinese, NUL. */
export const trickyCalls: TestCall[] = [
  { createdAt: '2026-10-01T01:00:00.000Z', callerName: '张伟', phone: '+86 138-0013-8000', region: '浙江杭州', category: '发票', subject: '发票 invoice, "October"', details: '第一行\n第二行, with a comma\r\n第三行 "quoted"' },
  { createdAt: '2026-10-05T02:00:00.000Z', callerName: '=HYPERLINK("http://x.invalid","a")', phone: '=1+1', category: 'Billing', subject: '+SUM(A1:A2)', details: '-2+3', wants: '@cmd', nextStep: '\tTabbed' },
  { createdAt: '2026-10-09T03:00:00.000Z', callerName: "Maria O'Brien", phone: '-138 0013 8000', subject: '\rCR first', details: '\nLF first', wants: '\u0000NUL first', nextStep: 'ends with NUL\u0000 and a _x0041_ literal' },
  { createdAt: '2026-10-31T15:30:00.000Z', callerName: '欧阳子涵', phone: '0571-8888 1234', region: 'Hong Kong', category: '发票', subject: '23:30 local on the 31st', details: 'x'.repeat(20_000) },
  { createdAt: '2026-10-20T04:00:00.000Z', callerName: '  two spaces around  ', phone: '', subject: 'ends with a line break\n', details: '', status: 'open', answeredAfterS: null },
];

export function tempFolder(prefix = 'cc-export-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** every name in a folder, including hidden temporary files */
export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}
