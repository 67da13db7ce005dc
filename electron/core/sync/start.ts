// Team mode switched on by the managed configuration: the app syncs by itself from start-up.
import type { Db } from '../db/open';
import type { SyncStatus } from '../../../shared/contract/sync';
import { AppError } from '../../../shared/errors';
import { readConnectionFile } from './pg-connect';
import { TeamSync, type TeamSyncOptions } from './team-sync';
import { offStatus } from './handlers';

export interface RunningTeamSync {
  status(): SyncStatus;
  stop(): Promise<void>;
  kick(): void;
}

export function startTeamSync(db: Db, connectionFile: string | undefined | null, options: TeamSyncOptions = {}): RunningTeamSync | undefined {
  if (!connectionFile) return undefined;
  try {
    const sync = new TeamSync(db, readConnectionFile(connectionFile), options);
    sync.start();
    return sync;
  } catch (err) {
    // a bad or missing file is shown as the indicator's error, never as a dialog
    const reason = err instanceof AppError ? err.message : (err as Error).message;
    options.onLog?.('sync.config', { ok: false });
    return {
      status: () => ({ ...offStatus({ db } as never), mode: 'error', error: reason }),
      stop: async () => undefined,
      kick: () => undefined,
    };
  }
}
