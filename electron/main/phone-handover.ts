// Softphone hooks run `"Call Console" --phone ring --from <number> [--call <id>]` once per event.
// That second process cannot open the database; Electron's single-instance lock hands its command
// line to the running console (the 'second-instance' event), which delivers the event here and the
// second process quits. A ring brings the console to the front: that is the screen pop.
import type { App } from 'electron';
import { UsageError } from '../core/entry/args';
import { parseHookArgs, phoneArguments, type HookCommand } from '../core/phone/hooks';
import type { SourceOutcome } from '../core/phone/runtime';

export interface HandoverTarget {
  deliver(command: HookCommand): SourceOutcome;
  focus(): void;
  /** a refused or unreadable hook: one log line (no numbers) */
  refused(reason: string): void;
}

/** Delivers the phone hook in `argv`, if there is one; true when argv was a phone hook. */
export function deliverPhoneArgs(argv: readonly string[], target: HandoverTarget): boolean {
  const args = phoneArguments(argv);
  if (!args) return false;
  let command: HookCommand;
  try {
    command = parseHookArgs(args).command;
  } catch (err) {
    target.refused(err instanceof UsageError ? 'usage' : 'unreadable');
    return true;
  }
  const outcome = target.deliver(command);
  if (!outcome.ok) target.refused(outcome.outcome);
  if (command.event === 'ring' && outcome.ok) target.focus();
  return true;
}

/** The running console's side: a second start either carries a phone hook or just wants the window. */
export function wireSecondInstance(app: Pick<App, 'on'>, target: () => HandoverTarget | null, focus: () => void): void {
  app.on('second-instance', (_event, argv) => {
    const t = target();
    if (t && deliverPhoneArgs(argv, t)) return;
    focus();
  });
}
