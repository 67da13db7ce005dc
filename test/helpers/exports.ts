// Rows with the text that breaks naive exports, inserted with exact timestamps.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../electron/core/db/open';
import { newId } from '../../electron/core/infra/ids';
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
  {
    createdAt: '2026-10-01T01:00:00.000Z',
    callerName: '张伟',
    phone: '+86 138-0013-8000',
    region: '浙江杭州',
    category: '发票',
    subject: '发票 invoice, "October"',
    details: '第一行\n第二行, with a comma\r\n第三行 "quoted"',
  },
  {
    createdAt: '2026-10-05T02:00:00.000Z',
    callerName: '=HYPERLINK("http://x.invalid","a")',
    phone: '=1+1',
    category: 'Billing',
    subject: '+SUM(A1:A2)',
    details: '-2+3',
    wants: '@cmd',
    nextStep: '\tTabbed',
  },
  {
    createdAt: '2026-10-09T03:00:00.000Z',
    callerName: "Maria O'Brien",
    phone: '-138 0013 8000',
    subject: '\rCR first',
    details: '\nLF first',
    wants: '\u0000NUL first',
    nextStep: 'ends with NUL\u0000 and a _x0041_ literal',
  },
  {
    createdAt: '2026-10-31T15:30:00.000Z',
    callerName: '欧阳子涵',
    phone: '0571-8888 1234',
    region: 'Hong Kong',
    category: '发票',
    subject: '23:30 local on the 31st',
    details: 'x'.repeat(20_000),
  },
  {
    createdAt: '2026-10-20T04:00:00.000Z',
    callerName: '  two spaces around  ',
    phone: '',
    subject: 'ends with a line break\n',
    details: '',
    status: 'open',
    answeredAfterS: null,
  },
];

export function tempFolder(prefix = 'cc-export-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** every name in a folder, including hidden temporary files */
export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}

// ------------------------------------------------------------ complaints, timelines, callbacks

export const TEST_AGENT_ID = '01930000-0000-7000-8000-00000000a001';

export function ensureAgent(db: Db): string {
  db.prepare("INSERT OR IGNORE INTO agents (id, name, role, created_at) VALUES (?, '王芳', 'agent', '2026-01-01T00:00:00.000Z')").run(TEST_AGENT_ID);
  return TEST_AGENT_ID;
}

export interface TestComplaint {
  number: string;
  createdAt: string;
  matter: string;
  wants?: string;
  customerName?: string;
  phone?: string;
  category?: 'service' | 'product' | 'fault';
  severity?: 'normal' | 'major';
  status?: 'new' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'closed';
  nextReplyDue?: string | null;
  result?: string;
  faultSymptom?: string;
  resolvedAt?: string | null;
  closedAt?: string | null;
  /** timeline after the 'created' event: kind + data, at = createdAt + i minutes */
  events?: { kind: string; data: Record<string, unknown>; at?: string }[];
}

