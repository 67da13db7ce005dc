// Softphone command hooks (MicroSIP's cmdIncomingCall / cmdCallAnswer / cmdCallEnd, or any script
// that runs a command per event): `--phone ring --from <number> [--to <ext>] [--call <id>]`,
// `--phone answer [--call <id>]`, `--phone hangup [--call <id>] [--cause <text>]`.
import { parseFlags, UsageError } from '../entry/args';
import type { PhoneEventInput } from '../../../shared/schemas/phone';

export interface HookCommand {
  event: 'ring' | 'answer' | 'hangup';
  from?: string;
  to?: string;
  call?: string;
  cause?: string;
}

const hookFlags = {
  from: { type: 'string' },
  to: { type: 'string' },
  call: { type: 'string' },
  cause: { type: 'string' },
} as const;

/** `ring --from 138… --call 7` (what follows `--phone` or `phone`) → the command; UsageError when wrong. */
export function parseHookArgs(argv: readonly string[], extraFlags: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values, positionals } = parseFlags([...argv], { ...hookFlags, ...extraFlags });
  const event = positionals[0];
  if (event !== 'ring' && event !== 'answer' && event !== 'hangup') {
    throw new UsageError(`phone event must be ring, answer or hangup, got "${event ?? ''}"`);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected "${positionals[1]}" after ${event}`);
  const v = values as Record<string, string | boolean | undefined>;
  if (event === 'ring' && !v.from) throw new UsageError('phone ring needs --from <number>');
  const command: HookCommand = { event };
  for (const k of ['from', 'to', 'call', 'cause'] as const) if (typeof v[k] === 'string') command[k] = v[k];
  return { command, values: v };
}

/** The hook arguments in a process's command line (`"Call Console" --phone ring --from …`), or null. */
export function phoneArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--phone');
  return at < 0 ? null : argv.slice(at + 1);
}

/** A JSON body as the hook route receives it (the CLI sends this) → the command; throws UsageError. */
export function hookFromBody(body: unknown): HookCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UsageError('body must be a JSON object');
  const b = body as Record<string, unknown>;
  const event = b.event;
  if (event !== 'ring' && event !== 'answer' && event !== 'hangup') throw new UsageError(`event must be ring, answer or hangup, got "${String(event ?? '')}"`);
  const command: HookCommand = { event };
  for (const k of ['from', 'to', 'call', 'cause'] as const) {
    if (b[k] === undefined || b[k] === null) continue;
    if (typeof b[k] !== 'string') throw new UsageError(`${k} must be text`);
    command[k] = b[k];
  }
  return command;
}

export interface HookCalls {
  /** the oldest ringing call of this source */
  oldestRinging(): string | undefined;
  /** the answered call still going on, else the oldest ringing one */
  current(): string | undefined;
}

/**
 * The command → the internal event. A hook without --call names the call the agent sees: a new
 * id for a ring, the oldest ringing call for answer, the current call for hangup. Undefined: there
 * is no such call.
 */
export function hookToEvent(command: HookCommand, at: string, calls: HookCalls, newCallId: () => string): PhoneEventInput | undefined {
  switch (command.event) {
    case 'ring':
      return { kind: 'ringing', callId: command.call ?? newCallId(), from: command.from ?? '', to: command.to ?? '', at };
    case 'answer': {
      const callId = command.call ?? calls.oldestRinging();
      return callId === undefined ? undefined : { kind: 'answered', callId, at };
    }
    case 'hangup': {
      const callId = command.call ?? calls.current();
      return callId === undefined ? undefined : { kind: 'ended', callId, at, cause: command.cause ?? '' };
    }
  }
}
