// Call outcomes chosen at wrap-up. The team lead maintains the list; an outcome that old calls
// used is retired (active = 0), never deleted, so those calls keep their outcome.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Input } from '../../../shared/contract';
import type { Disposition } from '../../../shared/schemas/settings';
import { AppError } from '../../../shared/errors';
import { newId } from '../infra/ids';

interface DispositionRow {
  id: string;
  label_zh: string;
  label_en: string;
  sort: number;
  active: number;
}

const toDisposition = (r: DispositionRow): Disposition => ({ id: r.id, labelZh: r.label_zh, labelEn: r.label_en, sort: r.sort, active: r.active === 1 });

export function listDispositions(db: Db, includeRetired = false): Disposition[] {
  const rows = db.prepare(`SELECT * FROM dispositions ${includeRetired ? '' : 'WHERE active = 1'} ORDER BY active DESC, sort, id`).all() as DispositionRow[];
  return rows.map(toDisposition);
}

export function activeDisposition(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM dispositions WHERE id = ? AND active = 1').pluck().get(id) === 1;
}

/** Saves the whole list in its order; items left out are retired. */
export function saveDispositions(db: Db, _clock: Clock, input: Input<'dispositions.save'>): Disposition[] {
  if (!input.items.some((i) => i.active)) {
    throw new AppError('validation', 'At least one outcome must stay active', { fields: [{ path: 'items', code: 'none_active', message: 'none active' }] });
  }
  db.transaction(() => {
    const kept = new Set<string>();
    input.items.forEach((item, index) => {
      const values = { labelZh: item.labelZh, labelEn: item.labelEn, sort: index + 1, active: item.active ? 1 : 0 };
      if (item.id) {
        const changed = db
          .prepare('UPDATE dispositions SET label_zh = @labelZh, label_en = @labelEn, sort = @sort, active = @active WHERE id = @id')
          .run({ ...values, id: item.id }).changes;
        if (changed === 0) throw new AppError('not_found', `No outcome with id ${item.id}`);
        kept.add(item.id);
      } else {
        const id = newId();
        db.prepare('INSERT INTO dispositions (id, label_zh, label_en, sort, active) VALUES (@id, @labelZh, @labelEn, @sort, @active)').run({ ...values, id });
        kept.add(id);
      }
    });
    for (const existing of db.prepare('SELECT id FROM dispositions').pluck().all() as string[]) {
      if (!kept.has(existing)) db.prepare('UPDATE dispositions SET active = 0 WHERE id = ?').run(existing);
    }
  })();
  return listDispositions(db, true);
}
