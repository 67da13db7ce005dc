// sync.status: what the header indicator and the About box show about team mode.
import type { syncContract, SyncStatus } from '../../../shared/contract/sync';
import type { DomainHandlers, ServiceContext } from '../context';
import { pendingCount, readState } from './local';

/** Without team mode: "off", with what is waiting locally (nothing is recorded while off). */
export function offStatus(ctx: ServiceContext): SyncStatus {
  const state = readState(ctx.db);
  return {
    mode: 'off',
    pending: pendingCount(ctx.db),
    pushed: 0,
    pulled: 0,
    offlineSince: null,
    error: null,
    server: state.server,
    workstation: state.workstation,
    lastPushAt: state.lastPushAt,
    lastPullAt: state.lastPullAt,
    position: { epoch: state.epoch, xid: state.cursorXid, pos: state.cursorPos },
    notApplied: 0,
    workstations: [],
    serverPurge: null,
  };
}

export function syncHandlers(ctx: ServiceContext): DomainHandlers<typeof syncContract> {
  return {
    'sync.status': () => ctx.teamSync?.status() ?? offStatus(ctx),
  };
}
