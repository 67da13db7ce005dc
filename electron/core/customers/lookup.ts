// O4: find a customer by name or phone number and see at once what they have with us: calls,
// complaints (open ones too) and pending callbacks, as true totals rather than a page of search hits.
import type { Db } from '../db/open';
import type { Input } from '../../../shared/contract';
import type { PeopleLookup, PersonMatch } from '../../../shared/schemas/customer';
import { normalisePhone } from '../../../shared/domain/phone';

/** LIKE with the user's text taken literally */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function lookupPeople(db: Db, input: Input<'customers.lookup'>): PeopleLookup {
  const q = input.q.trim();
  // part of a number typed with the country code (+86 138-0013…) is matched without it
  const digits = /^(\+|00)\s*86/.test(q) ? normalisePhone(q).replace(/^(00)?86/, '') : normalisePhone(q);
  // a number is looked up by its digits (three or more), anything else by the name
  const byPhone = digits.length >= 3 && /^[\d\s()+\-.]+$/.test(q);
  const where = byPhone ? "phone_norm LIKE @pattern ESCAPE '\\'" : "name LIKE @pattern ESCAPE '\\'";
  const params = { pattern: like(byPhone ? digits : q), limit: input.limit };
  const rows = db
    .prepare(`SELECT id, name, phone, phone_norm AS phoneNorm, region, address FROM customers WHERE ${where} ORDER BY updated_at DESC LIMIT @limit`)
    .all(params) as { id: string; name: string; phone: string; phoneNorm: string; region: string; address: string }[];
  const total = db.prepare(`SELECT count(*) FROM customers WHERE ${where}`).pluck().get({ pattern: params.pattern }) as number;
  const calls = db.prepare("SELECT count(*) FROM calls WHERE phone_norm = ? AND status <> 'discarded'").pluck();
  const complaints = db.prepare("SELECT count(*), count(*) FILTER (WHERE status <> 'closed') FROM complaints WHERE phone_norm = ?").raw();
  const callbacks = db.prepare("SELECT count(*) FROM callbacks WHERE phone_norm = ? AND status = 'pending'").pluck();
  const people = rows.map((r): PersonMatch => {
    const [all, open] = complaints.get(r.phoneNorm) as [number, number];
    return {
      id: r.id,
      name: r.name,
      phone: r.phone,
      region: r.region,
      address: r.address,
      matched: byPhone ? 'phone' : 'name',
      calls: calls.get(r.phoneNorm) as number,
      complaints: all,
      openComplaints: open,
      pendingCallbacks: callbacks.get(r.phoneNorm) as number,
    };
  });
  return { people, total };
}
