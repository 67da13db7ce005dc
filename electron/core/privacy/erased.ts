// Erased means gone: once a lead erased a caller, nothing writes personal data back into the rows
// that held it (an open call's autosave, an amendment, a complaint note or edit, a callback
// result). Such writes are refused with code `erased`; the open screen clears its form and says
// when the data was erased.
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';

export function erasedError(what: string, erasedAt: string): AppError {
  return new AppError('erased', `This ${what}'s personal data was erased at ${erasedAt}; nothing was written`, {
    fields: [{ path: 'erasedAt', code: 'erased', message: erasedAt }],
  });
}

/** Throws `erased` when the row `id` of `table` (calls, complaints, callbacks) was erased. */
export function refuseErased(db: Db, table: 'calls' | 'complaints' | 'callbacks', id: string): void {
  const at = db.prepare(`SELECT erased_at FROM ${table} WHERE id = ?`).pluck().get(id) as string | null | undefined;
  if (at) throw erasedError(table === 'calls' ? 'call' : table === 'complaints' ? 'complaint' : 'callback', at);
}
