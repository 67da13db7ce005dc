// O4: find a customer by name or phone number and see at once what they have with us: calls,
// complaints (open ones too) and pending callbacks, as true totals rather than a page of search hits.
import type { Db } from '../db/open';
import type { Input } from '../../../shared/contract';
import type { PeopleLookup, PersonMatch } from '../../../shared/schemas/customer';
import { normalisePhone, partialKeyPatterns, phoneDigitCount, splitExtension } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';

/** LIKE with the user's text taken literally */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (s: string) => `%${escapeLike(s)}%`;

export function lookupPeople(db: Db, input: Input<'customers.lookup'>): PeopleLookup {
  const q = input.q.trim();
  const region = phoneRegion(db);
  const { main } = splitExtension(q);
  // a number is looked up by its digits (three or more), anything else by the name
  const byPhone = phoneDigitCount(main) >= 3 && /^[\d\s()+\-.]+$/.test(main);
  let where = "name LIKE @pattern ESCAPE '\\'";
  const params: Record<string, string | number> = { pattern: like(q) };
  if (byPhone) {
    const full = normalisePhone(main, region);
    if (full.startsWith('+')) {
      // P9: a whole number in any spelling is its E.164 key (and the cards a lead kept apart from it)
      where = "(phone_norm = @full OR substr(phone_norm, 1, length(@full) + 1) = @full || '#')";
      params.full = full;
    } else {
      // part of a number: its digits anywhere, or the start of the key it stands for ("010-66" → "+861066…")
      const { anywhere, starts } = partialKeyPatterns(main, region);
      params.pattern = like(anywhere);
      where = ["phone_norm LIKE @pattern ESCAPE '\\'", ...starts.map((_, i) => `phone_norm LIKE @start${i} ESCAPE '\\'`)].join(' OR ');
      starts.forEach((s, i) => (params[`start${i}`] = `${escapeLike(s)}%`));
      where = `(${where})`;
    }
  }
  const rows = db
    .prepare(`SELECT id, name, phone, phone_norm AS phoneNorm, region, address FROM customers WHERE ${where} ORDER BY updated_at DESC LIMIT @limit`)
    .all({ ...params, limit: input.limit }) as { id: string; name: string; phone: string; phoneNorm: string; region: string; address: string }[];
  const total = db.prepare(`SELECT count(*) FROM customers WHERE ${where}`).pluck().get(params) as number;
  const calls = db.prepare("SELECT count(*) FROM calls WHERE (phone_norm = ? OR customer_id = ?) AND status <> 'discarded'").pluck();
  const complaints = db.prepare("SELECT count(*), count(*) FILTER (WHERE status <> 'closed') FROM complaints WHERE phone_norm = ? OR customer_id = ?").raw();
  const callbacks = db.prepare("SELECT count(*) FROM callbacks WHERE (phone_norm = ? OR customer_id = ?) AND status = 'pending'").pluck();
  const people = rows.map((r): PersonMatch => {
    const [all, open] = complaints.get(r.phoneNorm, r.id) as [number, number];
    return {
      id: r.id,
      name: r.name,
      phone: r.phone,
      region: r.region,
      address: r.address,
      matched: byPhone ? 'phone' : 'name',
      calls: calls.get(r.phoneNorm, r.id) as number,
      complaints: all,
      openComplaints: open,
      pendingCallbacks: callbacks.get(r.phoneNorm, r.id) as number,
    };
  });
  return { people, total };
}
