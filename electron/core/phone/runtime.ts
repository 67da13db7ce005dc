// The phone integration of one running console: the intake, the source adapters that feed it
// (hooks, HTTP, baresip), the renderer's view of ringing calls, and the agent's answer.
import type { ServiceContext } from '../context';
import { AppError } from '../../../shared/errors';
import type { Call } from '../../../shared/schemas/call';
import type { ScriptLanguage } from '../../../shared/schemas/script';
import type { PhoneConnection, PhoneEventInput, PhoneSettings, PhoneSource, PhoneState } from '../../../shared/schemas/phone';
import { managedConfigDefaults } from '../../../shared/schemas/managed-config';
import { getCall } from '../calls/store';
import { requireAgent } from '../agents/store';
import { nullLogger, type Logger } from '../infra/logger';
import { newId } from '../infra/ids';
import { PhoneIntake, type IntakeOutcome } from './intake';
import { getPhoneSettings } from './settings';
import { activeCall, getPhoneCall, missedCount, ringingCalls, type PhoneCallRow } from './store';
import { BaresipClient } from './baresip';
import { hookToEvent, type HookCommand } from './hooks';
import { mapZammad } from './zammad';
import { openCallback, openConsoleCall } from './answer';

/** A call still "ringing" this long after it started lost its end event (a crash, a dropped hook). */
const STALE_RINGING_MS = 10 * 60 * 1000;

export type SourceOutcome = IntakeOutcome | { ok: true; outcome: 'outbound' };

export class PhoneRuntime {
  readonly intake: PhoneIntake;
  private baresip: BaresipClient | null = null;
  private baresipAddress = '';
  private readonly logger: Logger;

  constructor(private readonly ctx: ServiceContext) {
    this.logger = ctx.runtime?.logger ?? nullLogger;
    this.intake = new PhoneIntake({
      db: ctx.db,
      clock: ctx.clock,
      logger: this.logger,
      settings: () => this.settings(),
      onAnswered: (row) => this.linkAnswered(row),
    });
    this.sweepStale();
    this.applySettings();
  }