/** A complaint and its timeline, written directly (exact timestamps, any text). */
export function insertComplaint(db: Db, c: TestComplaint): string {
  const owner = ensureAgent(db);
  const id = newId();
  const status = c.status ?? 'new';
  const due = c.nextReplyDue === undefined ? new Date(Date.parse(c.createdAt) + 86_400_000).toISOString() : c.nextReplyDue;
  const events = [
    {
      kind: 'created',
      at: c.createdAt,
      data: {
        number: c.number,
        matter: c.matter,
        wants: c.wants ?? '',
        category: c.category ?? 'service',
        severity: c.severity ?? 'normal',
        ownerName: '王芳',
        nextReplyDue: due,
      },
    },
    ...(c.events ?? []).map((e, i) => ({ ...e, at: e.at ?? new Date(Date.parse(c.createdAt) + (i + 1) * 60_000).toISOString() })),
  ];
  const [month, seq] = [c.number.slice(3, 9), Number(c.number.slice(-4))];
  db.prepare(
    `INSERT INTO complaints (id, number, month, seq, customer_name, phone, phone_norm, matter, wants, category, severity, fault_symptom,
       status, owner_id, owner_name, next_reply_due, result, escalated, replied_since_opened, event_count, created_at, created_by_name,
       updated_at, resolved_at, closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '王芳', ?, ?, ?, ?, ?, ?, '王芳', ?, ?, ?)`,
  ).run(
    id,
    c.number,
    month,
    seq,
    c.customerName ?? '',
    c.phone ?? '',
    normalisePhone(c.phone ?? ''),
    c.matter,
    c.wants ?? '',
    c.category ?? 'service',
    c.severity ?? 'normal',
    c.faultSymptom ?? '',
    status,
    owner,
    due,
    c.result ?? '',
    events.some((e) => e.kind === 'escalation') ? 1 : 0,
    status === 'closed' ? 1 : 0,
    events.length,
    c.createdAt,
    events[events.length - 1]!.at,
    c.resolvedAt ?? null,
    c.closedAt ?? null,
  );
  const insert = db.prepare('INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_id, agent_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  events.forEach((e, i) => insert.run(newId(), id, i + 1, e.kind, e.at, owner, '王芳', JSON.stringify(e.data)));
  return id;
}

export interface TestCallback {
  createdAt: string;
  dueAt: string;
  reason: string;
  customerName?: string;
  phone?: string;
  status?: 'pending' | 'done' | 'cancelled';
  doneAt?: string | null;
  result?: string;
  satisfaction?: number | null;
}

export function insertCallback(db: Db, c: TestCallback): string {
  const id = newId();
  const phone = c.phone ?? '138 0013 8000';
  db.prepare(
    `INSERT INTO callbacks (id, customer_name, phone, phone_norm, reason, due_at, status, result, satisfaction, created_at, done_at, done_by_name, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    c.customerName ?? '',
    phone,
    normalisePhone(phone),
    c.reason,
    c.dueAt,
    c.status ?? 'pending',
    c.result ?? '',
    c.satisfaction ?? null,
    c.createdAt,
    c.doneAt ?? null,
    c.doneAt ? '王芳' : '',
    c.createdAt,
  );
  return id;
}

/** Complaints whose text breaks naive exports; the second one starts with "=", a note with "@". */
export const trickyComplaints: TestComplaint[] = [
  {
    number: 'TS-202610-0001',
    createdAt: '2026-10-02T02:00:00.000Z',
    customerName: '张伟',
    phone: '+86 138-0013-8000',
    matter: '热水器漏水，第一行\n第二行, "quoted", with a comma',
    wants: '上门维修',
    category: 'fault',
    faultSymptom: '-漏水 leaking',
    status: 'in_progress',
    events: [
      { kind: 'note', data: { text: '@王经理 请跟进\r\n第二行 "引号", 逗号' } },
      { kind: 'reply', data: { how: 'phone', at: '2026-10-02T03:00:00.000Z', text: '+已电话告知 plan' } },
      { kind: 'status', data: { from: 'new', to: 'in_progress', reason: '' } },
    ],
  },
  {
    number: 'TS-202610-0002',
    createdAt: '2026-10-31T15:30:00.000Z', // 23:30 local on 31 October (Shanghai)
    customerName: '=HYPERLINK("http://x.invalid","a")',
    phone: '=1+1',
    matter: '=SUM(A1:A9) 投诉 billing',
    severity: 'major',
    events: [{ kind: 'escalation', data: { to: '李主管', at: '2026-10-31T15:31:00.000Z', text: '重大投诉 ' + 'y'.repeat(5_000) } }],
  },
];

export const trickyCallbacks: TestCallback[] = [
  {
    createdAt: '2026-10-03T01:00:00.000Z',
    dueAt: '2026-10-10T01:00:00.000Z',
    reason: '产品回访, "first month"\n第二行',
    customerName: '李娜',
    status: 'done',
    doneAt: '2026-10-10T02:00:00.000Z',
    result: '@满意 satisfied',
    satisfaction: 5,
  },
  { createdAt: '2026-10-31T15:45:00.000Z', dueAt: '2026-11-05T01:00:00.000Z', reason: '=quarterly 季度回访', phone: '-0571 8888 1234' },
];
