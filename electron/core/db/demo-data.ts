// `demo-data --db <file> --calls <n>`: a database that looks like a real month in a mixed
// Chinese/English call centre, for demos and benchmarks. Deterministic (seeded), bulk-inserted in
// transactions, exactly `calls` calls. The text deliberately carries what breaks naive exports:
// commas, quotes, line breaks, tabs, and cells that start like formulas.
import type { Db } from './open';
import { newId } from '../infra/ids';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { complaintNumber, localMonthKey } from '../../../shared/domain/complaint-workflow';

export interface DemoOptions {
  calls: number;
  /** calls are spread over [from, to); default: the 60 days before `now` */
  from?: Date;
  to?: Date;
  now?: Date;
  seed?: number;
}

export interface DemoResult {
  calls: number;
  complaints: number;
  callbacks: number;
  customers: number;
  agents: number;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '欧阳', '司马'];
const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '晓明', '子涵'];
const firstNames = ['Maria', 'John', 'Wei', 'Aisha', "O'Brien", 'Li Na', 'Tom', 'Priya', 'Chen', 'Sarah'];
const lastNames = ['Lopez', 'Smith', 'Zhang', 'Khan', 'Wong', 'Müller', 'Tan', 'Garcia', 'Lee', 'Nguyen'];
const regions = ['浙江杭州', '广东深圳', '北京', '上海', '四川成都', '江苏南京', 'Hong Kong', 'Singapore', '湖北武汉', '福建厦门', ''];
const streets = [
  '西湖区文三路 90 号 3 幢 502',
  '南山区科技园, 深南大道 9988 号',
  '朝阳区建国路 88 号 "SOHO" 2-1203',
  "12 Queen's Road, Central",
  '浦东新区世纪大道 100 号\n环球金融中心 35F',
  '天府大道北段 1700 号',
];
const categories = ['咨询', '售后', '发票', '安装', '投诉', '其他', 'Billing', ''];
const subjects = [
  '发票 invoice for October',
  '退款进度',
  '物流延迟, 包裹未到',
  '安装预约',
  'Password reset',
  '"Premium" plan upgrade',
  '=SUM(A1:A9) 报价单',
  '+86 hotline not reachable',
  '-- 无法登录 --',
  '@support 转人工',
  '设备故障报告',
  'Warranty, "extended"',
];
const detailParts = [
  '客户询问十月份发票的寄送进度，并希望改为电子发票。',
  'Customer asks for an e-invoice instead, "as soon as possible".',
  '客户说："上次已经打过电话了"，要求今天回复。',
  'Line 1 of the note\nLine 2, with a comma\r\nLine 3',
  '=HYPERLINK("http://example.invalid","click")',
  '+1 (415) 555-0100 called twice',
  '-5% discount requested; 需主管审批',
  '@张伟 please follow up',
  '\tindented with a tab',
  '设备型号 X-200，序列号 SN-2026-0042，故障现象：无法开机。',
  'Refund of ¥1,299.00 — 已核实订单',
  '物流单号 SF1234567890，"顺丰"显示已签收，但客户未收到。',
];
const wantsList = ['尽快回电', 'A refund, "in full"', '更换设备', '电子发票', 'Call back after 18:00', '', '=1+1'];
const nextSteps = ['转售后主管', 'Send e-invoice', '预约上门安装', '', '-回访-', '等待物流核实, then call back'];
const agentNames = ['王芳', '李强', 'Maria Lopez', '陈晓明', 'John Smith', '赵敏'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function personName(r: () => number): string {
  const x = r();
  if (x < 0.6) return pick(r, surnames) + pick(r, given);
  if (x < 0.95) return `${pick(r, firstNames)} ${pick(r, lastNames)}`;
  return '';
}

/** A unique number per customer index, typed in one of the ways people really type it. */
function phoneFor(r: () => number, index: number): string {
  const digits = String(index).padStart(8, '0');
  const style = r();
  if (style < 0.35) return `13${8 + (index % 2)} ${digits.slice(0, 4)} ${digits.slice(4)}`;
  if (style < 0.6) return `+86 13${8 + (index % 2)}-${digits.slice(0, 4)}-${digits.slice(4)}`;
  if (style < 0.8) return `0571-${digits}`;
  if (style < 0.9) return `(+852) 9${digits.slice(1, 4)} ${digits.slice(4)}`;
  return `+1 415 ${digits.slice(2, 5)} ${digits.slice(5)}`;
}

export function fillDemoData(db: Db, options: DemoOptions): DemoResult {
  const r = rng(options.seed ?? 20261001);
  // one reading per customer's number, not one per call (a million calls are a few thousand numbers)
  const region = phoneRegion(db);
  const norms = new Map<string, string>();
  const normOf = (phone: string): string => {
    let norm = norms.get(phone);
    if (norm === undefined) norms.set(phone, (norm = normalisePhone(phone, region)));
    return norm;
  };
  const now = options.now ?? new Date();
  const to = options.to ?? now;
  const from = options.from ?? new Date(to.getTime() - 60 * 86_400_000);
  const span = Math.max(1, to.getTime() - from.getTime());
  const n = options.calls;

  // Agents (reuse the ones that exist by name).
  const agentIds: { id: string; name: string }[] = [];
  const findAgent = db.prepare('SELECT id FROM agents WHERE name = ?').pluck();
  const addAgent = db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, 'agent', ?)");
  db.transaction(() => {
    for (const name of agentNames) {
      let id = findAgent.get(name) as string | undefined;
      if (!id) addAgent.run((id = newId()), name, from.toISOString());
      agentIds.push({ id, name });
    }
  })();

  // Calls, in time order; about three calls per customer.
  const customerCount = Math.max(1, Math.ceil(n / 3));
  const existingCustomers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  const customers = new Map<number, { id: string; phone: string; name: string; region: string; address: string }>();
  // Mostly office hours (local time), some early and late calls.
  const officeHours = (ms: number): number => {
    const d = new Date(ms);
    const hour = d.getHours();
    if ((hour >= 8 && hour < 21) || r() < 0.1) return ms;
    d.setHours(9 + Math.floor(r() * 10), Math.floor(r() * 60), Math.floor(r() * 60));
    const moved = d.getTime();
    return moved >= from.getTime() && moved < to.getTime() ? moved : ms;
  };
  const times = Array.from({ length: n }, () => officeHours(from.getTime() + Math.floor(r() * span))).sort((a, b) => a - b);

  const insertCall = db.prepare(
    `INSERT INTO calls (id, direction, status, agent_id, agent_name, customer_id, caller_name, phone, phone_norm, region, address,
       category, subject, details, wants, next_step, rang_at, answered_at, ended_at, wrapped_at, created_at, updated_at,
       late_answer, checklist, disposition_id, script_version_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCustomer = db
    .prepare(
      `INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (phone_norm) DO UPDATE SET updated_at = updated_at RETURNING id`,
    )
    .pluck();
  const iso = (ms: number) => new Date(ms).toISOString();
  // The call workspace's part (migration 0020/0021): outcome, script version, checklist ticks.
  const dispositions = db.prepare('SELECT id FROM dispositions WHERE active = 1 ORDER BY sort').pluck().all() as string[];
  const scriptVersion =
    (db.prepare("SELECT id FROM script_versions WHERE language = 'zh-CN' ORDER BY version DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
  const tickChance: [string, number][] = [
    ['greeted', 0.97],
    ['identified', 0.93],
    ['confirmed', 0.86],
    ['handled', 0.95],
    ['thanked', 0.9],
    ['hungUpFirst', 0.8],
  ];
  const checklistFor = (answered: number, ended: number): string => {
    const ticks: Record<string, string> = {};
    tickChance.forEach(([key, chance], i) => {
      if (r() < chance) ticks[key] = iso(answered + Math.floor(((ended - answered) * (i + 1)) / (tickChance.length + 1)));
    });
    return JSON.stringify(ticks);
  };
  const completedCalls: { id: string; at: number; agent: { id: string; name: string }; customer: { id: string; phone: string; name: string } }[] = [];
  const CHUNK = 10_000;
  for (let start = 0; start < n; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(n, start + CHUNK); i++) {
        const rang = times[i]!;
        const index = existingCustomers + Math.floor(r() * customerCount);
        let customer = customers.get(index);
        if (!customer) {
          const phone = phoneFor(r, index);
          customer = { id: newId(), phone, name: personName(r), region: pick(r, regions), address: pick(r, streets) };
          // O4: the card is created by the customer's first call
          customer.id = insertCustomer.get(customer.id, phone, normOf(phone), customer.name, customer.region, customer.address, iso(rang), iso(rang)) as string;
          customers.set(index, customer);
        }
        const agent = pick(r, agentIds);
        const statusRoll = r();
        const status = statusRoll < 0.9 ? 'completed' : statusRoll < 0.97 ? 'open' : 'discarded';
        const answered = rang + Math.floor(2_000 + r() * 38_000);
        const ended = status === 'open' ? null : answered + Math.floor(30_000 + r() * 870_000);
        const wrapped = status === 'completed' && ended !== null ? ended + Math.floor(10_000 + r() * 110_000) : null;
        const details = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, detailParts)).join(' ');
        const callId = newId();
        const done = status === 'completed' && ended !== null;
        if (done && completedCalls.length < n) completedCalls.push({ id: callId, at: wrapped ?? ended, agent, customer });
        insertCall.run(
          callId,
          r() < 0.85 ? 'inbound' : 'outbound',
          status,
          agent.id,
          agent.name,
          customer.id,
          customer.name,
          customer.phone,
          normOf(customer.phone),
          customer.region,
          customer.address,
          pick(r, categories),
          pick(r, subjects),
          details,
          pick(r, wantsList),
          pick(r, nextSteps),
          iso(rang),
          iso(answered),
          ended === null ? null : iso(ended),
          wrapped === null ? null : iso(wrapped),
          iso(rang),
          iso(wrapped ?? ended ?? answered),
          answered - rang > 30_000 ? 1 : 0,
          done ? checklistFor(answered, ended) : '{}',
          done && dispositions.length ? pick(r, dispositions) : null,
          status === 'open' ? null : scriptVersion,
        );
      }
    })();
  }
  const complaints = addDemoComplaints(db, r, completedCalls, now);
  const callbacks = addDemoCallbacks(db, r, completedCalls, now);
  return { calls: n, complaints, callbacks, customers: customers.size, agents: agentIds.length };
}

const matters = [
  '热水器漏水，师傅上门两次仍未修好。\n客户很不满意，要求换新。',
  'Invoice charged twice, "¥1,299.00" each time',
  '=客服态度差，通话中被挂断',
  '安装师傅迟到 3 小时, 没有提前通知',
  '@售后 设备无法开机，序列号 SN-2026-0042',
  'Delivery lost; courier says "signed for"',
];
const notes = [
  '已联系售后主管, 等待回复',
  '@王经理 请今天跟进',
  'Customer called again, "still waiting"',
  '-- 已核实订单 --\n第二行说明',
  '已安排师傅明天上门',
];
const replies = ['已电话告知处理方案：明天上门更换', '+Refund approved, 3–5 working days', '已发送电子发票, 客户确认收到'];
const reasons = ['交付后首月回访', 'Quarterly check, "Premium" plan', '投诉处理满意度回访', '=产品使用情况回访', '安装后回访\n了解使用情况'];

type DemoCall = { id: string; at: number; agent: { id: string; name: string }; customer: { id: string; phone: string; name: string } };

/** About one complaint per 40 completed calls, with a short timeline (created, note, reply, status). */
function addDemoComplaints(db: Db, r: () => number, calls: DemoCall[], now: Date): number {
  const iso = (ms: number) => new Date(ms).toISOString();
  const nextSeq = db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM complaints WHERE month = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO complaints (id, number, month, seq, call_id, customer_id, customer_name, phone, phone_norm, matter, wants, category, severity,
       fault_time, fault_place, fault_symptom, fault_plan, status, owner_id, owner_name, next_reply_due, result, escalated, last_reply_at,
       replied_since_opened, event_count, created_at, created_by_name, updated_at, resolved_at, closed_at)
     VALUES (@id, @number, @month, @seq, @callId, @customerId, @customerName, @phone, @phoneNorm, @matter, @wants, @category, @severity,
       @faultTime, @faultPlace, @faultSymptom, @faultPlan, @status, @ownerId, @ownerName, @due, @result, @escalated, @lastReplyAt,
       @replied, @eventCount, @createdAt, @ownerName, @updatedAt, @resolvedAt, @closedAt)`,
  );
  const insertEvent = db.prepare('INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_id, agent_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let count = 0;
  db.transaction(() => {
    for (let i = 20; i < calls.length; i += 40) {
      const c = calls[i]!;
      const created = c.at + 60_000;
      const month = localMonthKey(new Date(created));
      const seq = nextSeq.get(month) as number;
      const id = newId();
      const category = pick(r, ['service', 'product', 'fault'] as const);
      const severity = r() < 0.1 ? 'major' : 'normal';
      const fault = category === 'fault';
      const matter = pick(r, matters);
      const due = created + Math.floor((4 + r() * 44) * 3_600_000);
      const events: { kind: string; at: number; data: Record<string, unknown> }[] = [
        {
          kind: 'created',
          at: created,
          data: {
            id,
            number: complaintNumber(month, seq),
            callId: c.id,
            customerName: c.customer.name,
            phone: c.customer.phone,
            matter,
            category,
            severity,
            nextReplyDue: iso(due),
            ownerId: c.agent.id,
            ownerName: c.agent.name,
          },
        },
      ];
      if (severity === 'major') events.push({ kind: 'escalation', at: created, data: { to: '李主管', at: iso(created), text: '重大投诉，已当即上报' } });
      let t = created;
      const step = () => (t += Math.floor(600_000 + r() * 86_400_000));
      if (r() < 0.7 && step() < now.getTime()) events.push({ kind: 'note', at: t, data: { text: pick(r, notes) } });
      let status = 'new';
      let replyAt: number | null = null;
      let result = '';
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      const fate = r();
      if (fate < 0.75 && step() < now.getTime()) {
        replyAt = t;
        events.push({ kind: 'reply', at: t, data: { how: 'phone', at: iso(t), text: pick(r, replies) } });
        events.push({ kind: 'status', at: t, data: { from: 'new', to: 'in_progress', reason: '' } });
        status = 'in_progress';
        if (fate < 0.55 && step() < now.getTime()) {
          result = '已解决：' + pick(r, replies);
          events.push({ kind: 'result', at: t, data: { from: '', to: result } });
          events.push({ kind: 'status', at: t, data: { from: 'in_progress', to: 'resolved', reason: '' } });
          status = 'resolved';
          resolvedAt = t;
          if (fate < 0.4 && step() < now.getTime()) {
            events.push({ kind: 'status', at: t, data: { from: 'resolved', to: 'closed', reason: '客户确认' } });
            status = 'closed';
            closedAt = t;
          }
        }
      }
      const last = events[events.length - 1]!.at;
      insert.run({
        id,
        number: complaintNumber(month, seq),
        month,
        seq,
        callId: c.id,
        customerId: c.customer.id,
        customerName: c.customer.name,
        phone: c.customer.phone,
        phoneNorm: normalisePhone(c.customer.phone, phoneRegion(db)),
        matter,
        wants: pick(r, wantsList),
        category,
        severity,
        faultTime: fault ? iso(created - 86_400_000).slice(0, 10) : '',
        faultPlace: fault ? pick(r, regions) || '客户家中' : '',
        faultSymptom: fault ? '无法开机, "E3" 报错' : '',
        faultPlan: fault ? '安排师傅上门检修' : '',
        status,
        ownerId: c.agent.id,
        ownerName: c.agent.name,
        due: status === 'closed' ? null : iso(due),
        result,
        escalated: severity === 'major' ? 1 : 0,
        lastReplyAt: replyAt === null ? null : iso(replyAt),
        replied: replyAt === null ? 0 : 1,
        eventCount: events.length,
        createdAt: iso(created),
        updatedAt: iso(last),
        resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
        closedAt: closedAt === null ? null : iso(closedAt),
      });
      events.forEach((e, k) => insertEvent.run(newId(), id, k + 1, e.kind, iso(e.at), c.agent.id, c.agent.name, JSON.stringify(e.data)));
      count++;
    }
  })();
  return count;
}

/** About one callback per 30 completed calls: most done (often with a score), some pending. */
function addDemoCallbacks(db: Db, r: () => number, calls: DemoCall[], now: Date): number {
  const iso = (ms: number) => new Date(ms).toISOString();
  const insert = db.prepare(
    `INSERT INTO callbacks (id, customer_id, customer_name, phone, phone_norm, reason, due_at, status, call_id, result, satisfaction,
       created_by_id, created_at, done_at, done_by_name, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let count = 0;
  db.transaction(() => {
    for (let i = 10; i < calls.length; i += 30) {
      const c = calls[i]!;
      const created = c.at + 30_000;
      const due = created + Math.floor((1 + r() * 20) * 86_400_000);
      const doneAt = due + Math.floor(r() * 86_400_000);
      const done = doneAt < now.getTime() && r() < 0.85;
      const score = done && r() < 0.8 ? 1 + Math.min(4, Math.floor(r() * r() * 2 + 3 * r() + 1.5)) : null;
      insert.run(
        newId(),
        c.customer.id,
        c.customer.name,
        c.customer.phone,
        normalisePhone(c.customer.phone, phoneRegion(db)),
        pick(r, reasons),
        iso(due),
        done ? 'done' : 'pending',
        done ? c.id : null,
        done ? pick(r, ['客户表示满意', 'Works fine now, "thanks"', '设备运行正常\n无其他问题', '@客户 建议增加夜间服务']) : '',
        score,
        c.agent.id,
        iso(created),
        done ? iso(doneAt) : null,
        done ? c.agent.name : '',
        iso(done ? doneAt : created),
      );
      count++;
    }
  })();
  return count;
}