  settings(): PhoneSettings {
    return getPhoneSettings(this.ctx.db, this.ctx.runtime?.managed.config ?? managedConfigDefaults);
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  private sweepStale(): void {
    const cutoff = new Date(this.ctx.clock.now().getTime() - STALE_RINGING_MS).toISOString();
    const swept = this.ctx.db
      .prepare(
        "UPDATE phone_calls SET status = 'missed', ended_at = rang_at, end_cause = 'no end event', updated_at = ? WHERE status = 'ringing' AND rang_at < ?",
      )
      .run(this.now(), cutoff).changes;
    if (swept > 0) this.logger.warn('phone.staleRinging', { rows: swept });
  }

  /** Starts, restarts or stops the baresip connection to match the settings. */
  applySettings(): void {
    const settings = this.settings();
    const want = settings.source === 'baresip' ? settings.baresipAddress : '';
    if (want === this.baresipAddress && (this.baresip !== null) === (want !== '')) return;
    this.baresip?.stop();
    this.baresip = null;
    this.baresipAddress = want;
    if (want) {
      this.baresip = new BaresipClient({
        address: want,
        onEvent: (event) => void this.accept('baresip', event),
        onStatus: (status) => {
          this.logger.log(status.state === 'error' ? 'warn' : 'info', 'phone.connection', { source: 'baresip', reason: status.state });
          this.intake.changed();
        },
        onBadMessage: (reason) => this.logger.warn('phone.refused', { source: 'baresip', reason }),
        now: () => this.ctx.clock.now(),
      });
      this.baresip.start();
    }
    this.intake.changed();
  }

  connection(): PhoneConnection {
    if (!this.baresip) return { state: 'off', detail: '', since: null };
    return this.baresip.status;
  }

  accept(source: PhoneSource, event: PhoneEventInput | unknown): IntakeOutcome {
    return this.intake.accept(source, event);
  }

  acceptHook(command: HookCommand): SourceOutcome {
    const source = 'hooks';
    const ringing = () => ringingCalls(this.ctx.db, source, () => undefined)[0]?.callId;
    const event = hookToEvent(
      command,
      this.now(),
      { oldestRinging: ringing, current: () => activeCall(this.ctx.db, source)?.call_id ?? ringing() },
      () => `h${newId()}`,
    );
    if (!event) {
      if (this.settings().source !== source) return this.intake.accept(source, {});
      this.logger.warn('phone.refused', { source, reason: 'unknown_call' });
      return { ok: false, outcome: 'unknown_call', message: command.event === 'answer' ? 'No call is ringing' : 'No call is going on' };
    }
    return this.intake.accept(source, event);
  }

  acceptZammad(fields: Record<string, unknown>): SourceOutcome {
    const mapped = mapZammad(fields, this.now());
    if ('ignore' in mapped) {
      this.logger.debug('phone.ignored', { source: 'http', reason: mapped.ignore });
      return { ok: true, outcome: mapped.ignore };
    }
    if ('malformed' in mapped) {
      if (this.settings().source !== 'http') return this.intake.accept('http', {});
      this.logger.warn('phone.refused', { source: 'http', reason: 'malformed', field: 'event' });
      return { ok: false, outcome: 'malformed', message: mapped.malformed, fields: [{ path: 'event', message: mapped.malformed }] };
    }
    return this.intake.accept('http', mapped.event);
  }

  state(): PhoneState {
    const settings = this.settings();
    const source = settings.source;
    const active = source === 'none' ? undefined : activeCall(this.ctx.db, source);
    return {
      version: this.intake.version,
      source,
      ringCadenceSeconds: settings.ringCadenceSeconds,
      connection: this.connection(),
      ringing: source === 'none' ? [] : ringingCalls(this.ctx.db, source, this.intake.receivedAt),
      active: active
        ? { callId: active.call_id, consoleCallId: active.console_call_id, from: active.from_number, answeredAt: active.answered_at ?? active.rang_at }
        : null,
      missedCount: missedCount(this.ctx.db),
    };
  }

  /** The phone answered by itself (the softphone's own answer): the console call opens for the signed-in agent. */
  private linkAnswered(row: PhoneCallRow): void {
    const agent = this.ctx.session.agent;
    if (!agent) return;
    openConsoleCall(this.ctx.db, this.ctx.clock, row, row.answered_at ?? this.now(), agent, {
      cadenceSeconds: this.settings().ringCadenceSeconds,
      ...(this.ctx.runtime?.managed.config ? { config: this.ctx.runtime.managed.config } : {}),
    });
  }

  /** F2 with a phone source: the ringing call (the oldest, or the one named) is answered now. */
  async answer(agentLanguage: ScriptLanguage | undefined, callId?: string): Promise<Call> {
    const agent = requireAgent(this.ctx);
    const settings = this.settings();
    if (settings.source === 'none') throw new AppError('conflict', 'No phone source is set up: start the call with calls.start');
    const source = settings.source;
    const db = this.ctx.db;
    const target = callId
      ? (db.prepare('SELECT * FROM phone_calls WHERE source = ? AND call_id = ?').get(source, callId) as PhoneCallRow | undefined)
      : ((db.prepare("SELECT * FROM phone_calls WHERE source = ? AND status = 'ringing' ORDER BY rang_at, created_at LIMIT 1").get(source) as
          PhoneCallRow | undefined) ??
        // answered on the phone before anyone was signed in here: open it now
        (db
          .prepare("SELECT * FROM phone_calls WHERE source = ? AND status = 'answered' AND console_call_id IS NULL ORDER BY answered_at DESC LIMIT 1")
          .get(source) as PhoneCallRow | undefined));
    if (!target) throw new AppError('not_found', 'No call is ringing');
    if (target.console_call_id) return getCall(db, target.console_call_id);
    if (target.status === 'ended' || target.status === 'missed') throw new AppError('conflict', 'That call has already ended');
    const options = {
      cadenceSeconds: settings.ringCadenceSeconds,
      ...(this.ctx.runtime?.managed.config ? { config: this.ctx.runtime.managed.config } : {}),
      ...(agentLanguage ? { language: agentLanguage } : {}),
    };
    const call = db.transaction(() => {
      const answeredAt = target.answered_at ?? this.now();
      if (target.status === 'ringing') {
        db.prepare("UPDATE phone_calls SET status = 'answered', answered_at = ?, updated_at = ? WHERE id = ? AND status = 'ringing'").run(
          answeredAt,
          this.now(),
          target.id,
        );
      }
      return openConsoleCall(db, this.ctx.clock, { ...target, answered_at: answeredAt }, answeredAt, agent, options);
    })();
    this.intake.changed();
    if (source === 'baresip' && target.status === 'ringing') {
      // the softphone picks up; its CALL_ESTABLISHED then arrives as a harmless repeat
      const sent = await (this.baresip?.command('accept') ?? Promise.resolve({ ok: false, data: 'not connected' }));
      if (!sent.ok) this.logger.warn('phone.acceptFailed', { source: 'baresip' });
    }
    return call;
  }

  callBack(id: string, language: ScriptLanguage | undefined): Call {
    const agent = requireAgent(this.ctx);
    const db = this.ctx.db;
    return db.transaction(() => {
      const row = getPhoneCall(db, id);
      if (!row || row.status !== 'missed') throw new AppError('not_found', `No missed call with id ${id}`);
      if (row.callback_call_id) throw new AppError('conflict', 'This missed call was already called back');
      const call = openCallback(db, this.ctx.clock, row, agent, {
        ...(this.ctx.runtime?.managed.config ? { config: this.ctx.runtime.managed.config } : {}),
        ...(language ? { language } : {}),
      });
      this.intake.changed();
      return call;
    })();
  }

  stop(): void {
    this.baresip?.stop();
    this.baresip = null;
    this.baresipAddress = '';
  }
}
