// Continuous team sync inside the app: woken by LISTEN/NOTIFY, by local writes (a cheap look at
// the outbox), and by a poll (NOTIFY is lost while disconnected). It runs beside the service and
// never on a save's path: a save writes SQLite and returns; the outbox row travels later. When the
// server is down it says "offline since …" and retries with a growing pause; no dialog ever.
import type pg from 'pg';
import type { Db } from '../db/open';
import { AppError } from '../../../shared/errors';
import type { SyncStatus } from '../../../shared/contract/sync';
import { connect, describePgError, type ConnectionFile } from './pg-connect';
import { checkEpoch, pull, push, serverLabel } from './engine';
import { enableTeamMode, pendingCount, readState, rememberWorkstations } from './local';
import { NOTIFY_CHANNEL } from './server-schema';
import { readPurgeRecord, type PurgeRecord } from './server-purge';

export interface TeamSyncOptions {
  /** how often to look at the outbox and, as the fallback for NOTIFY, at the server */
  pollMs?: number;
  /** the longest pause between attempts while the server cannot be reached */
  maxBackoffMs?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  now?: () => Date;
  onLog?: (event: string, fields: Record<string, number | boolean | null>) => void;
}

/** pg error codes that retrying will not fix (wrong password, no privilege, missing schema) */
const fatalClasses = ['28', '42', '3D'];

export class TeamSync {
  private client: pg.Client | null = null;
  private running = false;
  private wanted = true;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private phase: 'starting' | 'in_sync' | 'syncing' | 'offline' | 'error' = 'starting';
  private progress = { pushed: 0, pulled: 0 };
  private offlineSince: string | null = null;
  private error: string | null = null;
  private seen: { workstation: string; lastSeen: string }[] = [];
  private seenAt = 0;
  private purge: PurgeRecord | null = null;
  private purgeAt = 0;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly team: ConnectionFile,
    private readonly options: TeamSyncOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    enableTeamMode(this.db, this.team.workstation, serverLabel(this.team.url));
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loopDone;
    this.dropClient();
  }

  /** Something was written locally or the user asked: sync soon. */
  kick(): void {
    // remembered even when a round is running: a NOTIFY that arrives mid-round must not wait for the poll
    this.wanted = true;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  status(): SyncStatus {
    const state = readState(this.db);
    const pending = this.db.open ? pendingCount(this.db) : 0;
    const phase = this.phase === 'in_sync' && pending > 0 ? 'syncing' : this.phase === 'starting' ? 'syncing' : this.phase;
    return {
      mode: phase,
      pending,
      pushed: this.progress.pushed,
      pulled: this.progress.pulled,
      offlineSince: this.offlineSince,
      error: this.error,
      server: serverLabel(this.team.url),
      workstation: this.team.workstation,
      lastPushAt: state.lastPushAt,
      lastPullAt: state.lastPullAt,
      position: { epoch: state.epoch, xid: state.cursorXid, pos: state.cursorPos },
      notApplied: this.db.prepare('SELECT count(*) FROM sync_not_applied').pluck().get() as number,
      workstations: this.seen,
      serverPurge: this.purge,
    };
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref?.();
    });
    if (this.timer) clearTimeout(this.timer);
    this.wake = null;
  }

  private dropClient(): void {
    const c = this.client;
    this.client = null;
    if (!c) return;
    // a frozen server never answers the goodbye: do not wait for it
    void c.end().catch(() => undefined);
    (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }

  private async ensureClient(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = await connect(this.team.url, {
      ca: this.team.ca ?? null,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 5_000,
      queryTimeoutMs: this.options.queryTimeoutMs ?? 15_000,
      applicationName: `call-console ${this.team.workstation}`,
    });
    client.on('notification', () => this.kick());
    client.on('error', () => {
      if (this.client === client) this.dropClient();
      this.kick();
    });
    client.on('end', () => {
      if (this.client === client) this.client = null;
    });
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
    return client;
  }

  private async round(): Promise<void> {
    const client = await this.ensureClient();
    this.progress = { pushed: 0, pulled: 0 };
    await checkEpoch(client, this.db);
    if (pendingCount(this.db) > 0) this.phase = 'syncing';
    await push(client, this.db, this.now, (n) => (this.progress.pushed = n));
    await pull(client, this.db, this.now, (n) => {
      this.phase = 'syncing';
      this.progress.pulled = n;
    });
    await push(client, this.db, this.now, (n) => (this.progress.pushed += n));
    if (Date.now() - this.seenAt > 60_000) {
      this.seenAt = Date.now();
      const r = await client.query<{ workstation: string; last: Date }>(
        'SELECT workstation, max(at) AS last FROM team.changes GROUP BY workstation ORDER BY workstation',
      );
      this.seen = r.rows.map((row) => ({ workstation: row.workstation, lastSeen: new Date(row.last).toISOString() }));
      rememberWorkstations(this.db, this.seen);
    }
    // one row: a lead who just erased sees within seconds that the server's files still hold the person
    if (Date.now() - this.purgeAt > 10_000) {
      this.purgeAt = Date.now();
      this.purge = await readPurgeRecord(client);
    }
  }

  private async loop(): Promise<void> {
    const poll = this.options.pollMs ?? 3_000;
    const maxBackoff = this.options.maxBackoffMs ?? 30_000;
    let backoff = poll;
    let lastServerLook = 0;
    while (this.running) {
      try {
        const due = Date.now() - lastServerLook >= poll;
        if (this.wanted || due || pendingCount(this.db) > 0 || this.phase !== 'in_sync') {
          this.wanted = false;
          await this.round();
          lastServerLook = Date.now();
        }
        this.phase = 'in_sync';
        this.offlineSince = null;
        this.error = null;
        backoff = poll;
        await this.sleep(Math.min(poll, 250));
      } catch (err) {
        this.dropClient();
        const code = (err as { code?: string }).code ?? '';
        const cause = err instanceof AppError ? err.message : describePgError(err);
        const fatal = fatalClasses.some((c) => code.startsWith(c)) || /password authentication|permission denied|does not exist/i.test(cause);
        if (fatal) {
          this.phase = 'error';
          this.error = cause;
        } else {
          if (this.phase !== 'offline') this.offlineSince = this.now().toISOString();
          this.phase = 'offline';
          this.error = cause;
        }
        try {
          if (this.db.open) this.db.prepare('UPDATE sync_state SET last_error = ?').run(cause);
        } catch {
          /* the file is busy; the status still says it */
        }
        this.options.onLog?.('sync.failed', { offline: !fatal });
        if (!this.running) break;
        await this.sleep(backoff);
        backoff = Math.min(maxBackoff, backoff * 2);
      }
    }
  }
}
