// The call-event intake: every source's events arrive here in the one internal shape.
// Invariants: a malformed event, an event from a source that is not switched on, and an event for
// a call id this workstation never saw ring are refused with one log line and write nothing;
// a repeated or late event never changes what is stored (the first word on each step wins, and a
// call never goes back from ended to ringing); events for another extension are ignored.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { newId } from '../infra/ids';
import { phoneEvent, type PhoneEvent, type PhoneSettings, type PhoneSource } from '../../../shared/schemas/phone';
import { findPhoneCall, insertRinging, type PhoneCallRow } from './store';

export type IntakeOutcome =
  | { ok: true; outcome: 'applied' | 'duplicate' | 'late' | 'other_extension' | 'outbound'; row?: PhoneCallRow }
  | { ok: false; outcome: 'malformed' | 'source_off' | 'unknown_call'; message: string; fields?: { path: string; message: string }[] };

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings(): PhoneSettings;
  /** this workstation's call was answered on the phone itself: link a console call (inside the same transaction) */
  onAnswered?(row: PhoneCallRow): void;
}

/**
 * The agent is waiting for the pop, and no person typed a phone event: its commit skips the fsync
 * (WAL stays consistent; a power cut can lose the last few events, which the phone system still
 * has). Hand-typed notes keep synchronous=FULL, restored right after.
 */
function withoutFsync<T>(db: Db, fn: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  if (before !== 2) return fn();
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Remembers the last `size` keys: enough for any burst of calls, bounded for a long-running app. */
class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly size = 2000) {}
  add(key: string): void {
    this.items.delete(key);
    this.items.add(key);
    if (this.items.size > this.size) this.items.delete(this.items.values().next().value as string);
  }
  has(key: string): boolean {
    return this.items.has(key);
  }
}

