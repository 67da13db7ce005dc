// What a team export covers: the server position this workstation had applied, when it last
// heard from the server, and which workstations have not synced for a day, so a month's log is
// never silently short (R1/R2). Read from the local file only: exporting never waits on the network.
import type { Db } from '../db/open';
import { readState } from './local';

export interface TeamCoverage {
  position: string;
  receivedAt: string | null;
  /** this workstation has not received for more than an hour (or never) */
  behind: boolean;
  /** workstations whose last change is older than a day before the export */
  quiet: { workstation: string; lastSeen: string }[];
}

const HOUR = 3_600_000;

/** null when team mode is off: a workstation alone exports exactly as before. */
export function teamCoverage(db: Db, now: Date): TeamCoverage | null {
  const state = readState(db);
  if (state.mode === 0) return null;
  const rows = db.prepare('SELECT workstation, last_seen AS lastSeen FROM sync_workstations ORDER BY last_seen').all() as {
    workstation: string;
    lastSeen: string;
  }[];
  const dayAgo = new Date(now.getTime() - 24 * HOUR).toISOString();
  return {
    position: `${state.epoch.slice(0, 8)}/${state.cursorXid}/${state.cursorPos}`,
    receivedAt: state.lastPullAt,
    behind: !state.lastPullAt || now.getTime() - Date.parse(state.lastPullAt) > HOUR,
    quiet: rows.filter((r) => r.lastSeen < dayAgo && r.workstation !== state.workstation),
  };
}
