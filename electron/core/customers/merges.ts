// O4/P9: one customer, one card, whatever way the number was typed. When the way numbers are
// read changes (the E.164 migration, a new default region), every stored phone_norm is computed
// again, and cards that turn out to hold the same number are merged: per field the newest value
// wins, calls, complaints and callbacks follow the surviving card. Each merge is recorded in
// card_merges with what is needed to undo it, and a team lead can undo it (customers.unmerge):
// two people may share one number (a switchboard, a family).
//
// A card kept apart by an undo has the key "<number>#<its id>": the number's own key stays with
// the surviving card (new calls of that number go there), and no later re-normalisation merges
// the two again.
import type { Db } from '../db/open';
import { columnsOf, tableExists } from '../db/tables';
import { newId } from '../infra/ids';
import { AppError } from '../../../shared/errors';
import { normalisePhone, parsePhone } from '../../../shared/domain/phone';
import { normalisedRegion, normalisedRegionKey, phoneRegion } from '../settings/phone-region';
import type { Agent } from '../../../shared/schemas/agent';
import type { CardMerge } from '../../../shared/schemas/customer';

/** Tables whose rows carry a typed number and its key (phone_ext where the table has one). */
const numbered = [
  { table: 'calls', phone: 'phone', norm: 'phone_norm' },
  { table: 'complaints', phone: 'phone', norm: 'phone_norm' },
  { table: 'callbacks', phone: 'phone', norm: 'phone_norm' },
  { table: 'phone_calls', phone: 'from_number', norm: 'from_norm' },
] as const;

/** Rows that point at a customer card. */
const referencing = ['calls', 'complaints', 'callbacks'] as const;

const cardFields = ['phone', 'name', 'region', 'address', 'phone_ext'] as const;

interface CardRow {
  id: string;
  phone: string;
  phone_norm: string;
  name: string;
  region: string;
  address: string;
  phone_ext?: string;
  created_at: string;
  updated_at: string;
}

/** The key a card should have: its number's identity, or "<identity>#<id>" for a card kept apart. */
function cardKey(card: CardRow, region: string): string {
  const norm = normalisePhone(card.phone, region);
  if (norm === '') return card.phone_norm; // a number no longer readable keeps the key it had
  return card.phone_norm.includes('#') ? `${norm}#${card.id}` : norm;
}

export interface RenormaliseResult {
  /** rows whose key changed, per table */
  changed: Record<string, number>;
  merges: number;
}

/**
 * Computes every stored number's key again with `region` and merges the cards that now coincide.
 * Runs inside the caller's transaction (a migration, a settings change). Recording for team sync
 * is paused: every workstation derives the same keys from the same typed numbers.
 */
export function renormalisePhones(db: Db, at: string, region: string, why: 'migration' | 'region'): RenormaliseResult {
  const changed: Record<string, number> = {};
  // a caller's calls repeat the same typed number: each spelling is read once (~20–60 µs each)
  const memo = new Map<string, ReturnType<typeof parsePhone>>();
  const parse = (typed: string) => {
    let parsed = memo.get(typed);
    if (!parsed) memo.set(typed, (parsed = parsePhone(typed, region)));
    return parsed;
  };
  const syncMode = tableExists(db, 'sync_state') ? (db.prepare('SELECT mode FROM sync_state').pluck().get() as number) : 0;
  if (syncMode === 1) db.prepare('UPDATE sync_state SET mode = 2').run();
  try {
    for (const { table, phone, norm } of numbered) {
      if (!tableExists(db, table)) continue;
      const hasExt = columnsOf(db, table).has('phone_ext');
      // erased rows have an empty key and stay as they are
      const rows = db
        .prepare(`SELECT rowid AS r, ${phone} AS phone, ${norm} AS norm${hasExt ? ', phone_ext AS ext' : ''} FROM ${table} WHERE ${norm} <> ''`)
        .all() as {
        r: number;
        phone: string;
        norm: string;
        ext?: string;
      }[];
      const update = db.prepare(`UPDATE ${table} SET ${norm} = ?${hasExt ? ', phone_ext = ?' : ''} WHERE rowid = ?`);
      let n = 0;
      for (const row of rows) {
        const parsed = parse(row.phone);
        const next = parsed.norm === '' ? row.norm : parsed.norm;
        if (next === row.norm && (!hasExt || parsed.ext === row.ext)) continue;
        if (hasExt) update.run(next, parsed.ext, row.r);
        else update.run(next, row.r);
        if (next !== row.norm) n++;
      }
      changed[table] = n;
    }
    const merges = tableExists(db, 'customers') ? recardCustomers(db, at, region, why, changed) : 0;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(normalisedRegionKey, region);
    return { changed, merges };
  } finally {
    if (syncMode === 1) db.prepare('UPDATE sync_state SET mode = 1').run();
  }
}

