// The app's log: one JSON line per event in logs/call-console.log, rotated at ~1 MB, 5 old files
// kept. Invariant: no personal data reaches the file. The API takes an event name and fields that
// are numbers, booleans or null; strings are accepted only under the known-safe keys below and only
// when they match that key's pattern (a method name, an error code, …). Anything else is written as
// "[dropped]". Error messages are never logged (they can quote what a caller said); an internal
// error is logged as its class name, SQLite code and stack frames reduced to file:line.
// Invariant 2: logging never throws and never blocks the app for long; a failed write is counted.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMethod } from '../../../shared/contract';
import { errorCodes } from '../../../shared/errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Strings allowed in a log line, and what each must look like. */
const safeStrings = {
  method: (v: string) => isMethod(v) || v === 'backup' || v === 'startup',
  code: (v: string) => (errorCodes as readonly string[]).includes(v) || /^[A-Z][A-Z0-9_]{1,60}$/.test(v),
  rule: (v: string) => /^[A-Za-z0-9_]{1,40}$/.test(v),
  errorName: (v: string) => /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(v),
  transport: (v: string) => v === 'electron' || v === 'browser',
  platform: (v: string) => /^[a-z0-9]{2,12}$/.test(v),
  arch: (v: string) => /^[a-z0-9_]{2,12}$/.test(v),
  version: (v: string) => /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]{1,30})?$/.test(v),
  /** stack frames as "function@file.js:line:col", built by errorFields() */
  frames: (v: string) => /^[\w$.<>@:?\- ]{0,600}$/.test(v),
  /** a phone source and why an event of it was not applied (electron/core/phone/) */
  source: (v: string) => v === 'hooks' || v === 'http' || v === 'baresip',
  reason: (v: string) => /^[a-z_]{1,40}$/.test(v),
  /** a field of a refused phone event (a name, never its value) */
  field: (v: string) => /^[A-Za-z][A-Za-z0-9.]{0,60}$/.test(v),
} as const;
export type SafeStringKey = keyof typeof safeStrings;

/** Compile-time half of the invariant: a string is accepted only under a safe key. */
export type LogFields<F> = { [K in keyof F]: K extends SafeStringKey ? string | undefined : number | boolean | null | undefined };
type Log = <F extends LogFields<F>>(event: string, fields?: F) => void;

export interface Logger {
  log<F extends LogFields<F>>(level: LogLevel, event: string, fields?: F): void;
  debug: Log;
  info: Log;
  warn: Log;
  error: Log;
  /** the folder of the log file, or null for a logger that writes nowhere */
  readonly dir: string | null;
  /** writes that failed (disk full, read-only folder); shown in About */
  readonly failedWrites: number;
}

const eventName = /^[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+){0,3}$/;

/** The one place that decides what a field may carry. Exported for the tests. */
export function sanitise(fields: object = {}): Record<string, number | boolean | string | null> {
  const out: Record<string, number | boolean | string | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!/^[a-zA-Z][a-zA-Z0-9]{0,40}$/.test(key) || value === undefined) continue;
    if (typeof value === 'number') out[key] = Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null;
    else if (typeof value === 'boolean' || value === null) out[key] = value;
    else if (typeof value === 'string' && key in safeStrings && safeStrings[key as SafeStringKey](value)) out[key] = value;
    else out[key] = '[dropped]';
  }
  return out;
}

/** What may be logged about an unexpected error: its class, a SQLite code, where it was thrown. */
export function errorFields(err: unknown): { [K in 'errorName' | 'code' | 'frames']?: string } {
  if (!(err instanceof Error)) return { errorName: 'NonError' };
  const fields: { [K in 'errorName' | 'code' | 'frames']?: string } = { errorName: err.constructor?.name || err.name };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') fields.code = code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 6)
    .map((line) => {
      const m = /^\s+at (?:(.+?) \()?(?:.*[\\/])?([^\\/()]+?):(\d+):(\d+)\)?$/.exec(line);
      if (!m) return '?';
      const fn = (m[1] ?? '').replace(/[^\w$.<>]/g, '').slice(0, 60);
      return `${fn}@${m[2]!.replace(/[^\w.-]/g, '')}:${m[3]}:${m[4]}`;
    });
  if (frames.length) fields.frames = frames.join(' ');
  return fields;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  /** rotate when the file would grow past this many bytes */
  maxBytes?: number;
  /** rotated files kept: call-console.log.1 … .N */
  keep?: number;
  level?: LogLevel;
  now?: () => Date;
}

export const logFileName = 'call-console.log';

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { dir, fileName = logFileName, maxBytes = 1024 * 1024, keep = 5, level = 'info', now = () => new Date() } = options;
  const file = join(dir, fileName);
  let size: number | undefined;
  let failedWrites = 0;

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  }

  function write(line: string): void {
    try {
      if (size === undefined) {
        mkdirSync(dir, { recursive: true });
        try {
          size = statSync(file).size;
        } catch {
          size = 0;
        }
      }
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line);
      size += bytes;
    } catch {
      failedWrites += 1;
      size = undefined; // look again next time (the folder may have come back)
    }
  }

  const logger: Logger = {
    log(at, event, fields?: object) {
      if (levelRank[at] < levelRank[level]) return;
      const name = eventName.test(event) ? event : 'invalid.event';
      write(`${JSON.stringify({ t: now().toISOString(), level: at, event: name, ...sanitise(fields) })}\n`);
    },
    debug: (event, fields) => logger.log('debug', event, fields),
    info: (event, fields) => logger.log('info', event, fields),
    warn: (event, fields) => logger.log('warn', event, fields),
    error: (event, fields) => logger.log('error', event, fields),
    dir,
    get failedWrites() {
      return failedWrites;
    },
  };
  return logger;
}

/** For tests and for runs without a log folder. */
export const nullLogger: Logger = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  dir: null,
  failedWrites: 0,
};

export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const v = env.CALL_CONSOLE_LOG_LEVEL;
  return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' ? v : 'info';
}
