// Team-wide lists say where each row was taken: "Li Na · desk_07". A record keeps the desk that
// wrote it ('' = this one, see migration 0140); without team mode rows carry no desk at all, so a
// workstation alone shows and returns exactly what it did before.
import type { Db } from '../db/open';

/** This desk's name in team mode, else null. */
export function teamDesk(db: Db): string | null {
  const r = db.prepare('SELECT mode, workstation FROM sync_state').get() as { mode: number; workstation: string } | undefined;
  return r && r.mode !== 0 && r.workstation ? r.workstation : null;
}

/**
 * Adds `workstation` to each row in team mode (its stored desk, or this desk for its own rows) and
 * drops the raw column otherwise.
 */
export function withDesk<T extends { workstation?: string | null }>(db: Db, rows: T[]): (Omit<T, 'workstation'> & { workstation?: string })[] {
  const me = teamDesk(db);
  return rows.map((row) => {
    const { workstation, ...rest } = row;
    return me ? { ...rest, workstation: workstation || me } : rest;
  });
}

/** SQL: the desk a complaint was taken at (its "created" event's). */
export const complaintDeskSql = (alias: string) =>
  `(SELECT e.workstation FROM complaint_events e WHERE e.complaint_id = ${alias}.id AND e.kind = 'created' LIMIT 1)`;
