// Helpers for the phone integration's tests: a logger that keeps its lines (sanitised exactly as the
// file logger would write them) and a core with a phone source switched on.
import { sanitise, type Logger, type LogLevel } from '../../electron/core/infra/logger';
import { startCore, type Core } from '../../electron/core/entry/start-core';
import type { Clock } from '../../electron/core/infra/clock';
import { newId } from '../../electron/core/infra/ids';
import { updatePhoneSettings } from '../../electron/core/phone/settings';
import type { Input } from '../../shared/contract';

export interface LogLine {
  level: LogLevel;
  event: string;
  fields: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = (level: LogLevel, event: string, fields?: object) => lines.push({ level, event, fields: sanitise(fields) });
  return {
    lines,
    log,
    debug: (e, f) => log('debug', e, f),
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
    dir: null,
    failedWrites: 0,
  };
}

/** A core on :memory: with agent "Test Agent" signed in and the phone settings given. */
export function phoneCore(
  clock: Clock,
  settings: Input<'phone.configure'>,
  options: { signedIn?: boolean; logger?: Logger; dbFile?: string; phoneListener?: boolean } = {},
): Core {
  const core = startCore({
    dbFile: options.dbFile ?? ':memory:',
    transport: 'browser',
    version: 'test',
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.phoneListener ? { phoneListener: true } : {}),
  });
  updatePhoneSettings(core.db, settings);
  core.phone.runtime.applySettings();
  if (options.signedIn !== false) {
    const agentId = newId();
    core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Test Agent', 'agent', '2026-01-01T00:00:00.000Z')").run(agentId);
    void core.dispatch('session.signIn', { agentId });
  }
  return core;
}

export const phoneRows = (core: Core) =>
  core.db
    .prepare(
      'SELECT call_id, status, from_number, to_number, rang_at, answered_at, ended_at, end_cause, console_call_id FROM phone_calls ORDER BY rang_at, call_id',
    )
    .all() as {
    call_id: string;
    status: string;
    from_number: string;
    to_number: string;
    rang_at: string;
    answered_at: string | null;
    ended_at: string | null;
    end_cause: string;
    console_call_id: string | null;
  }[];
