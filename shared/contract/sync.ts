import { method } from './define';
import { empty } from '../schemas/common';

/** Team mode as the header indicator and the About box show it. No customer data, no password. */
export interface SyncStatus {
  /** off: no team mode; syncing: changes waiting or arriving; offline: the server cannot be reached */
  mode: 'off' | 'in_sync' | 'syncing' | 'offline' | 'error';
  /** changes saved here and not yet on the team server */
  pending: number;
  /** progress of the current round */
  pushed: number;
  pulled: number;
  offlineSince: string | null;
  /** the reason of the last failure, without secrets */
  error: string | null;
  /** host:port/database */
  server: string;
  workstation: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** the server position this workstation has applied (exports state what they cover) */
  position: { epoch: string; xid: string; pos: number };
  /** complaint actions kept in a timeline but not applied after merging two desks' work */
  notApplied: number;
  /** per workstation, when its last change reached the server */
  workstations: { workstation: string; lastSeen: string }[];
  /**
   * The server's table files after an erasure: since when the replaced rows wait for IT's purge
   * (null: none waiting), and when it last ran. null: not known (team mode off, not asked yet, or a
   * server set up before the purge existed).
   */
  serverPurge: { pendingSince: string | null; lastPurgeAt: string | null } | null;
}

export const syncContract = {
  'sync.status': method<SyncStatus>()(empty),
};
