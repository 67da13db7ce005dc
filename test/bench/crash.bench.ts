// Crash safety at length: CRASH_KILLS (default 400) SIGKILLs at random moments of a child writing
// calls and autosaves (test/helpers/crash-harness.ts). The suite runs 200; this runs more.
import { runCrashKills } from '../helpers/crash-harness';
import { figure } from './stats';

async function main(): Promise<void> {
  const report = await runCrashKills({ kills: Number(process.env.CRASH_KILLS ?? 400), log: (line) => console.error(line) });
  figure('crash_kills', report.kills, 'kills', 0);
  figure('crash_kills_mid_writing', report.killsAfterWrites, 'kills', 0);
  figure('crash_acknowledged_writes', report.acknowledged, 'writes', 0);
  figure('crash_lost_acknowledged', report.lostAcknowledged, 'writes', 0);
  figure('crash_integrity_failures', report.integrityFailures.length, 'checks', 0);
  figure('crash_seconds', report.seconds, 's', 1);
  if (report.lostAcknowledged > 0 || report.integrityFailures.length > 0) {
    console.error(report.integrityFailures.slice(0, 5).join('\n'));
    process.exit(1);
  }
}

void main();