function recardCustomers(db: Db, at: string, region: string, why: string, changed: Record<string, number>): number {
  const hasExt = columnsOf(db, 'customers').has('phone_ext');
  const cards = db.prepare("SELECT * FROM customers WHERE phone_norm <> ''").all() as CardRow[];
  const groups = new Map<string, CardRow[]>();
  for (const card of cards) {
    const key = cardKey(card, region);
    groups.set(key, [...(groups.get(key) ?? []), card]);
  }
  // two steps, so a key moving to a card whose old key another card still holds never clashes
  const moving = [...groups].filter(([key, group]) => group.length > 1 || group[0]!.phone_norm !== key);
  const park = db.prepare("UPDATE customers SET phone_norm = '#' || id WHERE id = ?");
  for (const [, group] of moving) for (const card of group) park.run(card.id);
  const setKey = db.prepare('UPDATE customers SET phone_norm = ? WHERE id = ?');
  let merges = 0;
  for (const [key, group] of moving) {
    if (group.length === 1) {
      setKey.run(key, group[0]!.id);
      continue;
    }
    merges += mergeGroup(db, at, why, key, group, hasExt);
  }
  changed.customers = moving.length;
  return merges;
}

/** When each field of a card last changed: team mode's per-field times, else the card's updated_at. */
function fieldTime(db: Db, card: CardRow, field: string): string {
  if (!tableExists(db, 'sync_field_times')) return card.updated_at;
  const at = db.prepare("SELECT at FROM sync_field_times WHERE kind = 'customers' AND ref = ? AND field = ?").pluck().get(card.id, field) as string | undefined;
  return at ?? card.updated_at;
}

function mergeGroup(db: Db, at: string, why: string, key: string, group: CardRow[], hasExt: boolean): number {
  // the first card made for this number survives (its id is the one other records and desks know best)
  const sorted = [...group].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
  const survivor = sorted[0]!;
  const others = sorted.slice(1);
  const fields = cardFields.filter((f) => f !== 'phone_ext' || hasExt);
  // per field the newest non-empty value wins (equal times: the value decides, the same on every desk)
  const next: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const field of fields) {
    const ranked = group
      .filter((c) => (c[field] ?? '') !== '')
      .map((c) => ({ id: c.id, value: c[field] ?? '', at: fieldTime(db, c, field) }))
      .sort((a, b) => (a.at === b.at ? (a.value < b.value ? 1 : -1) : a.at < b.at ? 1 : -1));
    next[field] = ranked[0]?.value ?? survivor[field] ?? '';
    from[field] = ranked[0]?.id ?? survivor.id;
  }
  const updatedAt = group.map((c) => c.updated_at).reduce((a, b) => (b > a ? b : a));
  const record = db.prepare(
    `INSERT INTO card_merges (id, at, why, phone_norm, survivor_id, merged_id, merged_card, survivor_before, took, moved)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const other of others) {
    const moved: Record<string, string[]> = {};
    for (const table of referencing) {
      if (!tableExists(db, table)) continue;
      moved[table] = db.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ? RETURNING id`).pluck().all(survivor.id, other.id) as string[];
    }
    const took = fields.filter((f) => from[f] === other.id);
    record.run(newId(), at, why, key, survivor.id, other.id, JSON.stringify(other), JSON.stringify(survivor), JSON.stringify(took), JSON.stringify(moved));
    if (tableExists(db, 'sync_alias')) {
      // team mode: records from other desks that still name the merged card land on the survivor
      db.prepare(
        "INSERT INTO sync_alias (kind, remote_id, local_id) VALUES ('customers', ?, ?) ON CONFLICT (kind, remote_id) DO UPDATE SET local_id = excluded.local_id",
      ).run(other.id, survivor.id);
      db.prepare("UPDATE sync_alias SET local_id = ? WHERE kind = 'customers' AND local_id = ?").run(survivor.id, other.id);
      db.prepare("DELETE FROM sync_field_times WHERE kind = 'customers' AND ref = ?").run(other.id);
    }
    db.prepare('DELETE FROM customers WHERE id = ?').run(other.id);
  }
  const sets = fields.map((f) => `${f} = @${f}`).join(', ');
  db.prepare(`UPDATE customers SET ${sets}, phone_norm = @key, updated_at = @updatedAt WHERE id = @id`).run({ ...next, key, updatedAt, id: survivor.id });
  return others.length;
}

interface MergeRow {
  id: string;
  at: string;
  why: string;
  phone_norm: string;
  survivor_id: string;
  merged_id: string;
  merged_card: string;
  survivor_before: string;
  took: string;
  moved: string;
  undone_at: string | null;
  undone_by: string | null;
}

