// Crash safety: SIGKILL at random moments, at least 200 times (CRASH_KILLS), never loses an
// acknowledged write and never leaves a database that fails integrity_check.
import { runCrashKills } from '../../../../helpers/crash-harness';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);

test(`${KILLS} SIGKILLs at random moments: integrity ok and every acknowledged write kept`, { timeout: 240_000 }, async () => {
  const report = await runCrashKills({ kills: KILLS });
  console.log(
    `crash: ${report.kills} kills (${report.killsAfterWrites} mid-writing), ${report.acknowledged} acknowledged writes, ${report.lostAcknowledged} lost, ${report.seconds.toFixed(1)} s`,
  );
  expect(report.kills).toBe(KILLS);
  expect(report.integrityFailures).toEqual([]);
  expect(report.lostAcknowledged).toBe(0);
  // the kills really landed while writing, not only before the first write
  expect(report.killsAfterWrites).toBeGreaterThan(KILLS / 5);
  expect(report.acknowledged).toBeGreaterThan(KILLS);
});
