// `demo-data --db <file> --calls <n>`: a database that looks like a real month in a mixed
// Chinese/English call centre, for demos and benchmarks. Deterministic (seeded), bulk-inserted in
// transactions, exactly `calls` calls. The text deliberately carries what breaks naive exports:
// commas, quotes, line breaks, tabs, and cells that start like formulas.
import type { Db } from './db/open';
import { newId } from './ids';
import { normalisePhone } from '../../shared/domain/phone';

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
const streets = ['西湖区文三路 90 号 3 幢 502', '南山区科技园, 深南大道 9988 号', '朝阳区建国路 88 号 "SOHO" 2-1203', '12 Queen\'s Road, Central', '浦东新区世纪大道 100 号\n环球金融中心 35F', '天府大道北段 1700 号'];
const categories = ['咨询', '售后', '发票', '安装', '投诉', '其他', 'Billing', ''];
const subjects = ['发票 invoice for October', '退款进度', '物流延迟, 包裹未到', '安装预约', 'Password reset', '"Premium" plan upgrade', '=SUM(A1:A9) 报价单', '+86 hotline not reachable', '-- 无法登录 --', '@support 转人工', '设备故障报告', 'Warranty, "extended"'];
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
       category, subject, details, wants, next_step, rang_at, answered_at, ended_at, wrapped_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (phone_norm) DO UPDATE SET updated_at = updated_at RETURNING id`,
  ).pluck();
  const iso = (ms: number) => new Date(ms).toISOString();
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
          customer.id = insertCustomer.get(customer.id, phone, normalisePhone(phone), customer.name, customer.region, customer.address, iso(rang), iso(rang)) as string;
          customers.set(index, customer);
        }
        const agent = pick(r, agentIds);
        const statusRoll = r();
        const status = statusRoll < 0.9 ? 'completed' : statusRoll < 0.97 ? 'open' : 'discarded';
        const answered = rang + Math.floor(2_000 + r() * 38_000);
        const ended = status === 'open' ? null : answered + Math.floor(30_000 + r() * 870_000);
        const wrapped = status === 'completed' && ended !== null ? ended + Math.floor(10_000 + r() * 110_000) : null;
        const details = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, detailParts)).join(' ');
        insertCall.run(
          newId(),
          r() < 0.85 ? 'inbound' : 'outbound',
          status,
          agent.id,
          agent.name,
          customer.id,
          customer.name,
          customer.phone,
          normalisePhone(customer.phone),
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
        );
      }
    })();
  }
  return { calls: n, customers: customers.size, agents: agentIds.length };
}