function toMerge(db: Db, r: MergeRow): CardMerge {
  const merged = JSON.parse(r.merged_card) as CardRow;
  const survivor = db.prepare('SELECT name, phone FROM customers WHERE id = ?').get(r.survivor_id) as { name: string; phone: string } | undefined;
  const moved = JSON.parse(r.moved) as Record<string, string[]>;
  return {
    id: r.id,
    at: r.at,
    why: r.why === 'region' ? 'region' : 'migration',
    phoneNorm: r.phone_norm,
    survivor: { id: r.survivor_id, name: survivor?.name ?? '', phone: survivor?.phone ?? '' },
    merged: { id: r.merged_id, name: merged.name, phone: merged.phone },
    moved: { calls: moved.calls?.length ?? 0, complaints: moved.complaints?.length ?? 0, callbacks: moved.callbacks?.length ?? 0 },
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

export function listMerges(db: Db, limit: number): CardMerge[] {
  return (db.prepare('SELECT * FROM card_merges ORDER BY at DESC, id DESC LIMIT ?').all(limit) as MergeRow[]).map((r) => toMerge(db, r));
}

/**
 * Undoes one merge: the merged card comes back under its own id (kept apart from the number's
 * key, see the header), the calls, complaints and callbacks it had point at it again, and the
 * surviving card gets back the fields it took from it, unless they were changed since.
 */
export function unmergeCard(db: Db, at: string, mergeId: string, lead: Agent | null, region: string): CardMerge {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM card_merges WHERE id = ?').get(mergeId) as MergeRow | undefined;
    if (!row) throw new AppError('not_found', `No card merge ${mergeId}`);
    if (row.undone_at) throw new AppError('conflict', `This merge was already undone at ${row.undone_at}`, { rule: 'merge-undone' });
    const survivor = db.prepare('SELECT * FROM customers WHERE id = ?').get(row.survivor_id) as CardRow | undefined;
    if (!survivor) throw new AppError('conflict', 'The surviving card no longer exists (erased)', { rule: 'merge-gone' });
    if (db.prepare('SELECT 1 FROM customers WHERE id = ?').get(row.merged_id))
      throw new AppError('conflict', 'The merged card exists again', { rule: 'merge-undone' });
    const merged = JSON.parse(row.merged_card) as CardRow;
    const before = JSON.parse(row.survivor_before) as CardRow;
    const took = JSON.parse(row.took) as (typeof cardFields)[number][];
    const present = columnsOf(db, 'customers');
    const fields = cardFields.filter((f) => present.has(f));
    const key = `${normalisePhone(merged.phone, region) || merged.phone_norm}#${merged.id}`;
    const values: Record<string, string> = { id: merged.id, phone_norm: key, created_at: merged.created_at, updated_at: at };
    for (const f of fields) values[f] = merged[f] ?? '';
    const cols = Object.keys(values);
    db.prepare(`INSERT INTO customers (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(values);
    const moved = JSON.parse(row.moved) as Record<string, string[]>;
    for (const table of referencing) {
      const ids = moved[table] ?? [];
      if (ids.length === 0 || !tableExists(db, table)) continue;
      db.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ? AND id IN (SELECT value FROM json_each(?))`).run(
        merged.id,
        survivor.id,
        JSON.stringify(ids),
      );
    }
    // the survivor's fields that came from the merged card go back, unless someone changed them since
    const back = took.filter((f) => f !== 'phone' && fields.includes(f) && survivor[f] === merged[f] && before[f] !== undefined);
    if (back.length > 0) {
      db.prepare(`UPDATE customers SET ${back.map((f) => `${f} = @${f}`).join(', ')}, updated_at = @at WHERE id = @id`).run({
        ...Object.fromEntries(back.map((f) => [f, before[f] ?? ''])),
        at,
        id: survivor.id,
      });
    }
    if (tableExists(db, 'sync_alias')) db.prepare("DELETE FROM sync_alias WHERE kind = 'customers' AND remote_id = ?").run(merged.id);
    db.prepare('UPDATE card_merges SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, lead?.name ?? '', mergeId);
    return toMerge(db, { ...row, undone_at: at, undone_by: lead?.name ?? '' });
  })();
}

/**
 * When the region that applies (team setting, IT's managed value) is not the one the stored keys
 * were computed with, computes them again. Cheap when nothing changed (two settings reads).
 */
export function ensureNormalisedRegion(db: Db, at: string): RenormaliseResult | null {
  const region = phoneRegion(db);
  if (region === normalisedRegion(db) || !tableExists(db, 'card_merges')) return null;
  return db.transaction(() => renormalisePhones(db, at, region, 'region'))();
}