const extensionKey = (v: string) => v.toLowerCase().replace(/[^a-z0-9*#]/g, '');

export class PhoneIntake {
  /** grows with every change a screen should see */
  version = 0;
  private readonly received = new Map<string, number>();
  private readonly otherExtension = new RecentSet();
  private readonly endedBeforeRinging = new RecentSet();
  private waiters = new Set<() => void>();

  constructor(private readonly deps: IntakeDeps) {}

  receivedAt = (callId: string): number | undefined => this.received.get(callId);

  /** Wakes every phone.state waiting for news. */
  changed(): void {
    this.version += 1;
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const wake of waiting) wake();
  }

  /** Resolves at the next change, or after `ms`. */
  waitForChange(after: number, ms: number): Promise<void> {
    if (this.version > after || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** One event from `source`, already in the internal shape (adapters build it); `raw` is validated here. */
  accept(source: PhoneSource, raw: unknown): IntakeOutcome {
    const { logger, db } = this.deps;
    const settings = this.deps.settings();
    if (settings.source !== source) {
      logger.warn('phone.refused', { source, reason: 'source_off' });
      return { ok: false, outcome: 'source_off', message: `The phone source "${source}" is not switched on (current: ${settings.source})` };
    }
    const parsed = phoneEvent.safeParse(raw);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      logger.warn('phone.refused', { source, reason: 'malformed', field: fields[0]?.path || 'event' });
      return {
        ok: false,
        outcome: 'malformed',
        message: `Malformed phone event: ${fields.map((f) => `${f.path || 'event'}: ${f.message}`).join('; ')}`,
        fields,
      };
    }
    const event = parsed.data;
    const key = `${source}:${event.callId}`;
    if (this.otherExtension.has(key)) return this.ignored(source, event, 'other_extension');
    const result = withoutFsync(db, () => db.transaction(() => this.apply(source, event, settings, key))());
    if (result.ok && result.outcome === 'applied') {
      logger.info('phone.event', { source, reason: event.kind });
      this.changed();
    } else if (result.ok) {
      logger.debug('phone.ignored', { source, reason: result.outcome });
    } else {
      logger.warn('phone.refused', { source, reason: result.outcome });
    }
    return result;
  }

  private ignored(source: PhoneSource, _event: PhoneEvent, outcome: 'other_extension'): IntakeOutcome {
    this.deps.logger.debug('phone.ignored', { source, reason: outcome });
    return { ok: true, outcome };
  }

  private apply(source: PhoneSource, event: PhoneEvent, settings: PhoneSettings, key: string): IntakeOutcome {
    const { db, clock } = this.deps;
    const now = clock.now().toISOString();
    const row = findPhoneCall(db, source, event.callId);
    if (event.kind === 'ringing') {
      if (row) return { ok: true, outcome: 'duplicate', row };
      if (this.endedBeforeRinging.has(key)) return { ok: true, outcome: 'late' };
      if (settings.extension && event.to && extensionKey(event.to) !== extensionKey(settings.extension)) {
        this.otherExtension.add(key);
        return { ok: true, outcome: 'other_extension' };
      }
      insertRinging(db, { id: newId(), source, call_id: event.callId, from_number: event.from, to_number: event.to, rang_at: event.at, created_at: now });
      this.received.set(event.callId, Date.now());
      return { ok: true, outcome: 'applied', row: findPhoneCall(db, source, event.callId)! };
    }
    if (!row) {
      if (event.kind === 'ended') this.endedBeforeRinging.add(key);
      return { ok: false, outcome: 'unknown_call', message: `No ringing call with id ${event.callId} from ${source}` };
    }
    // a source's clock may put answer or hang-up a moment before the ring it follows: never before
    const after = (at: string, floor: string | null) => (floor && at < floor ? floor : at);
    if (event.kind === 'answered') {
      if (row.status === 'ringing') {
        const answeredAt = after(event.at, row.rang_at);
        db.prepare("UPDATE phone_calls SET status = 'answered', answered_at = ?, updated_at = ? WHERE id = ?").run(answeredAt, now, row.id);
        const next = { ...row, status: 'answered' as const, answered_at: answeredAt, updated_at: now };
        if (!next.console_call_id) this.deps.onAnswered?.(next);
        return { ok: true, outcome: 'applied', row: next };
      }
      if (row.status === 'missed' && row.ended_at && event.at <= row.ended_at) {
        // the answer arrived after the hang-up it preceded: it was talked to, not missed
        const answeredAt = after(event.at, row.rang_at);
        db.prepare("UPDATE phone_calls SET status = 'ended', answered_at = ?, updated_at = ? WHERE id = ?").run(answeredAt, now, row.id);
        return { ok: true, outcome: 'applied', row: { ...row, status: 'ended', answered_at: answeredAt } };
      }
      return { ok: true, outcome: row.answered_at ? 'duplicate' : 'late', row };
    }
    // ended
    if (row.status === 'ended' || row.status === 'missed') return { ok: true, outcome: 'duplicate', row };
    const endedAt = after(event.at, row.answered_at ?? row.rang_at);
    const status = row.status === 'ringing' ? 'missed' : 'ended';
    db.prepare('UPDATE phone_calls SET status = ?, ended_at = ?, end_cause = ?, updated_at = ? WHERE id = ?').run(status, endedAt, event.cause, now, row.id);
    const consoleCallId = (db.prepare('SELECT console_call_id FROM phone_calls WHERE id = ?').pluck().get(row.id) as string | null) ?? null;
    if (status === 'ended' && consoleCallId) {
      // the caller hung up: after-call work runs from here (as F4 would)
      db.prepare("UPDATE calls SET ended_at = coalesce(ended_at, @at), updated_at = @now WHERE id = @id AND status = 'open'").run({
        id: consoleCallId,
        at: endedAt,
        now,
      });
    }
    this.received.delete(event.callId);
    return { ok: true, outcome: 'applied', row: { ...row, status, ended_at: endedAt, end_cause: event.cause, console_call_id: consoleCallId } };
  }
}
